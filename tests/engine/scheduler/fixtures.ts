import type { Affinity, Node, Pod, Taint, Toleration } from 'kubernetes-types/core/v1';
import { SchedulerCache } from '../../../src/engine/scheduler/cache';
import type { NodeInfo, SchedulerProfile } from '../../../src/engine/scheduler/types';

export const v134: SchedulerProfile = { genericTaintMessage: false, draPostFilterNote: true };
export const v135: SchedulerProfile = { genericTaintMessage: true, draPostFilterNote: true };

export function newNode(name: string, opts: { cpu?: string; memory?: string; pods?: string; labels?: Record<string, string>; taints?: Taint[]; unschedulable?: boolean } = {}): Node {
  const allocatable = { cpu: opts.cpu ?? '4', memory: opts.memory ?? '8Gi', pods: opts.pods ?? '110' };
  return {
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...opts.labels } },
    spec: { ...(opts.taints ? { taints: opts.taints } : {}), ...(opts.unschedulable ? { unschedulable: true } : {}) },
    status: { allocatable, capacity: allocatable },
  };
}

export function newPod(name: string, opts: { cpu?: string; memory?: string; node?: string; tolerations?: Toleration[]; nodeSelector?: Record<string, string>; affinity?: Affinity } = {}): Pod {
  const requests: Record<string, string> = {};
  if (opts.cpu) requests.cpu = opts.cpu;
  if (opts.memory) requests.memory = opts.memory;
  return {
    metadata: { name, namespace: 'default' },
    spec: {
      containers: [{ name: 'app', image: 'nginx:1.27', resources: Object.keys(requests).length > 0 ? { requests } : {} }],
      ...(opts.node ? { nodeName: opts.node } : {}),
      ...(opts.tolerations ? { tolerations: opts.tolerations } : {}),
      ...(opts.nodeSelector ? { nodeSelector: opts.nodeSelector } : {}),
      ...(opts.affinity ? { affinity: opts.affinity } : {}),
    },
    status: { phase: opts.node ? 'Running' : 'Pending' },
  };
}

/** NodeInfos for `nodes` with `pods` (each with spec.nodeName) accounted, via the scheduler cache. */
export function nodeInfos(nodes: Node[], pods: Pod[] = []): readonly NodeInfo[] {
  const cache = new SchedulerCache();
  for (const n of nodes) cache.setNode(n);
  for (const p of pods) cache.setPod(p);
  return cache.nodeInfos();
}

export function info(node: Node, pods: Pod[] = []): NodeInfo {
  return nodeInfos([node], pods)[0]!;
}
