import { parseUrl } from '../../../engine/network/url';
import type { Cluster } from '../../../engine/cluster';
import { awaitReply } from './await-reply';
import type { RequestOutcome } from '../../../engine/network/index';
import { reasonPhrase } from '../../../engine/network/index';
import type { Command, CommandContext, CommandResult } from '../../types';
import { expandShort, needNetwork, secondsToMs, type NetHostOf } from './context';
import { connectFailure, headerBlock, writeOut } from './curl-text';
import { PROGRESS_HEADER, progressLine } from './progress';
import { routeLines, upstreamLine } from './trace';
import { clientCertIdentity, type CertIdentity } from '../runtime/kubelet-client';

const TRY = "curl: try 'curl --help' or 'curl --manual' for more information\n";
const CURL_VERSION = '8.14.1';

interface CurlOptions {
  url?: string;
  silent: boolean;
  showError: boolean;
  verbose: boolean;
  head: boolean;
  include: boolean;
  fail: boolean;
  insecure: boolean;
  traceRoute: boolean;
  output?: string;
  maxTimeMs?: number;
  connectTimeoutMs?: number;
  writeOut?: string;
  method?: string;
  headers: Record<string, string>;
  userAgent: string;
  data?: string;
  cert?: string;
}

const FLAGS: Record<string, keyof CurlOptions> = {
  '-s': 'silent', '--silent': 'silent', '-S': 'showError', '--show-error': 'showError', '-v': 'verbose', '--verbose': 'verbose',
  '-I': 'head', '--head': 'head', '-i': 'include', '--include': 'include', '-f': 'fail', '--fail': 'fail',
  '-k': 'insecure', '--insecure': 'insecure', '--trace-route': 'traceRoute',
};
const IGNORED = new Set(['-L', '--location', '-4', '--ipv4', '--http1.1', '-N', '--no-buffer', '--compressed', '-#', '--progress-bar']);
const WITH_VALUE = 'omwHXAdxeE';

function parse(argv: string[]): CurlOptions | string {
  const o: CurlOptions = { silent: false, showError: false, verbose: false, head: false, include: false, fail: false, insecure: false, traceRoute: false, headers: {}, userAgent: `curl/${CURL_VERSION}` };
  const args = expandShort(argv, WITH_VALUE);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const flag = FLAGS[a];
    if (flag) {
      (o as unknown as Record<string, boolean>)[flag] = true;
      continue;
    }
    if (IGNORED.has(a)) continue;
    const [name, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string | undefined => inline ?? args[++i];
    switch (name) {
      case '-o': case '--output': o.output = value(); break;
      case '-m': case '--max-time': { const ms = secondsToMs(value()); if (ms === undefined) return 'curl: (2) option --max-time: expected a proper numerical parameter\n'; o.maxTimeMs = ms; break; }
      case '--connect-timeout': { const ms = secondsToMs(value()); if (ms === undefined) return 'curl: (2) option --connect-timeout: expected a proper numerical parameter\n'; o.connectTimeoutMs = ms; break; }
      case '-w': case '--write-out': o.writeOut = value(); break;
      case '-X': case '--request': o.method = value(); break;
      case '-A': case '--user-agent': o.userAgent = value() ?? ''; break;
      case '-d': case '--data': o.data = value(); break;
      case '-E': case '--cert': o.cert = value(); break;
      case '--key': case '--cacert': case '--capath': value(); break;
      case '-H': case '--header': { const h = value() ?? ''; const c = h.indexOf(':'); if (c > 0) o.headers[h.slice(0, c).trim()] = h.slice(c + 1).trim(); break; }
      default:
        if (a.startsWith('-') && a !== '-') return `curl: option ${a}: is unknown\n${TRY}`;
        o.url = a;
    }
  }
  return o;
}

