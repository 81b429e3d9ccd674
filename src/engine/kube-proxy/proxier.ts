import type { Rng } from '../sim/rng';
import type { EndpointInfo, ServicePortInfo } from './service-info';
import type { FlowKey, FlowOrigin, ProgrammedServicePort, ProxyMode, RouteDecision } from './types';

/** What every proxier programs from: the applied service and endpoint maps plus node facts. */
export interface SyncInput {
  /** By Service port name (`ns/name:port`). */
  services: Record<string, ServicePortInfo>;
  endpoints: Record<string, EndpointInfo[]>;
  nodeName: string;
  nodeIP: string;
  clusterCIDR: string;
  serviceCIDR: string;
  nowMs: number;
}

/** What one sync did, for logs, traces and the cost model. */
export interface SyncResult {
  /** Rules (or virtual/real servers, map elements) the proxier's state holds after the sync. */
  rules: number;
  /** Lines written to the kernel by this sync (iptables-restore input, netlink messages). */
  written: number;
}

/** What route() may use besides the programmed rules: randomness and the time (for affinity). */
export interface RouteEnv {
  rng: Rng;
  nowMs: number;
}

/**
 * One proxy mode's data plane on one node. Each generates its rules as data on sync(), prints
 * them for the node commands and walks them for route(); its whole state is plain JSON.
 */
export interface Proxier {
  readonly mode: ProxyMode;
  sync(input: SyncInput): SyncResult;
  route(flow: FlowKey, origin: FlowOrigin, env: RouteEnv): RouteDecision;
  programmed(): ProgrammedServicePort[];
  snapshot(): unknown;
  restore(state: unknown): void;
}

/** Parsed CIDRs and addresses: a packet walk compares the same few thousand strings again and again. */
const parsed = new Map<string, [number, number]>();

function parseCidr(cidr: string): [number, number] {
  let p = parsed.get(cidr);
  if (!p) {
    if (parsed.size > 100_000) parsed.clear();
    const [base, bitsText] = cidr.split('/');
    const bits = bitsText === undefined ? 32 : Number(bitsText);
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    p = [(ipToInt(base ?? '') & mask) >>> 0, mask];
    parsed.set(cidr, p);
  }
  return p;
}

/** Is `ip` inside `cidr` (`10.244.0.0/16`, or a bare address)? */
export function inCidr(ip: string, cidr: string): boolean {
  const [base, mask] = parseCidr(cidr);
  return ((parseCidr(ip)[0] & mask) >>> 0) === base;
}

export function ipToInt(ip: string): number {
  const o = ip.split('.').map(Number);
  return (((o[0] ?? 0) << 24) | ((o[1] ?? 0) << 16) | ((o[2] ?? 0) << 8) | (o[3] ?? 0)) >>> 0;
}

/** Service ports in a stable order (by name, then protocol) so output never depends on insertion. */
export function sortedServices(services: Record<string, ServicePortInfo>): ServicePortInfo[] {
  return Object.values(services).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0));
}

/** Service-map key: the port name plus protocol (a port name may carry TCP and UDP). */
export function serviceKey(svc: Pick<ServicePortInfo, 'name' | 'protocol'>): string {
  return `${svc.name}/${svc.protocol}`;
}
