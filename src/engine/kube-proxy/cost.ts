import type { ProxyMode } from './types';

/** What a data plane costs for `services` ClusterIP Services with `endpoints` ready endpoints each. */
export interface ProxyCost {
  mode: ProxyMode;
  services: number;
  endpoints: number;
  /** Rules (iptables/nftables rules and map elements, IPVS virtual and real servers) the node holds. */
  rules: number;
  /** Rule evaluations or lookups the first packet of a connection from a pod costs. */
  firstPacket: { average: number; worst: number };
  /** Lines or kernel operations one sync writes after one Service's endpoints changed. */
  syncWorkPerChange: number;
}

/**
 * The cost model the scale lesson plots. The constants are the fixed rules each proxier writes
 * (see iptables/generate.ts, ipvs/model.ts, nftables/generate.ts, userspace/proxier.ts); tests
 * check them against what the proxiers really generate and walk.
 *
 * - iptables: KUBE-SERVICES is one linear chain, so a first packet walks past the Services in
 *   front of its own (N/2 on average), then 1..M statistic rules; a partial sync (1.27+) still
 *   rewrites KUBE-SERVICES and the filter table whole.
 * - ipvs: a few iptables rules and one hash lookup, whatever N; a change is a few netlink calls.
 * - nftables: one verdict-map lookup, one `numgen` jump; a change rewrites only that Service's
 *   chains and map elements.
 * - userspace: a linear portal chain, then the kube-proxy process itself.
 */
export function proxyCost(mode: ProxyMode, services: number, endpoints: number): ProxyCost {
  const n = services;
  const m = Math.max(1, endpoints);
  const base = { mode, services: n, endpoints: m };
  switch (mode) {
    case 'iptables':
      return {
        ...base,
        rules: 23 + n * (2 + 3 * m),
        firstPacket: { average: 4 + (n + 1) / 2 + (m + 1) / 2, worst: 4 + n + m },
        syncWorkPerChange: 23 + n + 1 + 3 * m,
      };
    case 'ipvs':
      return { ...base, rules: 16 + n * (1 + m), firstPacket: { average: 6, worst: 6 }, syncWorkPerChange: 16 + 2 + m };
    case 'nftables':
      return { ...base, rules: 23 + n * (4 + 2 * m), firstPacket: { average: 6, worst: 6 }, syncWorkPerChange: 4 + 2 * m };
    case 'userspace':
      return { ...base, rules: 4 + 2 * n, firstPacket: { average: 1 + (n + 1) / 2, worst: 1 + n }, syncWorkPerChange: 2 };
  }
}
