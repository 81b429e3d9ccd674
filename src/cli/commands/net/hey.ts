import type { Cluster } from '../../../engine/cluster';
import { parseDuration } from '../../../engine/sim/time';
import type { Command } from '../../types';
import { needNetwork, type NetHostOf } from './context';
import { runLoad, type LoadResult } from './load-runner';

const USAGE = `Usage: hey [options...] <url>

Options:
  -n  Number of requests to run. Default is 200.
  -c  Number of workers to run concurrently. Total number of requests cannot
      be smaller than the concurrency level. Default is 50.
  -q  Rate limit, in queries per second (QPS) per worker. Default is no rate limit.
  -z  Duration of application to send requests. When duration is reached,
      application stops and exits. If duration is specified, n is ignored.
      Examples: -z 10s -z 3m.
  -m  HTTP method, one of GET, POST, PUT, DELETE, HEAD, OPTIONS.
  -t  Timeout for each request in seconds. Default is 20, use 0 for infinite.
  -disable-keepalive    Disable keep-alive, prevents re-use of TCP
                        connections between different HTTP requests.
`;

const f4 = (s: number) => s.toFixed(4);

/** `hey`: the HTTP load generator, run in virtual time; its summary is hey's own layout. */
export function createHey(cluster: Cluster, hostOf: NetHostOf): Command {
  return (ctx) => {
    let n = 200;
    let c = 50;
    let q: number | undefined;
    let z: number | undefined;
    let method = 'GET';
    let timeoutMs = 20_000;
    let keepAlive = true;
    let url: string | undefined;
    const a = ctx.argv;
    for (let i = 0; i < a.length; i++) {
      const arg = a[i]!;
      const v = () => a[++i] ?? '';
      if (arg === '-n') n = Number(v());
      else if (arg === '-c') c = Number(v());
      else if (arg === '-q') q = Number(v());
      else if (arg === '-z') z = parseDuration(v());
      else if (arg === '-m') method = v().toUpperCase();
      else if (arg === '-t') timeoutMs = Number(v()) * 1000 || Infinity;
      else if (arg === '-disable-keepalive') keepAlive = false;
      else if (arg === '-H' || arg === '-o' || arg === '-T' || arg === '-d' || arg === '-A') v();
      else if (arg.startsWith('-')) return { stdout: '', stderr: `flag provided but not defined: ${arg}\n${USAGE}`, exitCode: 2 };
      else url = arg;
    }
    if (!url) return { stdout: '', stderr: USAGE, exitCode: 1 };
    if (!(c > 0) || !(n > 0)) return { stdout: '', stderr: `-n and -c cannot be smaller than 1.\n\n${USAGE}`, exitCode: 1 };
    if (z === undefined && n < c) return { stdout: '', stderr: `-n cannot be less than -c.\n\n${USAGE}`, exitCode: 1 };
    const net = needNetwork(cluster, 'hey');
    if ('exitCode' in net) return net;
    const full = /^[a-z]+:\/\//i.test(url) ? url : `http://${url}`;
    const started = ctx.host.now();
    const results = runLoad(ctx.host, net, { client: hostOf().client, url: full, label: 'hey', userAgent: 'hey/0.0.1', method, workers: c, ...(q ? { rpsPerWorker: q } : {}), ...(z !== undefined ? { durationMs: z } : { requests: n }), keepAlive, timeoutMs });
    return { stdout: heySummary(results, full, ctx.host.now() - started), stderr: '', exitCode: 0 };
  };
}

