/**
 * busybox `wget` (busybox and alpine-based images): `wget -qO- URL`, `-O FILE`, `-T SEC`,
 * `--spider`. Shared by the terminal's hosts (which wait in virtual time for a slow reply) and a
 * container's own shell (which sleeps until it is due): both parse the same way and report a
 * settled outcome with the same bytes.
 */
import { reasonPhrase, type RequestOutcome } from '../../network/index';
import { expandShort, secondsToMs } from './args';

export const WGET_USAGE =
  'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n\nRetrieve files via HTTP or FTP\n';

export interface WgetOptions {
  quiet: boolean;
  spider: boolean;
  output?: string;
  timeoutMs: number;
  url: string;
}

/** What a run printed and the virtual ms it took. */
export interface ToolRun {
  stdout: string;
  stderr: string;
  exitCode: number;
  ms: number;
}

export function parseWget(argv: string[]): WgetOptions | ToolRun {
  const args = expandShort(argv, 'OTUoP');
  const options: Partial<WgetOptions> & { quiet: boolean; spider: boolean; timeoutMs: number } = { quiet: false, spider: false, timeoutMs: 900_000 };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-q' || a === '--quiet') options.quiet = true;
    else if (a === '--spider') options.spider = true;
    else if (a === '-O') options.output = args[++i];
    else if (a === '-T' || a === '--timeout') options.timeoutMs = secondsToMs(args[++i]) ?? options.timeoutMs;
    else if (a.startsWith('-') && a !== '-') return { stdout: '', stderr: `wget: unrecognized option '${a}'\n${WGET_USAGE}`, exitCode: 1, ms: 0 };
    else options.url = a;
  }
  if (!options.url) return { stdout: '', stderr: WGET_USAGE, exitCode: 1, ms: 0 };
  return options as WgetOptions;
}

export const isToolRun = (x: WgetOptions | ToolRun): x is ToolRun => 'exitCode' in x;

/** The report of a settled request; `save` writes `-O FILE`. `ms` is what the run took in all. */
export function wgetReport(o: WgetOptions, r: RequestOutcome, save: (file: string, body: string) => void): ToolRun {
  const err: string[] = [];
  let out = '';
  const finish = (exitCode: number, ms: number): ToolRun => ({ stdout: out, stderr: err.join(''), exitCode, ms });
  const hostPort = `${r.url.host}${r.url.explicitPort ? `:${r.url.port}` : ''}`;
  if (r.dns && !r.dns.ok) {
    err.push(`wget: bad address '${hostPort}'\n`);
    return finish(1, r.dns.ms);
  }
  const ip = r.dns?.ok ? r.dns.ips[0]! : r.url.host;
  if (!o.quiet) err.push(`Connecting to ${hostPort} (${ip}:${r.url.port})\n`);
  const conn = r.conn!;
  if (!conn.ok) {
    if (conn.error === 'timeout' || conn.afterMs > o.timeoutMs) {
      err.push('wget: download timed out\n');
      return finish(1, Math.min(conn.afterMs, o.timeoutMs));
    }
    err.push(`wget: can't connect to remote host (${ip}): Connection refused\n`);
    return finish(1, conn.afterMs);
  }
  if (r.reply && r.ms > o.timeoutMs) {
    err.push('wget: download timed out\n');
    return finish(1, o.timeoutMs);
  }
  if (!r.reply) {
    err.push('wget: error getting response: Connection reset by peer\n');
    return finish(1, r.ms);
  }
  if (r.reply.status >= 400) {
    err.push(`wget: server returned error: HTTP/1.1 ${r.reply.status} ${reasonPhrase(r.reply.status)}\n`);
    return finish(1, r.ms);
  }
  if (o.spider) {
    if (!o.quiet) err.push('remote file exists\n');
    return finish(0, r.ms);
  }
  const file = o.output ?? (r.url.path.replace(/[?#].*$/, '').split('/').pop() || 'index.html');
  const bar = (name: string) => `${name.padEnd(20).slice(0, 20)} 100% |********************************| ${String(r.reply!.body.length).padStart(7)}  0:00:00 ETA\n`;
  if (file === '-') {
    out = r.reply.body;
    if (!o.quiet) err.push('writing to stdout\n', bar('-'), 'written to stdout\n');
  } else {
    if (!o.quiet) err.push(`saving to '${file}'\n`);
    save(file, r.reply.body);
    if (!o.quiet) err.push(bar(file), `'${file}' saved\n`);
  }
  return finish(0, r.ms);
}
