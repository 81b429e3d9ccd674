import { fnv32a } from '../../sim/hash';
import { programmedPorts } from '../iptables/proxier';
import { nodeTables, ruleCount, type Match, type Rule, type Tables } from '../iptables/rules';
import { walkTable } from '../iptables/walk';
import { serviceKey, sortedServices, type Proxier, type RouteEnv, type SyncInput, type SyncResult } from '../proxier';
import { categorizeEndpoints, endpointString } from '../service-info';
import type { FlowKey, FlowOrigin, ProgrammedServicePort, RouteDecision } from '../types';

/** One proxied Service port: the local port kube-proxy listens on and its round-robin state. */
interface Portal {
  servicePort: string;
  proxyPort: number;
  endpoints: string[];
  next: number;
  stickySeconds: number;
  affinity: Record<string, { endpoint: string; lastMs: number }>;
}

interface UserspaceState {
  tables: Tables;
  portals: Record<string, Portal>;
  programmed: ProgrammedServicePort[];
  nodeIP: string;
}

const c = (text: string): Match => ({ m: 'comment', text });

/** A random-looking but stable local port per Service port, from the ephemeral range. */
function proxyPortFor(name: string, taken: Set<number>): number {
  let port = 32768 + (fnv32a(name) % 28232);
  while (taken.has(port)) port++;
  return port;
}

/**
 * The userspace proxier (removed in 1.26): iptables redirects each Service port to a port
 * kube-proxy itself listens on, and the kube-proxy process round-robins connections over the
 * endpoints, opening a new connection from the node to the chosen pod.
 */
export class UserspaceProxier implements Proxier {
  readonly mode = 'userspace' as const;
  #s: UserspaceState = { tables: nodeTables(), portals: {}, programmed: [], nodeIP: '' };
  /** Portals by proxy port, derived from the state (not part of snapshots). */
  #byPort: Map<number, Portal> | undefined;

  get tables(): Tables {
    return this.#s.tables;
  }

  get portals(): Readonly<Record<string, Portal>> {
    return this.#s.portals;
  }

  sync(input: SyncInput): SyncResult {
    const t = nodeTables();
    const nat = t.nat.chains;
    nat['PREROUTING'] = [
      { m: [c('handle ClusterIPs; NOTE: this must be before the NodePort rules')], j: 'KUBE-PORTALS-CONTAINER' },
      { m: [{ m: 'addrtype', dstType: 'LOCAL' }, c('handle service NodePorts; NOTE: this must be the last rule in the chain')], j: 'KUBE-NODEPORT-CONTAINER' },
    ];
    nat['OUTPUT'] = [
      { m: [c('handle ClusterIPs; NOTE: this must be before the NodePort rules')], j: 'KUBE-PORTALS-HOST' },
      { m: [{ m: 'addrtype', dstType: 'LOCAL' }, c('handle service NodePorts; NOTE: this must be the last rule in the chain')], j: 'KUBE-NODEPORT-HOST' },
    ];
    for (const ch of ['KUBE-PORTALS-CONTAINER', 'KUBE-PORTALS-HOST', 'KUBE-NODEPORT-CONTAINER', 'KUBE-NODEPORT-HOST']) nat[ch] = [];
    const portals: Record<string, Portal> = {};
    const taken = new Set<number>();
    for (const svc of sortedServices(input.services)) {
      const key = serviceKey(svc);
      const old = this.#s.portals[key];
      const proxyPort = old?.proxyPort ?? proxyPortFor(key, taken);
      taken.add(proxyPort);
      const endpoints = categorizeEndpoints(svc, input.endpoints[key] ?? [], input.nodeName).cluster.map(endpointString);
      portals[key] = { servicePort: svc.name, proxyPort, endpoints, next: old?.next ?? 0, stickySeconds: svc.stickySeconds, affinity: old?.affinity ?? {} };
      const proto = svc.protocol.toLowerCase();
      const portal = (dport: number, d?: string): Omit<Rule, 'j'> => ({ ...(d ? { d } : {}), p: proto, m: [c(svc.name), { m: 'proto', proto, dport }] });
      nat['KUBE-PORTALS-CONTAINER']!.push({ ...portal(svc.port, svc.clusterIP), j: 'REDIRECT', toPorts: proxyPort });
      nat['KUBE-PORTALS-HOST']!.push({ ...portal(svc.port, svc.clusterIP), j: 'DNAT', to: `${input.nodeIP}:${proxyPort}` });
      if (svc.nodePort) {
        nat['KUBE-NODEPORT-CONTAINER']!.push({ ...portal(svc.nodePort), j: 'REDIRECT', toPorts: proxyPort });
        nat['KUBE-NODEPORT-HOST']!.push({ ...portal(svc.nodePort), j: 'DNAT', to: `${input.nodeIP}:${proxyPort}` });
      }
    }
    this.#s = { tables: t, portals, programmed: programmedPorts(input), nodeIP: input.nodeIP };
    this.#byPort = undefined;
    return { rules: ruleCount(t), written: ruleCount(t) };
  }

  route(flow: FlowKey, origin: FlowOrigin, env: RouteEnv): RouteDecision {
    const s = this.#s;
    const { verdict, pkt } = walkTable(s.tables.nat, origin === 'node' ? 'OUTPUT' : 'PREROUTING', { flow, origin, env, nodeIP: s.nodeIP, recent: {} });
    if (verdict.kind !== 'stop') return { kind: 'none', evaluated: pkt.evaluated };
    const port = verdict.rule.toPorts ?? Number((verdict.rule.to ?? '').split(':')[1]);
    const portal = (this.#byPort ??= new Map(Object.values(s.portals).map((p) => [p.proxyPort, p]))).get(port);
    if (!portal) return { kind: 'none', evaluated: pkt.evaluated };
    const path = [...pkt.path, `kube-proxy :${port}`];
    const endpoint = this.#next(portal, flow.srcIP, env.nowMs);
    // With no endpoints the proxy accepts and closes the connection at once.
    if (!endpoint) return { kind: 'reject', path, evaluated: pkt.evaluated, reason: `no endpoints for ${portal.servicePort}` };
    const colon = endpoint.lastIndexOf(':');
    return { kind: 'dnat', ip: endpoint.slice(0, colon), port: Number(endpoint.slice(colon + 1)), path: [...path, `-> ${endpoint}`], evaluated: pkt.evaluated, masquerade: true };
  }

  /** LoadBalancerRR.NextEndpoint: sticky client first, else the next endpoint in turn. */
  #next(p: Portal, client: string, nowMs: number): string | undefined {
    if (p.endpoints.length === 0) return undefined;
    const held = p.affinity[client];
    if (p.stickySeconds > 0 && held && p.endpoints.includes(held.endpoint) && nowMs - held.lastMs < p.stickySeconds * 1000) {
      held.lastMs = nowMs;
      return held.endpoint;
    }
    const endpoint = p.endpoints[p.next % p.endpoints.length]!;
    p.next = (p.next + 1) % p.endpoints.length;
    if (p.stickySeconds > 0) p.affinity[client] = { endpoint, lastMs: nowMs };
    return endpoint;
  }

  programmed(): ProgrammedServicePort[] {
    return this.#s.programmed;
  }

  snapshot(): unknown {
    return JSON.parse(JSON.stringify(this.#s)) as unknown;
  }

  restore(state: unknown): void {
    this.#s = JSON.parse(JSON.stringify(state)) as UserspaceState;
    this.#byPort = undefined;
  }
}
