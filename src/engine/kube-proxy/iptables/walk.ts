import { kernelProbability } from '../names';
import { ipToInt, type RouteEnv } from '../proxier';
import type { FlowKey, FlowOrigin, RouteDecision } from '../types';
import type { Match, Rule, Table, Tables } from './rules';

/** Per-node `-m recent` lists: list name → source IP → last time seen (virtual ms). */
export type RecentLists = Record<string, Record<string, number>>;

/** What the packet walk needs besides the rules. */
export interface WalkContext {
  flow: FlowKey;
  origin: FlowOrigin;
  env: RouteEnv;
  nodeIP: string;
  recent: RecentLists;
  /** ipset membership for `-m set` (ipvs mode): set name → member test. */
  inSet?: (name: string, flow: FlowKey) => boolean;
  /** Addresses local to the node besides its own IP (kube-ipvs0's VIPs in ipvs mode). */
  isLocal?: (ip: string) => boolean;
}

export interface Packet {
  mark: number;
  evaluated: number;
  path: string[];
}

export type Verdict = { kind: 'continue' } | { kind: 'return' } | { kind: 'stop'; target: string; rule: Rule };

/**
 * Send the first packet of a connection through the nat table (PREROUTING for pods and outside
 * traffic, OUTPUT for the node itself), then the filter table when no DNAT happened, rule by
 * rule as the kernel does: the cost a 10,000-Service KUBE-SERVICES chain really has.
 */
export function walkIptables(tables: Tables, ctx: WalkContext): RouteDecision {
  const pkt: Packet = { mark: 0, evaluated: 0, path: [] };
  const natHook = ctx.origin === 'node' ? 'OUTPUT' : 'PREROUTING';
  const nat = walkChain(tables.nat, natHook, ctx, pkt, 0);
  if (nat.kind === 'stop' && nat.target === 'DNAT') {
    const to = nat.rule.to ?? '';
    const colon = to.lastIndexOf(':');
    return { kind: 'dnat', ip: to.slice(0, colon), port: Number(to.slice(colon + 1)), path: pkt.path, evaluated: pkt.evaluated, masquerade: (pkt.mark & 0x4000) !== 0 };
  }
  if (nat.kind === 'stop' && nat.target === 'REDIRECT') {
    return { kind: 'dnat', ip: ctx.nodeIP, port: nat.rule.toPorts ?? 0, path: pkt.path, evaluated: pkt.evaluated, masquerade: true };
  }
  const natPath = [...pkt.path];
  pkt.path = [];
  const filterHook = ctx.origin === 'node' ? 'OUTPUT' : 'FORWARD';
  const filter = walkChain(tables.filter, filterHook, ctx, pkt, 0);
  if (filter.kind === 'stop' && (filter.target === 'REJECT' || filter.target === 'DROP')) {
    const text = filter.rule.m.find((m) => m.m === 'comment');
    const reason = text?.m === 'comment' ? text.text : filter.target;
    return { kind: 'reject', path: [...natPath, ...pkt.path], evaluated: pkt.evaluated, reason, ...(filter.target === 'DROP' ? { dropped: true } : {}) };
  }
  return { kind: 'none', evaluated: pkt.evaluated };
}

/** Walk one table from a hook chain; the packet carries its mark, path and evaluation count. */
export function walkTable(table: Table, hook: string, ctx: WalkContext, pkt: Packet = { mark: 0, evaluated: 0, path: [] }): { verdict: Verdict; pkt: Packet } {
  return { verdict: walkChain(table, hook, ctx, pkt, 0), pkt };
}

function walkChain(table: Table, chain: string, ctx: WalkContext, pkt: Packet, depth: number): Verdict {
  const rules = table.chains[chain];
  if (!rules || depth > 16) return { kind: 'continue' };
  pkt.path.push(chain);
  for (const rule of rules) {
    pkt.evaluated++;
    if (!matches(rule, ctx, pkt)) continue;
    const v = applyTarget(table, rule, ctx, pkt, depth);
    if (v.kind === 'return') return { kind: 'continue' };
    if (v.kind === 'stop') return v;
  }
  return { kind: 'continue' };
}

