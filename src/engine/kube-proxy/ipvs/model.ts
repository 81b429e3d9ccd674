import { sortedServices, serviceKey, ipToInt, type SyncInput } from '../proxier';
import { categorizeEndpoints, endpointString } from '../service-info';
import type { Protocol } from '../types';
import type { Match, Tables } from '../iptables/rules';
import { nodeTables } from '../iptables/rules';

/** A real server of a virtual server, with the counters ipvsadm shows. */
export interface RealServer {
  ip: string;
  port: number;
  weight: number;
  /**
   * Connections in TIME_WAIT (ipvsadm's InActConn) as [expiry ms, count] buckets of 100 ms, so a
   * load generator's thousands of connections stay a small part of a snapshot.
   */
  inactive: [number, number][];
  conns: number;
}

/** TCP TIME_WAIT in IPVS's connection table: how long a finished connection counts as InActConn. */
export const TIME_WAIT_MS = 120_000;

/** Connections of a real server still in TIME_WAIT at `nowMs`. */
export function inactiveConns(r: RealServer, nowMs: number): number {
  return r.inactive.reduce((n, [expires, count]) => (expires > nowMs ? n + count : n), 0);
}

/** Connections a real server got in the `windowMs` before `nowMs` (for ipvsadm --rate). */
export function recentConns(r: RealServer, nowMs: number, windowMs: number): number {
  return r.inactive.reduce((n, [expires, count]) => (expires - TIME_WAIT_MS > nowMs - windowMs ? n + count : n), 0);
}

/** Count one new connection (it ends at once and enters TIME_WAIT). */
export function addConnection(r: RealServer, nowMs: number): void {
  const expires = Math.ceil((nowMs + TIME_WAIT_MS) / 100) * 100;
  const last = r.inactive[r.inactive.length - 1];
  if (last && last[0] === expires) last[1]++;
  else r.inactive.push([expires, 1]);
  r.conns++;
}

export interface VirtualServer {
  protocol: Protocol;
  vip: string;
  port: number;
  scheduler: string;
  /** Seconds of persistence (ClientIP affinity), 0 when none. */
  persistent: number;
  servicePort: string;
  reals: RealServer[];
  conns: number;
}

export interface IpSet {
  type: string;
  comment: string;
  members: string[];
}

/** `TCP:10.96.0.1:443`: how virtual servers are keyed. */
export function vsKey(protocol: string, ip: string, port: number): string {
  return `${protocol}:${ip}:${port}`;
}

/**
 * The ipvs proxier's sync: a virtual server per ClusterIP, external IP, LB IP and node IP (for
 * NodePorts) per port, one real server per endpoint, every VIP on kube-ipvs0, and the ipsets
 * its few iptables rules match on. Real servers keep their counters across syncs.
 */
export function buildVirtualServers(input: SyncInput, scheduler: string, previous: Record<string, VirtualServer>): Record<string, VirtualServer> {
  const out: Record<string, VirtualServer> = {};
  for (const svc of sortedServices(input.services)) {
    const cat = categorizeEndpoints(svc, input.endpoints[serviceKey(svc)] ?? [], input.nodeName);
    const vips = [svc.clusterIP, ...svc.externalIPs, ...svc.loadBalancerIPs];
    const targets: [string, number][] = vips.map((ip) => [ip, svc.port]);
    if (svc.nodePort) targets.push([input.nodeIP, svc.nodePort]);
    for (const [ip, port] of targets) {
      const key = vsKey(svc.protocol, ip, port);
      const old = previous[key];
      const reals = cat.reachable.map((ep) => {
        const kept = old?.reals.find((r) => endpointString(r) === endpointString(ep));
        return kept ?? { ip: ep.ip, port: ep.port, weight: 1, inactive: [], conns: 0 };
      });
      out[key] = { protocol: svc.protocol, vip: ip, port, scheduler, persistent: svc.stickySeconds, servicePort: svc.name, reals, conns: old?.conns ?? 0 };
    }
  }
  return out;
}

const COMMENTS: Record<string, [string, string]> = {
  'KUBE-CLUSTER-IP': ['hash:ip,port', 'Kubernetes service cluster ip + port for masquerade purpose'],
  'KUBE-EXTERNAL-IP': ['hash:ip,port', 'Kubernetes service external ip + port for masquerade and filter purpose'],
  'KUBE-LOAD-BALANCER': ['hash:ip,port', 'Kubernetes service lb portal'],
  'KUBE-LOOP-BACK': ['hash:ip,port,ip', 'Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose'],
  'KUBE-NODE-PORT-TCP': ['bitmap:port', 'Kubernetes nodeport TCP port for masquerade purpose'],
  'KUBE-NODE-PORT-UDP': ['bitmap:port', 'Kubernetes nodeport UDP port for masquerade purpose'],
};

