import type { ComponentFactory } from '../components';
import { KubeProxy } from './component';

export { KubeProxy } from './component';
export type { KubeProxySettings } from './config';

/** One kube-proxy per configured node (actor id `kube-proxy/<node>`). */
export const kubeProxyComponents: ComponentFactory = (cp) => {
  const ctx = { sim: cp.sim, api: cp.api, events: cp.events };
  return cp.config.nodes.map((node) => new KubeProxy(ctx, cp.config, node, cp.version));
};
