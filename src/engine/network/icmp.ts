import type { NetClient } from './model';
import { WORKSTATION_IP } from './model';
import { findProxy } from './proxies';
import { hopMs, nodeByIP, podAt, type NetEnv } from './route';

/** The answer to one ICMP echo request, or none. */
export interface EchoReply {
  rttMs: number;
  ttl: number;
}

function clientNode(c: NetClient): string | undefined {
  return c.kind === 'workstation' ? undefined : c.node;
}

/**
 * ICMP echo: pods and nodes answer; a ClusterIP is only a rule, so nobody answers it, except
 * in IPVS mode where kube-proxy binds every ClusterIP to the kube-ipvs0 dummy interface.
 */
export function echo(env: NetEnv, client: NetClient, ip: string): EchoReply | undefined {
  const from = clientNode(client);
  if (ip === '127.0.0.1' || (client.kind === 'pod' && ip === client.ip)) return { rttMs: 0.02 + 0.02 * env.rng.float(), ttl: 64 };
  if (ip === WORKSTATION_IP) return { rttMs: 2 * hopMs(env, from, undefined), ttl: 64 };
  const pod = podAt(env, ip);
  if (pod) {
    if (client.kind === 'workstation') return undefined;
    const same = pod.node === from;
    return { rttMs: 2 * hopMs(env, from, pod.node), ttl: same ? 63 : 62 };
  }
  const node = nodeByIP(env, ip);
  if (node) return { rttMs: 2 * hopMs(env, from, node.name), ttl: node.name === from ? 64 : 63 };
  const proxy = from ? findProxy(env.lookup, from, env.proxies) : undefined;
  if (proxy?.mode === 'ipvs' && proxy.programmed().some((p) => p.clusterIP === ip)) return { rttMs: 0.03 + 0.02 * env.rng.float(), ttl: 64 };
  return undefined;
}