export function buildIpsets(input: SyncInput): Record<string, IpSet> {
  const sets: Record<string, IpSet> = {};
  for (const [name, [type, comment]] of Object.entries(COMMENTS)) sets[name] = { type, comment, members: [] };
  for (const svc of sortedServices(input.services)) {
    const proto = svc.protocol.toLowerCase();
    sets['KUBE-CLUSTER-IP']!.members.push(`${svc.clusterIP},${proto}:${svc.port}`);
    for (const ip of svc.externalIPs) sets['KUBE-EXTERNAL-IP']!.members.push(`${ip},${proto}:${svc.port}`);
    for (const ip of svc.loadBalancerIPs) sets['KUBE-LOAD-BALANCER']!.members.push(`${ip},${proto}:${svc.port}`);
    if (svc.nodePort) sets[proto === 'udp' ? 'KUBE-NODE-PORT-UDP' : 'KUBE-NODE-PORT-TCP']!.members.push(String(svc.nodePort));
    for (const ep of categorizeEndpoints(svc, input.endpoints[serviceKey(svc)] ?? [], input.nodeName).local) {
      sets['KUBE-LOOP-BACK']!.members.push(`${ep.ip},${proto}:${ep.port},${ep.ip}`);
    }
  }
  return sets;
}

/** Whether a flow's destination (or ports) is in an ipset, for `-m set --match-set NAME dst,dst`. */
export function inIpset(type: string | undefined, members: Set<string> | undefined, protocol: string, dstIP: string, dstPort: number): boolean {
  if (!members) return false;
  if (type === 'bitmap:port') return members.has(String(dstPort));
  return members.has(`${dstIP},${protocol.toLowerCase()}:${dstPort}`);
}

const c = (text: string): Match => ({ m: 'comment', text });

/** The small iptables ruleset ipvs mode still needs: masquerade marks and the ACCEPT for VIPs. */
export function ipvsIptables(input: SyncInput): Tables {
  const t = nodeTables();
  t.nat.chains['PREROUTING'] = [{ m: [c('kubernetes service portals')], j: 'KUBE-SERVICES' }];
  t.nat.chains['OUTPUT'] = [{ m: [c('kubernetes service portals')], j: 'KUBE-SERVICES' }];
  t.nat.chains['POSTROUTING'] = [{ m: [c('kubernetes postrouting rules')], j: 'KUBE-POSTROUTING' }];
  t.nat.chains['KUBE-MARK-MASQ'] = [{ m: [], j: 'MARK', mark: { op: 'or', value: '0x4000' } }];
  t.nat.chains['KUBE-LOAD-BALANCER'] = [{ m: [], j: 'KUBE-MARK-MASQ' }];
  t.nat.chains['KUBE-NODE-PORT'] = [
    { p: 'tcp', m: [c('Kubernetes nodeport TCP port for masquerade purpose'), { m: 'set', name: 'KUBE-NODE-PORT-TCP', flags: 'dst' }], j: 'KUBE-MARK-MASQ' },
  ];
  t.nat.chains['KUBE-POSTROUTING'] = [
    { m: [c('Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose'), { m: 'set', name: 'KUBE-LOOP-BACK', flags: 'dst,dst,src' }], j: 'MASQUERADE' },
    { m: [{ m: 'mark', not: true, mark: '0x4000/0x4000' }], j: 'RETURN' },
    { m: [], j: 'MARK', mark: { op: 'xor', value: '0x4000' } },
    { m: [c('kubernetes service traffic requiring SNAT')], j: 'MASQUERADE', randomFully: true },
  ];
  t.nat.chains['KUBE-SERVICES'] = [
    { s: input.clusterCIDR, sNot: true, m: [c('Kubernetes service cluster ip + port for masquerade purpose'), { m: 'set', name: 'KUBE-CLUSTER-IP', flags: 'dst,dst' }], j: 'KUBE-MARK-MASQ' },
    { m: [{ m: 'addrtype', dstType: 'LOCAL' }], j: 'KUBE-NODE-PORT' },
    { m: [{ m: 'set', name: 'KUBE-CLUSTER-IP', flags: 'dst,dst' }], j: 'ACCEPT' },
  ];
  t.filter.chains['FORWARD'] = [{ m: [c('kubernetes forwarding rules')], j: 'KUBE-FORWARD' }];
  t.filter.chains['KUBE-FORWARD'] = [
    { m: [c('kubernetes forwarding rules'), { m: 'mark', mark: '0x4000/0x4000' }], j: 'ACCEPT' },
    { m: [c('kubernetes forwarding conntrack rule'), { m: 'conntrack', ctstate: 'RELATED,ESTABLISHED' }], j: 'ACCEPT' },
  ];
  for (const table of [t.filter, t.nat, t.mangle]) table.chains['KUBE-PROXY-CANARY'] = [];
  return t;
}

/** Sort virtual servers as ipvsadm lists them: protocol, then address, then port. */
export function sortVirtualServers(vs: VirtualServer[]): VirtualServer[] {
  const proto = (p: string) => (p === 'TCP' ? 6 : p === 'UDP' ? 17 : 132);
  return [...vs].sort((a, b) => proto(a.protocol) - proto(b.protocol) || ipToInt(a.vip) - ipToInt(b.vip) || a.port - b.port);
}
