import type { ComponentFactory } from '../components';
import { Kubelet, type KubeletOptions } from './kubelet';
import { PodRouter } from './router';

export { Kubelet, DEFAULT_KUBELET_OPTIONS, type KubeletOptions } from './kubelet';
export { PodRouter, POD_ROUTER_ID } from './router';

/**
 * One kubelet per configured node, plus the pod watch router standing for the API server's
 * per-node field selector. Use `kubeletComponentsWith(options)` to tune sync periods.
 */
export const kubeletComponents: ComponentFactory = (cp) => kubeletComponentsWith()(cp);

export function kubeletComponentsWith(options: Partial<KubeletOptions> = {}): ComponentFactory {
  return (cp) => {
    const ctx = { sim: cp.sim, api: cp.api, events: cp.events };
    return [new PodRouter(ctx), ...cp.config.nodes.map((node) => new Kubelet(ctx, cp.config, node, cp.version, options))];
  };
}
