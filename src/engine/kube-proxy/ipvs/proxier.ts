import { programmedPorts } from '../iptables/proxier';
import { ruleCount, type Tables } from '../iptables/rules';
import { walkTable } from '../iptables/walk';
import type { Proxier, RouteEnv, SyncInput, SyncResult } from '../proxier';
import { endpointString } from '../service-info';
import type { FlowKey, FlowOrigin, ProgrammedServicePort, RouteDecision } from '../types';
import { addConnection, buildIpsets, buildVirtualServers, inactiveConns, inIpset, ipvsIptables, vsKey, type IpSet, type VirtualServer } from './model';
import { schedule, type SchedState } from './schedulers';

interface IpvsState {
  scheduler: string;
  services: Record<string, VirtualServer>;
  /** kube-ipvs0's addresses, in the order they were added. */
  addresses: string[];
  ipsets: Record<string, IpSet>;
  tables: Tables;
  sched: Record<string, SchedState>;
  /** Persistence templates: virtual server → client IP → real server and expiry. */
  persistence: Record<string, Record<string, { real: string; expiresMs: number }>>;
  programmed: ProgrammedServicePort[];
  nodeIP: string;
}

/**
 * The ipvs proxier: a hash lookup of the virtual server, then the scheduler picks a real server
 * (rr exactly round robin); ClientIP affinity becomes IPVS persistence.
 */
export class IpvsProxier implements Proxier {
  readonly mode = 'ipvs' as const;
  #s: IpvsState;
  /** Lookup indexes derived from the state (not part of snapshots). */
  #index: { local: Set<string>; sets: Record<string, Set<string>> } | undefined;

  constructor(scheduler: string) {
    this.#s = { scheduler, services: {}, addresses: [], ipsets: {}, tables: ipvsIptables({ services: {}, endpoints: {}, nodeName: '', nodeIP: '', clusterCIDR: '0.0.0.0/0', serviceCIDR: '', nowMs: 0 }), sched: {}, persistence: {}, programmed: [], nodeIP: '' };
  }

  get state(): Readonly<IpvsState> {
    return this.#s;
  }

  sync(input: SyncInput): SyncResult {
    const s = this.#s;
    this.#index = undefined;
    s.services = buildVirtualServers(input, s.scheduler, s.services);
    const vips = new Set(Object.values(s.services).filter((v) => v.vip !== input.nodeIP).map((v) => v.vip));
    s.addresses = [...s.addresses.filter((a) => vips.has(a)), ...[...vips].filter((a) => !s.addresses.includes(a))];
    s.ipsets = buildIpsets(input);
    s.tables = ipvsIptables(input);
    s.nodeIP = input.nodeIP;
    s.programmed = programmedPorts(input);
    for (const key of Object.keys(s.sched)) if (!s.services[key]) delete s.sched[key];
    const reals = Object.values(s.services).reduce((n, v) => n + 1 + v.reals.length, 0);
    const members = Object.values(s.ipsets).reduce((n, set) => n + set.members.length, 0);
    return { rules: reals + ruleCount(s.tables), written: reals + members + ruleCount(s.tables) };
  }

  route(flow: FlowKey, origin: FlowOrigin, env: RouteEnv): RouteDecision {
    const s = this.#s;
    const index = (this.#index ??= { local: new Set(s.addresses), sets: Object.fromEntries(Object.entries(s.ipsets).map(([n, set]) => [n, new Set(set.members)])) });
    const hook = origin === 'node' ? 'OUTPUT' : 'PREROUTING';
    const inSet = (name: string, f: FlowKey) => inIpset(s.ipsets[name]?.type, index.sets[name], f.protocol, f.dstIP, f.dstPort);
    const ctx = { flow, origin, env, nodeIP: s.nodeIP, recent: {}, inSet, isLocal: (ip: string) => index.local.has(ip) };
    const { pkt } = walkTable(s.tables.nat, hook, ctx);
    const key = vsKey(flow.protocol, flow.dstIP, flow.dstPort);
    const vs = s.services[key];
    // The ipvs lookup itself is one hash probe, however many services there are.
    const evaluated = pkt.evaluated + 1;
    if (!vs) return { kind: 'none', evaluated };
    const path = [...pkt.path, `ipvs ${flow.protocol} ${flow.dstIP}:${flow.dstPort} ${vs.scheduler}`];
    const real = this.#pick(key, vs, flow, env.nowMs);
    if (!real) return { kind: 'reject', path, evaluated, reason: `${vs.scheduler}: ${vs.protocol} ${vs.vip}:${vs.port} - no destination available` };
    vs.conns++;
    addConnection(real, env.nowMs);
    return { kind: 'dnat', ip: real.ip, port: real.port, path: [...path, `-> ${endpointString(real)}`], evaluated, masquerade: (pkt.mark & 0x4000) !== 0 };
  }

  #pick(key: string, vs: VirtualServer, flow: FlowKey, nowMs: number) {
    for (const r of vs.reals) r.inactive = r.inactive.filter(([expires]) => expires > nowMs);
    const templates = (this.#s.persistence[key] ??= {});
    const held = templates[flow.srcIP];
    if (vs.persistent > 0 && held && held.expiresMs > nowMs) {
      const real = vs.reals.find((r) => endpointString(r) === held.real);
      if (real) {
        held.expiresMs = nowMs + vs.persistent * 1000;
        return real;
      }
    }
    const dests = vs.reals.map((r) => ({ addr: endpointString(r), weight: r.weight, active: 0, inactive: inactiveConns(r, nowMs) }));
    const state = (this.#s.sched[key] ??= { last: 0, assigned: {} });
    const d = schedule(vs.scheduler, dests, state, flow.srcIP, flow.dstIP);
    const real = vs.reals.find((r) => endpointString(r) === d?.addr);
    if (real && vs.persistent > 0) templates[flow.srcIP] = { real: endpointString(real), expiresMs: nowMs + vs.persistent * 1000 };
    return real;
  }

  programmed(): ProgrammedServicePort[] {
    return this.#s.programmed;
  }

  snapshot(): unknown {
    return JSON.parse(JSON.stringify(this.#s)) as unknown;
  }

  restore(state: unknown): void {
    this.#s = JSON.parse(JSON.stringify(state)) as IpvsState;
    this.#index = undefined;
  }
}
