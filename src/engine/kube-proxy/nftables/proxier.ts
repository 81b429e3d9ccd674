import { programmedPorts } from '../iptables/proxier';
import { inCidr, type Proxier, type RouteEnv, type SyncInput, type SyncResult } from '../proxier';
import type { FlowKey, FlowOrigin, ProgrammedServicePort, RouteDecision } from '../types';
import { generateNftables } from './generate';
import type { NftRouting, NftTable } from './model';
import { listTable } from './print';

interface NftState {
  table?: NftTable;
  /** Dynamic affinity sets: set → client IP → expiry (virtual ms). */
  affinity: Record<string, Record<string, number>>;
  programmed: ProgrammedServicePort[];
  nodeIP: string;
}

/**
 * The nftables proxier: one map lookup finds the Service's chain whatever the number of
 * Services, `numgen random mod N` picks the endpoint, affinity lives in dynamic sets.
 */
export class NftablesProxier implements Proxier {
  readonly mode = 'nftables' as const;
  #s: NftState = { affinity: {}, programmed: [], nodeIP: '' };

  get table(): NftTable | undefined {
    return this.#s.table;
  }

  list(nowMs: number): string {
    return this.#s.table ? listTable(this.#s.table, this.#s.affinity, nowMs) : '';
  }

  sync(input: SyncInput): SyncResult {
    const table = generateNftables(input);
    this.#s.table = table;
    this.#s.nodeIP = input.nodeIP;
    this.#s.programmed = programmedPorts(input);
    const live = new Set(table.sets.map((s) => s.name));
    for (const name of Object.keys(this.#s.affinity)) if (!live.has(name)) delete this.#s.affinity[name];
    const rules = table.chains.reduce((n, c) => n + c.rules.length, 0) + table.sets.reduce((n, s) => n + s.elements.length, 0);
    return { rules, written: rules };
  }

  route(flow: FlowKey, origin: FlowOrigin, env: RouteEnv): RouteDecision {
    const t = this.#s.table;
    if (!t) return { kind: 'none', evaluated: 0 };
    const r = t.routing;
    const proto = flow.protocol.toLowerCase();
    const key = `${flow.dstIP} . ${proto} . ${flow.dstPort}`;
    const path = [origin === 'node' ? 'nat-output' : 'nat-prerouting', 'services'];
    // jump services, the service-ips vmap lookup, then (maybe) the nodeport lookup.
    let evaluated = 2;
    let target = r.serviceIPs[key];
    if (!target && flow.dstIP === this.#s.nodeIP) {
      evaluated++;
      target = r.nodePorts[`${proto} . ${flow.dstPort}`];
    }
    if (!target) return this.#filter(flow, key, evaluated);
    let masquerade = false;
    const ext = r.external[target];
    if (ext) {
      path.push(target);
      const next = externalTarget(ext, flow, origin);
      evaluated += next.evaluated;
      masquerade = next.masquerade;
      if (!next.target) return this.#filter(flow, key, evaluated);
      target = next.target;
    }
    const svc = r.services[target];
    if (!svc) return { kind: 'none', evaluated };
    path.push(target);
    if (svc.masqFromOutside) {
      evaluated++;
      if (!inCidr(flow.srcIP, svc.masqFromOutside)) masquerade = true;
    }
    let endpoint: string | undefined;
    for (const a of svc.affinity) {
      evaluated++;
      const expires = this.#s.affinity[a.set]?.[flow.srcIP];
      if (expires !== undefined && expires > env.nowMs) {
        endpoint = a.chain;
        break;
      }
    }
    if (!endpoint) {
      evaluated++;
      endpoint = svc.endpoints[env.rng.int(svc.endpoints.length)];
    }
    const ep = endpoint ? r.endpoints[endpoint] : undefined;
    if (!endpoint || !ep) return { kind: 'none', evaluated };
    path.push(endpoint);
    evaluated += ep.affinitySet ? 3 : 2;
    if (flow.srcIP === ep.ip) masquerade = true;
    if (ep.affinitySet) (this.#s.affinity[ep.affinitySet] ??= {})[flow.srcIP] = env.nowMs + (t.sets.find((s) => s.name === ep.affinitySet)?.timeoutSec ?? 0) * 1000;
    const colon = ep.to.lastIndexOf(':');
    return { kind: 'dnat', ip: ep.to.slice(0, colon), port: Number(ep.to.slice(colon + 1)), path, evaluated, masquerade };
  }

  /** No DNAT: the filter chains reject Services without endpoints and unknown ClusterIP ports. */
  #filter(flow: FlowKey, key: string, evaluated: number): RouteDecision {
    const r = this.#s.table!.routing;
    const none = r.noEndpoints[key];
    if (none?.verdict === 'drop') return { kind: 'reject', path: ['filter-output', 'service-endpoints-check'], evaluated: evaluated + 2, reason: `${none.service} has no local endpoints`, dropped: true };
    if (none) return { kind: 'reject', path: ['filter-output', 'service-endpoints-check', 'reject-chain'], evaluated: evaluated + 2, reason: `${none.service} has no endpoints` };
    if (r.clusterIPs.includes(flow.dstIP)) {
      return { kind: 'reject', path: ['filter-output-post-dnat', 'cluster-ips-check'], evaluated: evaluated + 4, reason: 'Reject traffic to invalid ports of ClusterIPs' };
    }
    return { kind: 'none', evaluated: evaluated + 2 };
  }

  programmed(): ProgrammedServicePort[] {
    return this.#s.programmed;
  }

  snapshot(): unknown {
    return JSON.parse(JSON.stringify(this.#s)) as unknown;
  }

  restore(state: unknown): void {
    this.#s = JSON.parse(JSON.stringify(state)) as NftState;
  }
}

/** Which chain an external chain continues to, and whether it masquerades (rules in order). */
function externalTarget(ext: NftRouting['external'][string], flow: FlowKey, origin: FlowOrigin): { target: string; masquerade: boolean; evaluated: number } {
  if (!ext.shortCircuit) return { target: ext.target, masquerade: ext.masq, evaluated: ext.target ? 2 : 1 };
  if (ext.podCIDR && inCidr(flow.srcIP, ext.podCIDR)) return { target: ext.shortCircuit, masquerade: false, evaluated: 1 };
  if (origin === 'node') return { target: ext.shortCircuit, masquerade: true, evaluated: 3 };
  return { target: ext.target, masquerade: false, evaluated: ext.target ? 4 : 3 };
}
