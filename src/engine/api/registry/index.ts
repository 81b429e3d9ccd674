import type { ComponentFactory } from '../../components';
import { ServiceAllocatorRepair } from './repair';

export { ServiceRegistry } from './service-registry';
export { ClusterIPAllocator } from './cluster-ip';
export { NodePortAllocator, DEFAULT_NODE_PORT_RANGE } from './node-port';
export { ServiceAllocatorRepair } from './repair';

/** The apiserver-side loop that keeps Service allocations consistent across snapshot/restore. */
export const serviceRegistryComponents: ComponentFactory = (cp) => [new ServiceAllocatorRepair(cp)];
