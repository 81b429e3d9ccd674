import type { ConnectResult, HttpReply } from '../../../engine/network/index';

/**
 * clusterlab's own lines in `curl -v`/`--trace-route`: which node's rules decided, the chain
 * path and the endpoint chosen, so learners see what kube-proxy did with their connection.
 */
export function routeLines(conn: ConnectResult): string[] {
  const where = conn.node ? `${conn.node}: ` : '';
  const pod = conn.pod ? ` (pod ${conn.pod})` : '';
  if (!conn.ok && conn.error === 'connection-refused' && conn.reason) return [`* [clusterlab] ${where}${[...conn.path, 'REJECT'].join(' -> ')} (${conn.reason})`];
  if (conn.ok && conn.target.kind === 'ingress') return [`* [clusterlab] ${where}port ${conn.endpoint.split(':')[1]} is ingress-nginx's hostPort`];
  if (conn.path.length === 0) {
    if (conn.ok) return [`* [clusterlab] ${where}no service rule matched; delivered to ${conn.endpoint}${pod}`];
    return [`* [clusterlab] ${where}no rule for ${conn.endpoint ?? 'this address'}; ${conn.error === 'timeout' ? 'nothing answers there' : 'refused'}${pod}`];
  }
  const tail = conn.ok ? `${conn.endpoint}${pod}` : `${conn.endpoint ?? '?'}${pod}: ${conn.error === 'timeout' ? 'no answer (the endpoint is gone)' : 'refused'}`;
  return [`* [clusterlab] ${where}${[...conn.path, tail].join(' -> ')}`];
}

/** The ingress controller's own hop: which Ingress, upstream and pod answered. */
export function upstreamLine(reply: HttpReply | undefined): string[] {
  const u = reply?.upstream;
  if (!u) return [];
  return [`* [clusterlab] ${[...u.path, `${u.endpoint}${u.pod ? ` (pod ${u.pod})` : ''}`].join(' -> ')}`];
}
