import { DEFAULT_COMPONENTS, type ComponentFactory } from '../engine/components';
import { defaultClusterConfig, nodeConfig, type ClusterConfig, type ContainerRuntimeConfig, type NodeConfig } from '../engine/cluster-config';
import { DEFAULT_RUNTIME } from '../engine/cri/capabilities';
import type { KubeProxySettings } from '../engine/kube-proxy/config';
import { kubeletComponents, kubeletComponentsWith, type KubeletOptions } from '../engine/kubelet/index';
import { cpuMillis, integerValue } from '../engine/scheduler/quantity';
import { parseDuration } from '../engine/sim/time';
import type { LabDefinition, LabSetup } from './schema';
import type { FaultSpec, LoadPlan } from './faults';

/** What Cluster.create needs for a lab: config overrides and the component factories. */
export interface ClusterPlan {
  config: Partial<ClusterConfig> & { workers?: number };
  factories: ComponentFactory[];
}

export const ms = (duration: string): number => parseDuration(duration)!;

/** Map a lab's setup onto the engine's ClusterConfig and component options. */
export function clusterPlan(def: LabDefinition): ClusterPlan {
  const setup = def.setup;
  const config: ClusterPlan['config'] = { seed: def.seed };
  if (def.kubernetesVersion) config.kubernetesVersion = def.kubernetesVersion;
  if (setup.nodes) config.nodes = setup.nodes.map(toNodeConfig);
  else if (setup.workers !== undefined) config.workers = setup.workers;
  if (setup.containerRuntime) {
    const all = toRuntime(setup.containerRuntime);
    const nodes = config.nodes ?? defaultClusterConfig({ workers: setup.workers ?? 2 }).nodes;
    config.nodes = nodes.map((n, i) => (setup.nodes?.[i]?.runtime ? n : { ...n, runtime: all }));
  }
  if (setup.featureGates) config.featureGates = { ...setup.featureGates };
  if (setup.delays?.watch) config.watchLatencyMs = ms(setup.delays.watch);
  if (setup.kubeProxy) applyKubeProxy(config, setup.kubeProxy);
  return { config, factories: factoriesFor(setup) };
}

function toNodeConfig(n: NonNullable<LabSetup['nodes']>[number], index: number): NodeConfig {
  const base = nodeConfig(n.name, index, { controlPlane: n.controlPlane });
  return {
    ...base,
    cpuMillis: cpuMillis(n.cpu),
    memoryBytes: integerValue(n.memory),
    maxPods: n.maxPods,
    labels: { ...base.labels, ...n.labels },
    taints: n.taints?.map((t) => ({ ...t })) ?? base.taints,
    ...(n.runtime ? { runtime: toRuntime(n.runtime) } : {}),
  };
}

type RuntimeSetup = NonNullable<LabSetup['containerRuntime']>;

function toRuntime(r: RuntimeSetup): ContainerRuntimeConfig {
  const runtime: ContainerRuntimeConfig = { name: r.name, version: r.version ?? DEFAULT_RUNTIME.version };
  if (r.enableCriuSupport !== undefined) runtime.enableCriuSupport = r.enableCriuSupport;
  if (r.criuVersion !== undefined) runtime.criuVersion = r.criuVersion;
  return runtime;
}

/** The default components, with the kubelet tuned when the lab sets its delays. */
export function factoriesFor(setup: LabSetup): ComponentFactory[] {
  const d = setup.delays;
  const kubelet: Partial<KubeletOptions> = {};
  if (d?.kubeletSync) kubelet.syncPeriodMs = ms(d.kubeletSync);
  if (d?.kubeletHeartbeat) kubelet.heartbeatMs = ms(d.kubeletHeartbeat);
  if (d?.kubeletStatusWrite) kubelet.statusWriteMs = ms(d.kubeletStatusWrite);
  if (Object.keys(kubelet).length === 0) return DEFAULT_COMPONENTS;
  return DEFAULT_COMPONENTS.map((f) => (f === kubeletComponents ? kubeletComponentsWith(kubelet) : f));
}

function applyKubeProxy(config: ClusterPlan['config'], proxy: NonNullable<LabSetup['kubeProxy']>): void {
  const settings: KubeProxySettings = { mode: proxy.mode };
  if (proxy.syncPeriod) settings.syncPeriodMs = ms(proxy.syncPeriod);
  if (proxy.minSyncPeriod) settings.minSyncPeriodMs = ms(proxy.minSyncPeriod);
  config.kubeProxy = settings;
}

/** Faults at absolute virtual times, given when the lab starts. */
export function faultPlan(setup: LabSetup, startMs: number): FaultSpec[] {
  return setup.faults.map((f) => ({ atMs: startMs + ms(f.at), action: f.action, node: f.node }));
}

/** Background load generators at absolute virtual times. */
export function loadPlan(setup: LabSetup, startMs: number): LoadPlan[] {
  return setup.traffic.map((t) => ({
    atMs: startMs + ms(t.start),
    name: t.name,
    url: t.url,
    rps: t.rps,
    from: t.from,
    ...(t.stop ? { untilMs: startMs + ms(t.stop) } : {}),
  }));
}
