import type { ComponentFactory } from '../components';
import { Network, NETWORK_ID } from './network';

export { Network, NETWORK_ID, type KeepAlive, type RequestOptions, type RequestOutcome } from './network';
export type { NetClient, ConnectResult, Connected, Failed } from './model';
export { clientLabel, WORKSTATION_IP } from './model';
export type { TrafficRecord, RequestError } from './types';
export type { LoadSpec } from './load';
export type { ConntrackEntry } from './conntrack';
export { parseUrl, type ParsedUrl } from './url';
export { reasonPhrase, type HttpReply } from './http-exchange';

/** The simulated network, one per cluster. */
export const networkComponents: ComponentFactory = (cp) => [new Network({ sim: cp.sim, api: cp.api, events: cp.events }, cp.config)];

/** The network of a cluster (anything with a simulator), if it runs one. */
export function networkOf(cluster: { sim: { actor(id: string): unknown } }): Network | undefined {
  const n = cluster.sim.actor(NETWORK_ID);
  return n instanceof Network ? n : undefined;
}
