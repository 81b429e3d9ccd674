import { formatVersion, parseVersion } from '../version';
import type { HttpCall, HttpReply } from './http-exchange';
import { httpDate, utf8Length } from './http-exchange';
import type { NetEnv } from './route';

/** The secure port kube-apiserver listens on (the `kubernetes` Service's endpoint). */
export const APISERVER_PORT = 6443;

function json(status: number, doc: unknown, wallMs: number, auditId: string): HttpReply {
  const body = `${JSON.stringify(doc, null, 2)}\n`;
  return {
    status,
    body,
    serverMs: 0.4,
    headers: [
      ['Audit-Id', auditId],
      ['Cache-Control', 'no-cache, private'],
      ['Content-Type', 'application/json'],
      ['X-Content-Type-Options', 'nosniff'],
      ['Date', httpDate(wallMs)],
      ['Content-Length', String(utf8Length(body))],
    ],
  };
}

function auditId(env: NetEnv): string {
  const h = () => Math.floor(env.rng.float() * 0x1_0000_0000).toString(16).padStart(8, '0');
  const a = h() + h() + h() + h();
  return `${a.slice(0, 8)}-${a.slice(8, 12)}-4${a.slice(13, 16)}-a${a.slice(17, 20)}-${a.slice(20, 32)}`;
}

/**
 * What an anonymous client gets from kube-apiserver: the health and version endpoints that
 * system:public-info-viewer allows, 403 for everything else, and the plain-HTTP complaint when
 * the client does not speak TLS.
 */
export function apiserverReply(env: NetEnv, call: HttpCall, tls: boolean, wallMs: number): HttpReply {
  if (!tls) {
    const body = 'Client sent an HTTP request to an HTTPS server.\n';
    return { status: 400, body, serverMs: 0.2, headers: [['Content-Type', 'text/plain; charset=utf-8'], ['Connection', 'close']] };
  }
  const path = call.path.split('?')[0]!;
  const id = auditId(env);
  if (path === '/healthz' || path === '/livez' || path === '/readyz') {
    return { status: 200, body: 'ok', serverMs: 0.3, headers: [['Audit-Id', id], ['Cache-Control', 'no-cache, private'], ['Content-Type', 'text/plain; charset=utf-8'], ['X-Content-Type-Options', 'nosniff'], ['Date', httpDate(wallMs)], ['Content-Length', '2']] };
  }
  if (path === '/version') {
    const v = parseVersion(env.config.kubernetesVersion);
    return json(200, { major: String(v.major), minor: String(v.minor), emulationMajor: String(v.major), emulationMinor: String(v.minor), minCompatibilityMajor: String(v.major), minCompatibilityMinor: String(v.minor - 1), gitVersion: formatVersion(v), gitCommit: '0000000000000000000000000000000000000000', gitTreeState: 'clean', buildDate: '2026-01-01T00:00:00Z', goVersion: 'go1.24.6', compiler: 'gc', platform: 'linux/amd64' }, wallMs, id);
  }
  return json(403, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `forbidden: User "system:anonymous" cannot get path "${path}"`, reason: 'Forbidden', details: {}, code: 403 }, wallMs, id);
}