/** curl's refusal of a URL it cannot use, before any connection: code and message. */
function urlRejection(url: string): { code: number; message: string } | undefined {
  if (parseUrl(url)) return undefined;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(url)?.[1];
  if (scheme && !['http', 'https'].includes(scheme.toLowerCase())) return { code: 1, message: `curl: (1) Protocol "${scheme}" not supported\n` };
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/(?:[/?#:]|$)/.test(url) || url.trim() === '') return { code: 3, message: 'curl: (3) URL rejected: No host part in the URL\n' };
  return { code: 3, message: 'curl: (3) URL rejected: Malformed input to a URL function\n' };
}

/** `curl`: an HTTP client whose requests cross the simulated network (DNS, kube-proxy rules, pods). */
export function createCurl(cluster: Cluster, hostOf: NetHostOf): Command {
  return (ctx) => {
    const o = parse(ctx.argv);
    if (typeof o === 'string') return { stdout: '', stderr: o, exitCode: 2 };
    if (!o.url) return { stdout: '', stderr: `curl: no URL specified\n${TRY}`, exitCode: 2 };
    const rejected = urlRejection(o.url);
    if (rejected) return { stdout: '', stderr: rejected.message, exitCode: rejected.code };
    const net = needNetwork(cluster, 'curl');
    if ('exitCode' in net) return net;
    const method = o.method ?? (o.head ? 'HEAD' : o.data !== undefined ? 'POST' : 'GET');
    let clientCert: CertIdentity | undefined;
    if (o.cert !== undefined) {
      const node = cluster.config.nodes.find((n) => n.name === ctx.host.name);
      const id = clientCertIdentity(ctx.host.fs, o.cert, ctx.host.name, node?.controlPlane ?? false);
      if (!id.ok) return { stdout: '', stderr: id.error, exitCode: 58 };
      clientCert = id.identity;
    }
    const sent = net.request(hostOf().client, o.url, { method, headers: o.headers, userAgent: o.userAgent, ...(clientCert ? { clientCert } : {}) });
    // A slow handler: wait for the answer, which comes only if its process lives that long.
    const { outcome, waitedMs } = awaitReply(ctx.host, net, sent, o.maxTimeMs);
    return render(ctx, o, outcome, method, waitedMs);
  };
}

/** What curl wrote so far, both streams in order (the verbose lines frame the body). */
class Out {
  readonly chunks: { stream: 'stdout' | 'stderr'; text: string }[] = [];

  stdout(text: string): void {
    if (text) this.chunks.push({ stream: 'stdout', text });
  }

  stderr(...texts: string[]): void {
    for (const text of texts) if (text) this.chunks.push({ stream: 'stderr', text });
  }

  result(exitCode: number): CommandResult {
    const of = (stream: 'stdout' | 'stderr') => this.chunks.filter((c) => c.stream === stream).map((c) => c.text).join('');
    return { stdout: of('stdout'), stderr: of('stderr'), exitCode, chunks: this.chunks };
  }
}

function render(ctx: CommandContext, o: CurlOptions, r: RequestOutcome, method: string, waitedMs: number): CommandResult {
  const w = new Out();
  const advance = (ms: number) => ctx.host.advance(Math.max(0, Math.ceil(ms) - waitedMs));
  // The meter shows when the body goes to a file; -s and -v turn it off.
  const meter = o.output !== undefined && o.output !== '-' && !o.silent && !o.verbose;
  const v = (line: string) => o.verbose && w.stderr(`${line}\n`);
  const host = r.url.host;
  const done = (code: number, message: string | undefined, ms: number): CommandResult => {
    advance(ms);
    if (o.writeOut) w.stdout(writeOut(o.writeOut, r, 0));
    if (meter) w.stderr(PROGRESS_HEADER, progressLine(0, ms));
    if (message) {
      v(`* ${message}`);
      v(`* closing connection #0`);
      if (!o.silent || o.showError) w.stderr(`curl: (${code}) ${message}\n`);
    }
    return w.result(code);
  };
  const max = o.maxTimeMs;
  if (r.dns?.ok && r.dns.fqdn !== host) {
    v(`* Host ${host}:${r.url.port} was resolved.`);
    v('* IPv6: (none)');
    v(`* IPv4: ${r.dns.ips.join(', ')}`);
  }
  if (r.dns && !r.dns.ok) {
    if (max !== undefined && r.dns.ms > max) return done(28, `Resolving timed out after ${max + 1} milliseconds`, max);
    return done(6, `Could not resolve host: ${host}`, r.dns.ms);
  }
  const ip = r.dns?.ok ? r.dns.ips[0]! : host;
  v(`*   Trying ${ip}:${r.url.port}...`);
  const conn = r.conn!;
  if (o.traceRoute || o.verbose) for (const line of routeLines(conn)) (o.verbose ? v : (l: string) => w.stderr(`${l}\n`))(line);
  const connectLimit = Math.min(max ?? Infinity, o.connectTimeoutMs ?? Infinity);
  if (!conn.ok) {
    if (conn.afterMs + (r.dns?.ms ?? 0) > connectLimit) return done(28, `Connection timed out after ${connectLimit + 1} milliseconds`, connectLimit);
    const total = conn.afterMs + (r.dns?.ms ?? 0);
    const code = conn.error === 'timeout' ? 28 : 7;
    if (conn.error === 'connection-refused') v(`* connect to ${ip} port ${r.url.port} from ${srcOf(r)} failed: Connection refused`);
    return done(code, connectFailure(host, r.url.port, total), total);
  }
  v(`* Connected to ${host} (${ip}) port ${r.url.port}`);
  const tlsServer = conn.target.kind === 'ingress' || conn.target.kind === 'apiserver' || conn.target.kind === 'kubelet';
  if (r.url.scheme === 'https' && !tlsServer) return done(35, 'OpenSSL/3.0.15: error:0A00010B:SSL routines::wrong version number', r.ms);
  if (r.url.scheme === 'https' && !o.insecure) return done(60, `SSL certificate problem: ${conn.target.kind === 'apiserver' ? 'unable to get local issuer certificate' : 'self-signed certificate'}\nMore details here: https://curl.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the webpage mentioned above.`, r.ms);
  v('* using HTTP/1.x');
  v(`> ${method} ${r.url.path} HTTP/1.1`);
  const custom = (name: string) => Object.keys(o.headers).some((k) => k.toLowerCase() === name);
  if (!custom('host')) v(`> Host: ${r.url.explicitPort ? `${host}:${r.url.port}` : host}`);
  else v(`> Host: ${Object.entries(o.headers).find(([k]) => k.toLowerCase() === 'host')![1]}`);
  v(`> User-Agent: ${o.userAgent}`);
  v('> Accept: */*');
  for (const [k, val] of Object.entries(o.headers)) if (k.toLowerCase() !== 'host') v(`> ${k}: ${val}`);
  v('> ');
  v('* Request completely sent off');
  if (max !== undefined && r.ms > max) return done(28, `Operation timed out after ${max + 1} milliseconds with 0 bytes received`, max);
  if (!r.reply) return done(56, 'Recv failure: Connection reset by peer', r.ms);
  const reply = r.reply;
  if (o.traceRoute || o.verbose) for (const line of upstreamLine(reply)) (o.verbose ? v : (l: string) => w.stderr(`${l}\n`))(line);
  v(`< HTTP/1.1 ${reply.status} ${reasonPhrase(reply.status)}`);
  for (const [k, val] of reply.headers) v(`< ${k}: ${val}`);
  v('< ');
  if (o.fail && reply.status >= 400) return done(22, `The requested URL returned error: ${reply.status}`, r.ms);
  const body = method === 'HEAD' ? '' : reply.body;
  const shown = (o.head || o.include ? headerBlock(r) : '') + body;
  if (o.output && o.output !== '-') {
    if (o.output !== '/dev/null') ctx.host.fs.write(ctx.host.fs.resolve(o.output), shown);
  } else w.stdout(shown);
  v(`* Connection #0 to host ${host} left intact`);
  if (meter) w.stderr(PROGRESS_HEADER, progressLine(body.length, r.ms));
  advance(r.ms);
  if (o.writeOut) w.stdout(writeOut(o.writeOut, r, body.length));
  return w.result(0);
}

function srcOf(r: RequestOutcome): string {
  const c = r.conn;
  return c && 'srcIP' in c ? `${c.srcIP} port ${c.srcPort}` : 'port 0';
}
