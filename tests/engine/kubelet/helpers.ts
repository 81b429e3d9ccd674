import type { Event, Pod } from 'kubernetes-types/core/v1';
import { Cluster } from '../../../src/engine/cluster';
import { kubeletComponents, type Kubelet } from '../../../src/engine/kubelet';

/** A cluster with kubelets only (no scheduler): pods are created already bound. */
export function kubeletCluster(overrides: Parameters<typeof Cluster.create>[0] = {}): Cluster {
  return Cluster.create({ seed: 1, ...overrides }, [kubeletComponents]);
}

export function kubelet(c: Cluster, node = 'node-1'): Kubelet {
  return c.components.find((x) => x.id === `kubelet/${node}`) as Kubelet;
}

/** A bound pod with one container. */
export function boundPod(name: string, container: Partial<Pod['spec']> & { image?: string } = {}, node = 'node-1'): Pod {
  const { image, ...spec } = container;
  return {
    metadata: { name, namespace: 'default' },
    spec: { nodeName: node, containers: [{ name: 'web', image: image ?? 'nginx:1.27' }], ...spec },
  };
}

export function getPod(c: Cluster, name: string): Pod | undefined {
  return c.api.tryGet<Pod>('pods', 'default', name);
}

/** Events about a pod in creation order as `Reason: message`. */
export function eventsOf(c: Cluster, name: string): string[] {
  return c.api
    .list<Event>('events', 'default')
    .items.filter((e) => e.involvedObject.name === name)
    .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
    .map((e) => `${e.reason}: ${e.message}`);
}

export function condition(pod: Pod | undefined, type: string): string | undefined {
  return pod?.status?.conditions?.find((x) => x.type === type)?.status;
}

/** Trace entries of a pod as `t action detail`. */
export function traceOf(c: Cluster, name: string): string[] {
  return c.sim.trace.entries({ object: `pods/default/${name}`, component: 'kubelet' }).map((e) => `${e.t} ${e.action} ${e.detail}`);
}
