import type { Pod } from 'kubernetes-types/core/v1';
import { Cluster } from '../../../src/engine/cluster';
import type { ContainerRuntimeConfig } from '../../../src/engine/cluster-config';
import { nodeConfig } from '../../../src/engine/cluster-config';
import { kubeletComponents, type Kubelet } from '../../../src/engine/kubelet';
import { criComponents } from '../../../src/engine/cri/storage';

export const CRIO: ContainerRuntimeConfig = { name: 'cri-o', version: '1.31.0', enableCriuSupport: true, criuVersion: '4.1' };
export const ADMIN = { user: 'kube-apiserver-kubelet-client', groups: ['kubeadm:cluster-admins'] };

/** Kubelets plus node storage; node-1 runs `runtime`, node-2 `other` (default: the same). */
export function checkpointCluster(runtime: ContainerRuntimeConfig | undefined, options: { version?: string; gates?: Record<string, boolean>; other?: ContainerRuntimeConfig } = {}): Cluster {
  const nodes = [nodeConfig('node-1', 1, runtime ? { runtime } : {}), nodeConfig('node-2', 2, (options.other ?? runtime) ? { runtime: options.other ?? runtime! } : {})];
  return Cluster.create({ seed: 7, nodes, ...(options.version ? { kubernetesVersion: options.version } : {}), ...(options.gates ? { featureGates: options.gates } : {}) }, [kubeletComponents, criComponents]);
}

export function kubeletOf(c: Cluster, node = 'node-1'): Kubelet {
  return c.components.find((x) => x.id === `kubelet/${node}`) as Kubelet;
}

export function counterPod(name = 'counter', node = 'node-1', image = 'ghcr.io/clusterlab/counter:1.0'): Pod {
  return { metadata: { name, namespace: 'default' }, spec: { nodeName: node, containers: [{ name: 'counter', image }] } };
}

/** Create the pod and let it run for `seconds`. */
export function runPod(c: Cluster, pod: Pod, seconds: number): void {
  c.api.create('pods', pod, 'test');
  c.advance(seconds * 1000);
}

export function post(c: Cluster, path: string, cert: { user: string; groups: string[] } | null = ADMIN, node = 'node-1') {
  return kubeletOf(c, node).serveHttps({ method: 'POST', path, ...(cert ? { clientCert: cert } : {}) });
}
