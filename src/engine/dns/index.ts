import type { ComponentFactory } from '../components';
import { CoreDns } from './resolver';

export { CoreDns, COREDNS_ID, CACHE_SECONDS } from './resolver';
export * from './types';
export { answerCluster, type DnsView } from './records';

/** The cluster DNS's kubernetes plugin and cache (its pods come from the coredns Deployment). */
export const dnsComponents: ComponentFactory = (cp) => [new CoreDns({ sim: cp.sim, api: cp.api, events: cp.events }, cp.config.epochMs, cp.config.clusterCIDR)];
