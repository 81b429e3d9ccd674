import type { Pod } from 'kubernetes-types/core/v1';
import { checkpointGateEnabled } from '../cri/capabilities';
import { httpDate, utf8Length, type HttpReply } from '../network/http-exchange';
import { checkpointContainer, podByName } from './checkpoint';
import type { Kubelet } from './kubelet';

/** An HTTPS request to the kubelet's port 10250, after TLS: who presented which client certificate. */
export interface KubeletRequest {
  method: string;
  /** Path, optionally with `?query`. */
  path: string;
  headers?: Record<string, string>;
  /** The identity of the client certificate (CN and O), absent when curl sent none. */
  clientCert?: { user: string; groups: string[] };
}

export interface KubeletResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Virtual ms the kubelet (and the runtime) spent on the request. */
  durationMs: number;
}

/** Groups kubeadm's apiserver-kubelet-client certificate carries (O=), which RBAC lets do anything. */
const ADMIN_GROUPS = ['system:masters', 'kubeadm:cluster-admins'];
const TEXT = 'text/plain; charset=utf-8';
/** ServeMux patterns the kubelet registers; anything else is Go's plain 404. */
const PREFIXES = ['/pods', '/healthz', '/stats/', '/metrics', '/run/', '/exec/', '/attach/', '/portForward/', '/containerLogs/', '/configz', '/runningpods/', '/logs/', '/debug/'];

function text(status: number, body: string, durationMs = 1): KubeletResponse {
  return { status, headers: { 'Content-Type': TEXT }, body, durationMs };
}

function json(body: string, durationMs = 1): KubeletResponse {
  return { status: 200, headers: { 'Content-Type': 'application/json' }, body, durationMs };
}

function parse(path: string): { path: string; query: Map<string, string[]> } {
  const q = path.indexOf('?');
  const query = new Map<string, string[]>();
  if (q >= 0) {
    for (const pair of path.slice(q + 1).split('&').filter(Boolean)) {
      const [k = '', v = ''] = pair.split('=');
      const key = decodeURIComponent(k);
      query.set(key, [...(query.get(key) ?? []), decodeURIComponent(v)]);
    }
  }
  return { path: q >= 0 ? path.slice(0, q) : path, query };
}

function subresource(path: string): string {
  const root = path.split('/')[1] ?? '';
  return ({ checkpoint: 'checkpoint', stats: 'stats', metrics: 'metrics', logs: 'log' } as Record<string, string>)[root] ?? 'proxy';
}

/** The authn/authz filter every restful route runs behind (InstallAuthFilter). */
function authFilter(req: KubeletRequest, path: string): KubeletResponse | undefined {
  const cert = req.clientCert;
  if (!cert) return text(401, 'Unauthorized');
  if (cert.groups.some((g) => ADMIN_GROUPS.includes(g))) return undefined;
  const verb = req.method === 'POST' ? 'create' : req.method === 'GET' ? 'get' : req.method.toLowerCase();
  return text(403, `Forbidden (user=${cert.user}, verb=${verb}, resource=nodes, subresource(s)=[${subresource(path)}])\n`);
}

/**
 * The kubelet's HTTPS server (pkg/kubelet/server/server.go) for one node, as a pure function of
 * the request: go-restful routes behind the authentication filter, Go's ServeMux 404 for paths
 * nobody registered (the checkpoint route exists only with the ContainerCheckpoint gate on).
 * Returns undefined when the kubelet is not running (the connection is refused).
 */
