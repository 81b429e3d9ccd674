import type { ComponentFactory } from '../components';
import { corednsConfigMap, corednsDeployment, kubeDnsService } from './addon';
import { CoreDns } from './resolver';

export { CoreDns, COREDNS_ID, PROPAGATION_MS, CACHE_SECONDS } from './resolver';
export * from './types';
export { answerCluster, type DnsView } from './records';
export { COREFILE, corednsImage } from './addon';

/**
 * kubeadm's CoreDNS addon: the `coredns` ConfigMap and Deployment and the `kube-dns` Service in
 * kube-system (created here, with the component, so clusters without DNS have none of them),
 * plus the resolver that answers for every CoreDNS pod from its Service and EndpointSlice caches.
 */
export const dnsComponents: ComponentFactory = (cp) => {
  const api = cp.api;
  if (!api.tryGet('configmaps', 'kube-system', 'coredns')) api.create('configmaps', corednsConfigMap(), 'kubeadm');
  if (!api.tryGet('deployments', 'kube-system', 'coredns')) api.create('deployments', corednsDeployment(cp.version), 'kubeadm');
  if (!api.tryGet('services', 'kube-system', 'kube-dns')) api.create('services', kubeDnsService(), 'kubeadm');
  return [new CoreDns({ sim: cp.sim, api: cp.api, events: cp.events }, cp.config.epochMs, cp.config.clusterCIDR)];
};
