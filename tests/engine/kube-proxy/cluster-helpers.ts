import type { ConfigMap, Pod } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { Cluster } from '../../../src/engine/cluster';
import type { ClusterConfig } from '../../../src/engine/cluster-config';
import type { KubeProxy } from '../../../src/engine/kube-proxy/component';
import { slice, webService } from './helpers';

export function proxyOf(c: Cluster, node: string): KubeProxy {
  return c.sim.actor(`kube-proxy/${node}`) as KubeProxy;
}

/** A default cluster (3 nodes) whose kube-proxy pods have started, plus `default/web` with 3 endpoints. */
export function clusterWithWeb(overrides: Partial<ClusterConfig> = {}): Cluster {
  const c = Cluster.create({ seed: 1, ...overrides });
  c.advance(5000);
  const svc = webService();
  // No selector: the EndpointSlice controller leaves our hand-written slice alone.
  delete svc.spec!.selector;
  c.api.create('services', svc);
  c.api.create('endpointslices', manualSlice([{ ip: '10.244.1.5', node: 'node-1' }, { ip: '10.244.2.7', node: 'node-2' }, { ip: '10.244.3.9', node: 'node-2' }]));
  c.advance(5000);
  return c;
}

export function manualSlice(addresses: Parameters<typeof slice>[1]): EndpointSlice {
  const s = slice('web', addresses);
  delete s.metadata!.labels!['endpointslice.kubernetes.io/managed-by'];
  return s;
}

/** Replace the endpoints of `default/web`'s slice. */
export function setEndpoints(c: Cluster, addresses: Parameters<typeof slice>[1]): void {
  const current = c.api.get<EndpointSlice>('endpointslices', 'default', 'web-abcde');
  c.api.update('endpointslices', { ...manualSlice(addresses), metadata: { ...current.metadata, labels: { ...current.metadata?.labels } } });
}

export function kubeProxyPod(c: Cluster, node: string): Pod {
  const pod = c.api.list<Pod>('pods', 'kube-system').items.find((p) => p.spec?.nodeName === node && p.metadata?.name?.startsWith('kube-proxy-') && !p.metadata.deletionTimestamp);
  if (!pod) throw new Error(`no kube-proxy pod on ${node}`);
  return pod;
}

/** Edit config.conf in the kube-proxy ConfigMap, as `kubectl -n kube-system edit cm kube-proxy` would. */
export function editProxyConfig(c: Cluster, edit: (conf: string) => string): void {
  const cm = c.api.get<ConfigMap>('configmaps', 'kube-system', 'kube-proxy');
  const conf = cm.data?.['config.conf'] ?? '';
  c.api.update('configmaps', { ...cm, data: { ...cm.data, 'config.conf': edit(conf) } });
}

export function logsOf(c: Cluster, node: string, previous = false): string {
  const pod = kubeProxyPod(c, node);
  const r = c.nodeAgent(node)!.logs('kube-system', pod.metadata!.name!, 'kube-proxy', { previous });
  return r.ok ? r.text : r.error;
}