export function serveKubeletHttps(k: Kubelet, req: KubeletRequest): KubeletResponse | undefined {
  if (!k.running) return undefined;
  const { path, query } = parse(req.path);
  const gate = checkpointGateEnabled({ featureGates: k.featureGates }, k.version);
  const registered = PREFIXES.some((p) => path === p.replace(/\/$/, '') || path.startsWith(p.endsWith('/') ? p : `${p}/`)) || (gate && path.startsWith('/checkpoint/'));
  if (!registered) return { ...text(404, '404 page not found\n'), headers: { 'Content-Type': TEXT, 'X-Content-Type-Options': 'nosniff' } };
  const denied = authFilter(req, path);
  if (denied) return denied;
  const parts = path.split('/').filter(Boolean);
  switch (parts[0]) {
    case 'healthz':
      return text(200, 'ok');
    case 'pods':
      if (req.method !== 'GET') return { ...text(405, 'Method Not Allowed'), headers: { 'Content-Type': TEXT, Allow: 'GET' } };
      return json(podList(k));
    case 'checkpoint':
      return checkpointRoute(k, req.method, parts, query);
    case 'containerLogs':
      return containerLogsRoute(k, req.method, parts);
    default:
      return text(404, '404: Page Not Found');
  }
}

function podList(k: Kubelet): string {
  const items = Object.values(k.state.workers)
    .map((w) => k.podOf(w))
    .filter((p): p is Pod => p !== undefined);
  return JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: {}, items });
}

/** POST /checkpoint/{podNamespace}/{podID}/{containerName}[?timeout=N] (Server.checkpoint). */
function checkpointRoute(k: Kubelet, method: string, parts: string[], query: Map<string, string[]>): KubeletResponse {
  if (parts.length !== 4) return text(404, '404: Page Not Found');
  if (method !== 'POST') return text(405, '405: Method Not Allowed');
  const [, namespace = '', name = '', container = ''] = parts;
  const pod = podByName(k, namespace, name);
  if (!pod) return text(404, 'pod does not exist');
  const specs = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...(pod.spec?.ephemeralContainers ?? [])];
  if (!specs.some((c) => c.name === container)) return text(404, `container ${container} does not exist`);
  const timeouts = query.get('timeout');
  if (timeouts && !/^[+-]?\d+$/.test(timeouts[timeouts.length - 1]!)) return text(404, 'cannot parse value of timeout parameter');
  const result = checkpointContainer(k, pod, container);
  if (!result.ok) return text(500, `checkpointing of ${namespace}/${name}/${container} failed (${result.error})`, 20);
  // CRIU freezes the process, dumps its pages and the runtime tars them up.
  return json(`{"items":["${result.location}"]}`, 450);
}

/** GET /containerLogs/{podNamespace}/{podID}/{containerName} (Server.getContainerLogs). */
function containerLogsRoute(k: Kubelet, method: string, parts: string[]): KubeletResponse {
  if (parts.length !== 4) return text(404, '404: Page Not Found');
  if (method !== 'GET') return { ...text(405, 'Method Not Allowed'), headers: { 'Content-Type': TEXT, Allow: 'GET' } };
  const [, namespace = '', name = '', container = ''] = parts;
  const pod = podByName(k, namespace, name);
  if (!pod) return text(404, `pod "${name}" does not exist`);
  if (!pod.spec?.containers.some((c) => c.name === container)) return text(404, `container "${container}" not found in pod "${name}"`);
  const logs = k.logs(namespace, name, container, {});
  return logs.ok ? text(200, logs.text) : text(400, logs.error);
}

/**
 * The kubelet's answer as the simulated network's HttpReply (header order as Go's net/http
 * writes them: the handler's headers, then Date and Content-Length). `tls` false is a plain
 * http:// request to the TLS port, which Go's server answers itself.
 */
export function kubeletHttpReply(res: KubeletResponse | undefined, tls: boolean, wallMs: number): HttpReply | undefined {
  if (!tls) return { status: 400, body: 'Client sent an HTTP request to an HTTPS server.\n', serverMs: 0.2, headers: [['Content-Type', 'text/plain; charset=utf-8'], ['Connection', 'close']] };
  if (!res) return undefined;
  return { status: res.status, body: res.body, serverMs: res.durationMs, headers: [...Object.entries(res.headers), ['Date', httpDate(wallMs)], ['Content-Length', String(utf8Length(res.body))]] };
}
