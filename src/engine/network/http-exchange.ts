import type { HttpResponse } from '../apps/types';
import type { ServedResponse } from '../kubelet/netns';
import type { Connected } from './model';
import { podAt, INGRESS_CONTROLLER_ID, type NetEnv } from './route';
import { apiserverReply } from './apiserver-endpoint';
import { kubeletHttpReply, type KubeletRequest, type KubeletResponse } from '../kubelet/server';

/** An HTTP request as a client sends it. */
export interface HttpCall {
  method: string;
  path: string;
  /** The Host header. */
  host: string;
  userAgent: string;
  headers: Record<string, string>;
  /** Whether the client speaks TLS (https://). */
  tls?: boolean;
  /** Who the client certificate says the client is (curl --cert), for the kubelet's authn. */
  clientCert?: { user: string; groups: string[] };
}

/** A response as the client receives it: status line, headers in order, body. */
export interface HttpReply {
  status: number;
  headers: [string, string][];
  body: string;
  /** Virtual ms the server spent. */
  serverMs: number;
  /** When a proxy (the ingress controller) forwarded it: the endpoint and pod that answered. */
  upstream?: { endpoint: string; pod?: string; path: string[] };
  /** Set when the server works on it for a while: it arrives only if that process lives that long. */
  held?: HeldResponse;
}

/** A response a container run owes after `holdMs`; the network settles it then (network/pending.ts). */
export interface HeldResponse {
  node: string;
  podUid: string;
  container: string;
  containerId: string;
  holdMs: number;
}

const REASONS: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? '';
}

/** RFC 7231 date, as servers put in `Date:`. */
export function httpDate(wallMs: number): string {
  return new Date(wallMs).toUTCString();
}

/** The kubelet's HTTPS API (port 10250). */
interface HttpsServer {
  serveHttps(request: KubeletRequest): KubeletResponse | undefined;
}

/** Anything that serves HTTP for a whole node address (the ingress controller). */
export interface HttpFrontend {
  serveHttp(env: NetEnv, call: HttpCall, node: string, remoteAddr: string): HttpReply;
}

/** Virtual ms a program takes to answer, by kind. */
function serverMs(env: NetEnv, kind: string): number {
  const [lo, hi] = kind === 'nginx' ? [0.2, 0.6] : kind === 'coredns' ? [0.1, 0.3] : [0.8, 2.5];
  const base = lo + (hi - lo) * env.rng.float();
  // A long tail, as real servers have (scheduling, GC): exponential with a fifth of the ceiling
  // as its mean, so p99 sits a few times above the median rather than at it.
  const tail = -Math.log(1 - env.rng.float() * 0.999999) * hi * 0.2;
  return base + tail;
}

/** The headers the simulated program sends, in the order it sends them. */
export function responseHeaders(served: ServedResponse, wallMs: number): [string, string][] {
  const { res, kind, version } = served;
  const length = String(utf8Length(res.body));
  const extra = Object.entries(res.headers ?? {});
  if (kind === 'nginx') {
    const html = res.status === 200;
    return [
      ['Server', `nginx/${version}`],
      ['Date', httpDate(wallMs)],
      ['Content-Type', 'text/html'],
      ['Content-Length', length],
      ...(html ? ([['Last-Modified', 'Wed, 16 Apr 2025 12:01:11 GMT'], ['Connection', 'keep-alive'], ['ETag', `"67ff9c07-${Number(length).toString(16)}"`], ['Accept-Ranges', 'bytes']] as [string, string][]) : [['Connection', 'keep-alive'] as [string, string]]),
      ...extra,
    ];
  }
  return [['Content-Type', 'text/plain; charset=utf-8'], ...extra, ['Date', httpDate(wallMs)], ['Content-Length', length]];
}

/**
 * Send one HTTP request over an open connection. A pod's process answers itself; a node's
 * port 80 is the ingress controller, which proxies on to a pod. Undefined means the process
 * went away meanwhile (the connection is reset).
 */
export function exchange(env: NetEnv, conn: Connected, call: HttpCall, remoteAddr: string, wallMs: number): HttpReply | undefined {
  if (conn.target.kind === 'apiserver') return apiserverReply(env, call, call.tls ?? false, wallMs);
  if (conn.target.kind === 'kubelet') {
    const kubelet = env.lookup(`kubelet/${conn.target.node}`) as Partial<HttpsServer> | undefined;
    const res = call.tls ? kubelet?.serveHttps?.({ method: call.method, path: call.path, headers: call.headers, ...(call.clientCert ? { clientCert: call.clientCert } : {}) }) : undefined;
    return kubeletHttpReply(res, call.tls ?? false, wallMs);
  }
  if (conn.target.kind === 'ingress') {
    const frontend = env.lookup(INGRESS_CONTROLLER_ID) as Partial<HttpFrontend> | undefined;
    return frontend?.serveHttp?.(env, call, conn.target.node, remoteAddr);
  }
  const pod = podAt(env, conn.target.ip);
  const port = Number(conn.endpoint.split(':')[1]);
  const served = pod?.netns.http({ method: call.method, path: call.path, port, remoteAddr, userAgent: call.userAgent, headers: call.headers });
  if (!served) return undefined;
  const holdMs = served.res.durationMs ?? 0;
  const reply: HttpReply = { status: served.res.status, headers: responseHeaders(served, wallMs), body: served.res.body, serverMs: holdMs + serverMs(env, served.kind) };
  if (holdMs > 0) reply.held = { node: pod!.node, ...served.by, holdMs };
  return reply;
}

export type { HttpResponse };

/** Bytes of `text` in UTF-8, as Content-Length counts them. */
export function utf8Length(text: string): number {
  if (/^[\x00-\x7f]*$/.test(text)) return text.length;
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}
