import type { RequestOutcome } from '../../../engine/network/index';
import { reasonPhrase } from '../../../engine/network/index';

/** The line curl prints for a failed connect, with the time it took. */
export function connectFailure(host: string, port: number, ms: number): string {
  return `Failed to connect to ${host} port ${port} after ${Math.round(ms)} ms: Couldn't connect to server`;
}

/** Headers of a response as `curl -i`/`-I` print them (CRLF line ends, as on the wire). */
export function headerBlock(o: RequestOutcome): string {
  const r = o.reply!;
  const lines = [`HTTP/1.1 ${r.status} ${reasonPhrase(r.status)}`, ...r.headers.map(([k, v]) => `${k}: ${v}`)];
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** `-w` format: the variables learners use, and \n escapes. */
export function writeOut(format: string, o: RequestOutcome, sizeDownload: number): string {
  const vars: Record<string, string> = {
    http_code: String(o.reply?.status ?? 0).padStart(3, '0'),
    response_code: String(o.reply?.status ?? 0).padStart(3, '0'),
    time_total: (o.ms / 1000).toFixed(6),
    time_connect: ((o.conn?.ok ? o.conn.connectMs + (o.dns?.ms ?? 0) : 0) / 1000).toFixed(6),
    time_namelookup: ((o.dns?.ms ?? 0) / 1000).toFixed(6),
    remote_ip: o.dns?.ok ? (o.dns.ips[0] ?? '') : '',
    remote_port: o.conn ? String(o.url.port) : '',
    size_download: String(sizeDownload),
    url_effective: `${o.url.scheme}://${o.url.host}${o.url.explicitPort ? `:${o.url.port}` : ''}${o.url.path}`,
    exitcode: '0',
  };
  return format
    .replace(/%\{(\w+)\}/g, (_m, name: string) => vars[name] ?? '')
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t')
    .replace(/\\r/g, '\r');
}
