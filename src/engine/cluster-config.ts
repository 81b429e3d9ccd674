import { DEFAULT_EPOCH_MS } from './sim/time';
import type { KubeProxySettings } from './kube-proxy/config';
import { DEFAULT_KUBERNETES_VERSION } from './version';

/** One node of the simulated cluster, as a lab's setup describes it. */
export interface NodeConfig {
  name: string;
  /** CPU in millicores (2 cores = 2000). */
  cpuMillis: number;
  memoryBytes: number;
  maxPods: number;
  labels: Record<string, string>;
  taints: { key: string; value?: string; effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' }[];
  /** e.g. 10.244.1.0/24 */
  podCIDR: string;
  /** e.g. 172.18.0.3 */
  internalIP: string;
  controlPlane: boolean;
  /** The container runtime (CRI) this node runs; absent: containerd 2.1.4. */
  runtime?: ContainerRuntimeConfig;
}

/**
 * A node's CRI implementation. `enableCriuSupport` is CRI-O's `enable_criu_support`
 * (`--enable-criu-support`; absent: CRI-O's default, off before 1.30, on from 1.30);
 * `criuVersion` is the installed CRIU (e.g. `4.1`), absent when no `criu` binary is installed.
 * Checkpoint support follows from both (src/engine/cri/capabilities.ts).
 */
export interface ContainerRuntimeConfig {
  name: 'containerd' | 'cri-o';
  version: string;
  enableCriuSupport?: boolean;
  criuVersion?: string;
}

export interface ClusterConfig {
  seed: number;
  kubernetesVersion: string;
  /** Wall-clock instant that virtual time 0 stands for. */
  epochMs: number;
  nodes: NodeConfig[];
  clusterCIDR: string;
  serviceCIDR: string;
  /** Virtual ms between an etcd write and watchers hearing of it. */
  watchLatencyMs: number;
  /** kube-proxy's mode, sync periods and simulated node quirks (absent: kubeadm defaults). */
  kubeProxy?: KubeProxySettings;
  /** Feature gates set on every component (`--feature-gates`); absent ones take the version's default. */
  featureGates?: Record<string, boolean>;
}

const GiB = 1024 ** 3;

/** A node named `name`, numbered `index` (0 is the control plane in the default layout). */
export function nodeConfig(name: string, index: number, overrides: Partial<NodeConfig> = {}): NodeConfig {
  const controlPlane = overrides.controlPlane ?? false;
  return {
    name,
    cpuMillis: 4000,
    memoryBytes: 8 * GiB,
    maxPods: 110,
    // The kubelet's initialNode labels (the beta.* pair is deprecated but still set), plus what
    // kubeadm adds to a control-plane node.
    labels: {
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': name,
      'kubernetes.io/os': 'linux',
      ...(controlPlane ? { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' } : {}),
      ...overrides.labels,
    },
    taints: controlPlane ? [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] : [],
    podCIDR: `10.244.${index}.0/24`,
    internalIP: `172.18.0.${index + 2}`,
    controlPlane,
    ...overrides,
  };
}

/**
 * The default cluster: a kind-like control-plane node plus `workers` worker nodes, newest
 * Kubernetes, seed 1. Labs override what they need.
 */
export function defaultClusterConfig(overrides: Partial<ClusterConfig> & { workers?: number } = {}): ClusterConfig {
  const workers = overrides.workers ?? 2;
  const nodes = overrides.nodes ?? [
    nodeConfig('control-plane', 0, { controlPlane: true }),
    ...Array.from({ length: workers }, (_, i) => nodeConfig(`node-${i + 1}`, i + 1)),
  ];
  return {
    seed: overrides.seed ?? 1,
    kubernetesVersion: overrides.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION,
    epochMs: overrides.epochMs ?? DEFAULT_EPOCH_MS,
    nodes,
    clusterCIDR: overrides.clusterCIDR ?? '10.244.0.0/16',
    serviceCIDR: overrides.serviceCIDR ?? '10.96.0.0/12',
    watchLatencyMs: overrides.watchLatencyMs ?? 1,
    ...(overrides.kubeProxy ? { kubeProxy: overrides.kubeProxy } : {}),
    ...(overrides.featureGates ? { featureGates: overrides.featureGates } : {}),
  };
}