/** hey's report: summary, histogram, latency distribution, details, status codes and errors. */
export function heySummary(results: LoadResult[], url: string, totalMs: number): string {
  const lat = results.map((r) => r.ms / 1000);
  const ok = results.filter((r) => r.outcome.reply && !r.timedOut);
  const okLat = ok.map((r) => r.ms / 1000).sort((x, y) => x - y);
  const slowest = okLat.length ? okLat[okLat.length - 1]! : 0;
  const fastest = okLat.length ? okLat[0]! : 0;
  const average = okLat.length ? okLat.reduce((s, x) => s + x, 0) / okLat.length : 0;
  const size = ok.reduce((s, r) => s + (r.outcome.reply?.body.length ?? 0), 0);
  const total = totalMs / 1000;
  const out: string[] = ['', 'Summary:', `  Total:\t${f4(total)} secs`, `  Slowest:\t${f4(slowest)} secs`, `  Fastest:\t${f4(fastest)} secs`, `  Average:\t${f4(average)} secs`, `  Requests/sec:\t${f4(total > 0 ? lat.length / total : 0)}`];
  if (size > 0) out.push('  ', `  Total data:\t${size} bytes`, `  Size/request:\t${Math.floor(size / Math.max(1, ok.length))} bytes`);
  out.push('', 'Response time histogram:', ...histogram(okLat, fastest, slowest), '', 'Latency distribution:');
  for (const p of [10, 25, 50, 75, 90, 95, 99]) {
    const v = okLat[Math.min(okLat.length - 1, Math.floor((p / 100) * okLat.length))];
    if (v !== undefined && v > 0) out.push(`  ${p}%% in ${f4(v)} secs`.replace('%%', '%'));
  }
  const conn = ok.map((r) => (r.outcome.conn?.ok && r.outcome.dns ? r.outcome.conn.connectMs / 1000 : 0));
  const dns = ok.map((r) => (r.outcome.dns?.ms ?? 0) / 1000);
  const wait = ok.map((r) => (r.outcome.reply?.serverMs ?? 0) / 1000);
  const stat = (xs: number[]) => `${f4(xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length))} secs, ${f4(Math.max(0, ...xs))} secs, ${f4(xs.length ? Math.min(...xs) : 0)} secs`;
  out.push('', 'Details (average, fastest, slowest):', `  DNS+dialup:\t${stat(conn)}`, `  DNS-lookup:\t${stat(dns)}`, `  req write:\t${stat(ok.map(() => 0))}`, `  resp wait:\t${stat(wait)}`, `  resp read:\t${stat(ok.map(() => 0))}`, '', 'Status code distribution:');
  const codes = new Map<number, number>();
  for (const r of ok) codes.set(r.outcome.reply!.status, (codes.get(r.outcome.reply!.status) ?? 0) + 1);
  for (const [code, count] of [...codes].sort((x, y) => x[0] - y[0])) out.push(`  [${code}]\t${count} responses`);
  const errors = new Map<string, number>();
  for (const r of results) if (!r.outcome.reply || r.timedOut) errors.set(goError(r, url), (errors.get(goError(r, url)) ?? 0) + 1);
  out.push('');
  if (errors.size > 0) {
    out.push('Error distribution:');
    for (const [text, count] of [...errors].sort((x, y) => (x[0] < y[0] ? -1 : 1))) out.push(`  [${count}]\t${text}`);
  }
  return `${out.join('\n')}\n`;
}

function histogram(sorted: number[], fastest: number, slowest: number): string[] {
  const size = 10;
  const bs = (slowest - fastest) / size;
  const marks = Array.from({ length: size + 1 }, (_, i) => fastest + bs * i);
  const counts = marks.map(() => 0);
  let bi = 0;
  for (const x of sorted) {
    while (bi < size && x > marks[bi]!) bi++;
    counts[bi]!++;
  }
  const max = Math.max(1, ...counts);
  return marks.map((m, i) => `  ${m.toFixed(3)} [${counts[i]}]\t|${'■'.repeat(Math.floor((counts[i]! * 40) / max))}`);
}

/** The error text Go's net/http client reports for a failed request. */
function goError(r: LoadResult, url: string): string {
  const o = r.outcome;
  const prefix = `Get "${url}"`;
  if (r.timedOut) return `${prefix}: context deadline exceeded (Client.Timeout exceeded while awaiting headers)`;
  if (o.error === 'dns-failure') return `${prefix}: dial tcp: lookup ${o.url.host}: no such host`;
  const dst = `${o.dns?.ok ? o.dns.ips[0] : o.url.host}:${o.url.port}`;
  if (o.error === 'connection-refused') return `${prefix}: dial tcp ${dst}: connect: connection refused`;
  if (o.error === 'timeout') return `${prefix}: dial tcp ${dst}: i/o timeout`;
  return `${prefix}: EOF`;
}
