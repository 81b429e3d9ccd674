/**
 * The contract between kube-proxy (which programs each node's rules from Services and
 * EndpointSlices) and the simulated network (which sends packets through those rules).
 *
 * The network never reads the API to decide where a packet goes: it asks the node's proxy, which
 * answers from the rules it last programmed. That is what makes a removed pod linger on a node
 * until that node's kube-proxy has synced.
 */

/** The proxy modes kube-proxy has had; `userspace` was removed in 1.26, nftables is GA since 1.33. */
export type ProxyMode = 'iptables' | 'ipvs' | 'nftables' | 'userspace';

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** The first packet of a new connection, as the node's netfilter sees it. */
export interface FlowKey {
  protocol: Protocol;
  srcIP: string;
  srcPort: number;
  dstIP: string;
  dstPort: number;
}

/** Where the first packet came from: a pod on this node, the node itself, or outside the node. */
export type FlowOrigin = 'pod' | 'node' | 'external';

/**
 * What the node's programmed rules do with a new connection.
 * `path` names the chains/rules (iptables, nftables), virtual server (ipvs) or proxy port
 * (userspace) it went through, for `curl -v`, traces and lab checks. `evaluated` counts rule
 * evaluations or lookups made on the way: the cost model the scale lesson shows.
 */
export type RouteDecision =
  | { kind: 'dnat'; ip: string; port: number; path: string[]; evaluated: number; masquerade: boolean }
  /**
   * A Service with no ready endpoints: REJECT with ICMP port unreachable (curl: connection refused).
   * `dropped` marks a DROP instead (e.g. `Local` traffic policy with no local endpoint): no answer
   * comes back and the client times out.
   */
  | { kind: 'reject'; path: string[]; evaluated: number; reason: string; dropped?: boolean }
  /** Not an address this node's rules know: the packet is routed unchanged. */
  | { kind: 'none'; evaluated: number };

/** One Service port as a node's rules currently program it. */
export interface ProgrammedServicePort {
  /** `namespace/name:portName` (portName empty for an unnamed port), as kube-proxy logs it. */
  servicePort: string;
  clusterIP: string;
  port: number;
  protocol: Protocol;
  nodePort?: number;
  /** `ip:port` of every endpoint the rules send traffic to. */
  endpoints: string[];
}

/** The kube-proxy of one node, as the network and lab checks see it. */
export interface NodeProxy {
  readonly nodeName: string;
  readonly mode: ProxyMode;
  /** Decide a new connection from the rules as last programmed (not from the API's view). */
  route(flow: FlowKey, origin: FlowOrigin): RouteDecision;
  /** What the rules program right now, for checks and the cluster picture. */
  programmed(): ProgrammedServicePort[];
  /** Virtual time of the last completed sync, undefined before the first. */
  readonly lastSyncMs: number | undefined;
}