function applyTarget(table: Table, rule: Rule, ctx: WalkContext, pkt: Packet, depth: number): Verdict {
  switch (rule.j) {
    case '':
      return { kind: 'continue' };
    case 'MARK':
      pkt.mark = rule.mark?.op === 'xor' ? pkt.mark ^ Number(rule.mark.value) : pkt.mark | Number(rule.mark?.value ?? 0);
      return { kind: 'continue' };
    case 'RETURN':
      return { kind: 'return' };
    case 'DNAT':
    case 'REDIRECT':
    case 'REJECT':
    case 'DROP':
    case 'ACCEPT':
    case 'MASQUERADE':
      return { kind: 'stop', target: rule.j, rule };
    default: {
      const v = walkChain(table, rule.j, ctx, pkt, depth + 1);
      return v.kind === 'stop' ? v : { kind: 'continue' };
    }
  }
}

/** Parsed -s/-d of each rule, so a walk compares integers (rules are immutable once generated). */
const nets = new WeakMap<Rule, { s?: [number, number]; d?: [number, number] }>();

function net(cidr: string): [number, number] {
  const [base, bits] = cidr.split('/');
  const n = bits === undefined ? 32 : Number(bits);
  const mask = n === 0 ? 0 : (~0 << (32 - n)) >>> 0;
  return [(ipToInt(base ?? '') & mask) >>> 0, mask];
}

function ruleNets(rule: Rule): { s?: [number, number]; d?: [number, number] } {
  let n = nets.get(rule);
  if (!n) {
    n = { ...(rule.s ? { s: net(rule.s) } : {}), ...(rule.d ? { d: net(rule.d) } : {}) };
    nets.set(rule, n);
  }
  return n;
}

/** The flow's addresses as integers, computed once per walk. */
const flowInts = new WeakMap<FlowKey, [number, number]>();

function matches(rule: Rule, ctx: WalkContext, pkt: Packet): boolean {
  const { flow } = ctx;
  if (rule.s || rule.d) {
    let ints = flowInts.get(flow);
    if (!ints) flowInts.set(flow, (ints = [ipToInt(flow.srcIP), ipToInt(flow.dstIP)]));
    const n = ruleNets(rule);
    if (n.s && (((ints[0] & n.s[1]) >>> 0) === n.s[0]) === !!rule.sNot) return false;
    if (n.d && ((ints[1] & n.d[1]) >>> 0) !== n.d[0]) return false;
  }
  if (rule.p && rule.p !== flow.protocol.toLowerCase()) return false;
  return rule.m.every((m) => matchModule(m, ctx, pkt));
}

function matchModule(m: Match, ctx: WalkContext, pkt: Packet): boolean {
  const { flow, env } = ctx;
  switch (m.m) {
    case 'comment':
      return true;
    case 'proto':
      return m.dport === undefined || m.dport === flow.dstPort;
    case 'statistic':
      // The kernel compares a random u32 against the rounded probability: seeded here.
      return env.rng.float() < kernelProbability(m.probability);
    case 'recent':
      return recent(m, ctx);
    case 'addrtype':
      return m.dstType ? flow.dstIP === ctx.nodeIP || flow.dstIP.startsWith('127.') || (ctx.isLocal?.(flow.dstIP) ?? false) : ctx.origin === 'node';
    case 'mark': {
      const [value, mask] = m.mark.split('/').map(Number);
      return ((pkt.mark & (mask ?? 0xffffffff)) === value) !== !!m.not;
    }
    case 'conntrack':
      // Only first packets reach route(): their state is NEW.
      return m.ctstate.split(',').includes('NEW') !== !!m.not;
    case 'set':
      return ctx.inSet?.(m.name, flow) ?? false;
  }
}

function recent(m: Extract<Match, { m: 'recent' }>, ctx: WalkContext): boolean {
  const list = (ctx.recent[m.name] ??= {});
  const now = ctx.env.nowMs;
  if (m.op === 'set') {
    list[ctx.flow.srcIP] = now;
    return true;
  }
  const seen = list[ctx.flow.srcIP];
  if (seen === undefined || now - seen > (m.seconds ?? 0) * 1000) {
    delete list[ctx.flow.srcIP];
    return false;
  }
  return true;
}
