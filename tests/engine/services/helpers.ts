import type { Pod, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { ApiError } from '../../../src/engine/api/errors';
import { clone } from '../../../src/engine/api/objects';
import { Cluster } from '../../../src/engine/cluster';
import type { ComponentFactory } from '../../../src/engine/components';
import { endpointControllerComponents } from '../../../src/engine/controllers';
import { serviceRegistryComponents } from '../../../src/engine/api/registry';

/** A cluster with only the Service controllers: tests play kubelet by writing pod status. */
export function serviceCluster(options: { seed?: number; serviceCIDR?: string; version?: string; components?: ComponentFactory[] } = {}): Cluster {
  return Cluster.create(
    { seed: options.seed ?? 1, ...(options.serviceCIDR ? { serviceCIDR: options.serviceCIDR } : {}), ...(options.version ? { kubernetesVersion: options.version } : {}) },
    options.components ?? [endpointControllerComponents, serviceRegistryComponents],
  );
}

/** The message of the ApiError `fn` throws (fails the test if it does not throw one). */
export function apiError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e.message;
    throw e;
  }
  throw new Error('expected an ApiError');
}

export function service(name: string, spec: Service['spec'], namespace = 'default'): Service {
  return { metadata: { name, namespace }, spec };
}

export interface PodOptions {
  ip: string;
  ready?: boolean;
  node?: string;
  labels?: Record<string, string>;
  ports?: { name?: string; containerPort: number; protocol?: string }[];
  hostname?: string;
  subdomain?: string;
}

/** A pod bound to a node with an IP and the Ready condition, as a kubelet would have reported. */
export function runningPod(c: Cluster, name: string, o: PodOptions): Pod {
  c.api.create<Pod>('pods', {
    metadata: { name, namespace: 'default', labels: o.labels ?? { app: 'web' } },
    spec: {
      nodeName: o.node ?? 'node-1',
      ...(o.hostname ? { hostname: o.hostname } : {}),
      ...(o.subdomain ? { subdomain: o.subdomain } : {}),
      containers: [{ name: 'c', image: 'nginx:1.27', ...(o.ports ? { ports: o.ports } : {}) }],
    },
  });
  return setReady(c, name, o.ready ?? true, o.ip);
}

/** Set the pod's phase Running, IP and Ready condition (transition time = now). */
export function setReady(c: Cluster, name: string, ready: boolean, ip?: string): Pod {
  const pod = clone(c.api.get<Pod>('pods', 'default', name));
  const now = c.api.timestamp();
  pod.status = {
    ...pod.status,
    phase: 'Running',
    podIP: ip ?? pod.status?.podIP,
    podIPs: [{ ip: ip ?? pod.status!.podIP! }],
    conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: now }],
  };
  return c.api.updateStatus('pods', pod, 'kubelet');
}

export function slicesOf(c: Cluster, svc: string): EndpointSlice[] {
  return c.api.list<EndpointSlice>('endpointslices', 'default', { labelSelector: [{ key: 'kubernetes.io/service-name', op: 'in', values: [svc] }] }).items;
}
