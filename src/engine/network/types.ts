/**
 * What the simulated network records of every request it carries (curl, wget, probes are not
 * included, the traffic generator's load is). Lab checks grade from these records, so "zero
 * failed requests during the rollout" is read from what happened, not from the end state.
 */

/** How a request failed, in the words curl and load generators use. */
export type RequestError =
  | 'connection-refused'
  | 'connection-reset'
  | 'timeout'
  | 'no-route'
  | 'dns-failure';

export interface TrafficRecord {
  /** Virtual ms the request was sent. */
  t: number;
  /** Who sent it: `load/NAME`, `pod/NAMESPACE/NAME`, `node/NAME`, `workstation`. */
  client: string;
  method: string;
  url: string;
  /** HTTP status when a response came back. */
  status?: number;
  error?: RequestError;
  /** `ip:port` of the pod endpoint that handled it (after DNAT), when one did. */
  endpoint?: string;
  /** Pod `namespace/name` behind that endpoint. */
  pod?: string;
  /** Node whose rules routed it. */
  node?: string;
  latencyMs: number;
}
