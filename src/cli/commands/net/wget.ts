import { awaitReply } from './await-reply';
import type { Cluster } from '../../../engine/cluster';
import { reasonPhrase } from '../../../engine/network/index';
import type { Command } from '../../types';
import { expandShort, needNetwork, secondsToMs, type NetHostOf } from './context';

const USAGE = 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n\nRetrieve files via HTTP or FTP\n';

/** busybox `wget` (the one in busybox and alpine-based images): `wget -qO- URL`, `-T SEC`, `--spider`. */
export function createWget(cluster: Cluster, hostOf: NetHostOf): Command {
  return (ctx) => {
    const args = expandShort(ctx.argv, 'OTUoP');
    let quiet = false;
    let spider = false;
    let output: string | undefined;
    let timeoutMs = 900_000;
    let url: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-q' || a === '--quiet') quiet = true;
      else if (a === '--spider') spider = true;
      else if (a === '-O') output = args[++i];
      else if (a === '-T' || a === '--timeout') timeoutMs = secondsToMs(args[++i]) ?? timeoutMs;
      else if (a.startsWith('-') && a !== '-') return { stdout: '', stderr: `wget: unrecognized option '${a}'\n${USAGE}`, exitCode: 1 };
      else url = a;
    }
    if (!url) return { stdout: '', stderr: USAGE, exitCode: 1 };
    const net = needNetwork(cluster, 'wget');
    if ('exitCode' in net) return net;
    const sent = net.request(hostOf().client, url, { method: spider ? 'HEAD' : 'GET', userAgent: 'Wget' });
    // A slow handler: wait for its answer, up to the timeout; it comes only if its process lives.
    const { outcome: r, waitedMs: waited } = awaitReply(ctx.host, net, sent, timeoutMs);
    const err: string[] = [];
    const finish = (code: number, ms: number) => {
      ctx.host.advance(Math.max(0, Math.ceil(ms) - waited));
      return { stdout: out, stderr: err.join(''), exitCode: code };
    };
    let out = '';
    if (r.dns && !r.dns.ok) {
      err.push(`wget: bad address '${r.url.host}${r.url.explicitPort ? `:${r.url.port}` : ''}'\n`);
      return finish(1, r.dns.ms);
    }
    const ip = r.dns?.ok ? r.dns.ips[0]! : r.url.host;
    if (!quiet) err.push(`Connecting to ${r.url.host}${r.url.explicitPort ? `:${r.url.port}` : ''} (${ip}:${r.url.port})\n`);
    const conn = r.conn!;
    if (!conn.ok) {
      if (conn.error === 'timeout' || conn.afterMs > timeoutMs) {
        err.push('wget: download timed out\n');
        return finish(1, Math.min(conn.afterMs, timeoutMs));
      }
      err.push(`wget: can't connect to remote host (${ip}): Connection refused\n`);
      return finish(1, conn.afterMs);
    }
    if (r.reply && r.ms > timeoutMs) {
      err.push('wget: download timed out\n');
      return finish(1, timeoutMs);
    }
    if (!r.reply) {
      err.push('wget: error getting response: Connection reset by peer\n');
      return finish(1, r.ms);
    }
    if (r.reply.status >= 400) {
      err.push(`wget: server returned error: HTTP/1.1 ${r.reply.status} ${reasonPhrase(r.reply.status)}\n`);
      return finish(1, r.ms);
    }
    if (spider) {
      if (!quiet) err.push('remote file exists\n');
      return finish(0, r.ms);
    }
    const file = output ?? (r.url.path.replace(/[?#].*$/, '').split('/').pop() || 'index.html');
    const bar = (name: string) => `${name.padEnd(20).slice(0, 20)} 100% |********************************| ${String(r.reply!.body.length).padStart(7)}  0:00:00 ETA\n`;
    if (file === '-') {
      out = r.reply.body;
      if (!quiet) err.push('writing to stdout\n', bar('-'), 'written to stdout\n');
    } else {
      if (!quiet) err.push(`saving to '${file}'\n`);
      ctx.host.fs.write(ctx.host.fs.resolve(file), r.reply.body);
      if (!quiet) err.push(bar(file), `'${file}' saved\n`);
    }
    return finish(0, r.ms);
  };
}
