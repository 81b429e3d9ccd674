import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Cluster } from '../../../engine/cluster';
import type { Component } from '../../../engine/controllers/component';
import type { NodeProxy } from '../../../engine/kube-proxy/types';
import type { ClusterPicture } from '../../types';

type NodePicture = ClusterPicture['nodes'][number];
type ServicePicture = ClusterPicture['services'][number];

/**
 * The compact picture <ClusterView /> draws, read from the API (nodes, pods, Services,
 * EndpointSlices) and from each node's kube-proxy (the rules as last programmed, which may lag the
 * API: that lag is what the view is there to show). Pure: any runtime holding a Cluster can call it.
 */
export function clusterPicture(cluster: Cluster): ClusterPicture {
  return {
    nowMs: cluster.now(),
    nodes: nodesWithPods(cluster),
    services: services(cluster),
    proxies: proxies(cluster),
  };
}

function nodesWithPods(cluster: Cluster): NodePicture[] {
  const pods = cluster.api.list<Pod>('pods').items;
  const nodes: NodePicture[] = cluster.api.list<Node>('nodes').items.map((n) => ({
    name: n.metadata?.name ?? '',
    ready: n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
    pods: [],
  }));
  const byName = new Map(nodes.map((n) => [n.name, n]));
  for (const pod of pods) {
    const node = byName.get(pod.spec?.nodeName ?? '');
    // Pods not yet scheduled have no node to sit on; the view lists them through their Service.
    node?.pods.push({
      namespace: pod.metadata?.namespace ?? 'default',
      name: pod.metadata?.name ?? '',
      phase: pod.status?.phase ?? 'Pending',
      ...(pod.status?.podIP ? { ip: pod.status.podIP } : {}),
      ready: pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
      terminating: pod.metadata?.deletionTimestamp !== undefined,
    });
  }
  return nodes;
}

function services(cluster: Cluster): ServicePicture[] {
  const slices = cluster.api.list<EndpointSlice>('endpointslices').items;
  return cluster.api.list<Service>('services').items.map((svc) => {
    const namespace = svc.metadata?.namespace ?? 'default';
    const name = svc.metadata?.name ?? '';
    const own = slices.filter((s) => s.metadata?.namespace === namespace && s.metadata.labels?.['kubernetes.io/service-name'] === name);
    return {
      namespace,
      name,
      type: svc.spec?.type ?? 'ClusterIP',
      ...(svc.spec?.clusterIP ? { clusterIP: svc.spec.clusterIP } : {}),
      ports: (svc.spec?.ports ?? []).map((p) => `${p.port}/${p.protocol ?? 'TCP'}`),
      endpoints: own.flatMap((s) =>
        s.endpoints.flatMap((e) =>
          e.addresses.map((ip) => ({
            ip,
            ready: e.conditions?.ready ?? false,
            serving: e.conditions?.serving ?? e.conditions?.ready ?? false,
            terminating: e.conditions?.terminating ?? false,
          })),
        ),
      ),
    };
  });
}

function isNodeProxy(c: Component): c is Component & NodeProxy {
  const p = c as Partial<NodeProxy>;
  return typeof p.programmed === 'function' && typeof p.route === 'function' && typeof p.nodeName === 'string';
}

function proxies(cluster: Cluster): ClusterPicture['proxies'] {
  return cluster.components.filter(isNodeProxy).map((proxy) => {
    const byService = new Map<string, string[]>();
    for (const port of proxy.programmed()) {
      const service = port.servicePort.replace(/:[^:/]*$/, '');
      byService.set(service, [...(byService.get(service) ?? []), ...port.endpoints]);
    }
    return {
      node: proxy.nodeName,
      mode: proxy.mode,
      ...(proxy.lastSyncMs !== undefined ? { lastSyncMs: proxy.lastSyncMs } : {}),
      services: [...byService].map(([service, endpoints]) => ({ service, endpoints: [...new Set(endpoints)].sort() })),
    };
  });
}
