import type { ComponentFactory } from '../components';
import { kubeProxyConfigMap, kubeProxyDaemonSet } from './addon';
import { KubeProxy } from './component';

export { KubeProxy } from './component';
export type { KubeProxySettings } from './config';

/**
 * kubeadm's kube-proxy addon: the `kube-proxy` ConfigMap and DaemonSet in kube-system (created
 * here, with the components, so clusters that run no kube-proxy have neither), plus one
 * kube-proxy per configured node (actor id `kube-proxy/<node>`) that starts when its pod does.
 */
export const kubeProxyComponents: ComponentFactory = (cp) => {
  if (!cp.api.tryGet('configmaps', 'kube-system', 'kube-proxy')) cp.api.create('configmaps', kubeProxyConfigMap(cp.config), 'kubeadm');
  if (!cp.api.tryGet('daemonsets', 'kube-system', 'kube-proxy')) cp.api.create('daemonsets', kubeProxyDaemonSet(cp.version), 'kubeadm');
  const ctx = { sim: cp.sim, api: cp.api, events: cp.events };
  return cp.config.nodes.map((node) => new KubeProxy(ctx, cp.config, node, cp.version));
};
