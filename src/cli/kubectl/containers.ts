/**
 * Picking the pod and container for `logs` and `exec`: `POD`, `pod/POD` or a workload
 * (`deploy/web`: its first pod, as kubectl's AttachablePodForObject), then `-c` or the default
 * container (the `kubectl.kubernetes.io/default-container` annotation, else the first one, with
 * podcmd's "Defaulted container" notice on stderr).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { fromLabelSelector, type Selector } from '../../engine/api/labels';
import type { KubeObject } from '../../engine/api/objects';
import type { ResourceType } from '../../engine/api/resources';
import type { KubectlContext } from './context';
import { usageError } from './errors';
import { resolveType } from './resource-args';

const DEFAULT_CONTAINER = 'kubectl.kubernetes.io/default-container';

/** Rank pods as sort.Reverse(podutils.ActivePods) would pick them: ready, running, scheduled, older. */
function activeRank(p: Pod): [number, string] {
  const ready = p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 0 : 1;
  const phase = p.status?.phase === 'Running' ? 0 : p.status?.phase === 'Pending' ? 1 : 2;
  const scheduled = p.spec?.nodeName ? 0 : 1;
  return [ready * 4 + phase * 2 + scheduled, `${p.metadata?.creationTimestamp ?? ''}/${p.metadata?.name ?? ''}`];
}

/** The pod an argument names; `notice` prints logs' "Found N pods, using pod/x" line. */
export function podFor(ctx: KubectlContext, arg: string, use: 'attach' | 'logs'): Pod {
  const slash = arg.indexOf('/');
  const type = slash < 0 ? resolveType('pods') : resolveType(arg.slice(0, slash));
  const name = slash < 0 ? arg : arg.slice(slash + 1);
  const obj = ctx.cluster.api.get(type.resource, ctx.namespace, name);
  if (type.kind === 'Pod') return obj as Pod;
  const pods = ctx.cluster.api.list<Pod>('pods', ctx.namespace, { labelSelector: podSelector(type, obj, use) }).items;
  if (pods.length === 0) throw usageError(`timed out waiting for the condition`);
  const sorted = [...pods].sort((a, b) => {
    const [ra, ka] = activeRank(a);
    const [rb, kb] = activeRank(b);
    return ra - rb || (ka < kb ? -1 : ka > kb ? 1 : 0);
  });
  if (use === 'logs' && sorted.length > 1) ctx.err.push(`Found ${sorted.length} pods, using pod/${sorted[0]!.metadata!.name}\n`);
  return sorted[0]!;
}

/**
 * The pods an object stands for (polymorphichelpers' SelectorsForObject): a workload's label
 * selector, a Service's plain selector map; anything else fails as kubectl says, with Go's `%T`.
 */
function podSelector(type: ResourceType, obj: KubeObject, use: 'attach' | 'logs'): Selector {
  const goType = `*${type.version}.${type.kind}`;
  const fail = (why: string) => usageError(`${use === 'attach' ? 'cannot attach to' : 'cannot get the logs from'} ${goType}: ${why}`);
  const spec = (obj as { spec?: { selector?: unknown } }).spec;
  if (type.kind === 'Service') {
    const selector = (spec?.selector ?? {}) as Record<string, string>;
    if (Object.keys(selector).length === 0) throw fail(`invalid service '${obj.metadata?.name ?? ''}': Service is defined without a selector`);
    return fromLabelSelector({ matchLabels: selector });
  }
  if (!WITH_POD_SELECTOR.has(type.kind) || !spec?.selector) throw fail(`selector for ${goType} not implemented`);
  return fromLabelSelector(spec.selector);
}

const WITH_POD_SELECTOR = new Set(['ReplicaSet', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController']);

function allContainerNames(pod: Pod): string {
  const spec = pod.spec!;
  return [...spec.containers.map((c) => c.name), ...(spec.ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`), ...(spec.initContainers ?? []).map((c) => `${c.name} (init)`)].join(', ');
}

/** `-c` or the default container (FindOrDefaultContainerByName). */
export function containerFor(ctx: KubectlContext, pod: Pod, requested: string | undefined, notFound: (name: string) => string): string {
  const spec = pod.spec!;
  const names = [...spec.containers, ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])].map((c) => c.name);
  if (requested) {
    if (!names.includes(requested)) throw usageError(notFound(requested));
    return requested;
  }
  const annotated = pod.metadata?.annotations?.[DEFAULT_CONTAINER];
  if (annotated && names.includes(annotated)) return annotated;
  const first = spec.containers[0]!.name;
  if (spec.containers.length > 1 || spec.initContainers?.length || spec.ephemeralContainers?.length) {
    ctx.err.push(`Defaulted container "${first}" out of: ${allContainerNames(pod)}\n`);
  }
  return first;
}

/** What kubectl sees when the node's kubelet does not answer (no kubelet runs in the simulation). */
export function kubeletUnreachable(ctx: KubectlContext, pod: Pod, path: string): string {
  const node = ctx.cluster.config.nodes.find((n) => n.name === pod.spec?.nodeName);
  const ip = node?.internalIP ?? pod.status?.hostIP ?? '';
  return `Error from server: Get "https://${ip}:10250/${path}": dial tcp ${ip}:10250: connect: connection refused`;
}
