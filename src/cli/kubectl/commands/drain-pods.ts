/**
 * Which pods `kubectl drain` removes from a node (kubectl/pkg/drain/filters.go): DaemonSet pods
 * stay (an error unless --ignore-daemonsets), mirror pods are skipped, emptyDir pods need
 * --delete-emptydir-data, pods without a controller need --force. Finished pods always go.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { Cluster } from '../../../engine/cluster';
import { matches, type Selector } from '../../../engine/api/labels';
import { getControllerOf } from '../../../engine/api/objects';

export interface DrainOptions {
  force: boolean;
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  podSelector?: Selector;
  /** --skip-wait-for-delete-timeout: pods deleting for longer than this many seconds are skipped. */
  skipWaitSeconds: number;
  /** Virtual now as Unix ms, to age deletion timestamps. */
  nowMs: number;
}

type Verdict = { delete: boolean; reason: 'Okay' | 'Skip' | 'Warning' | 'Error'; message?: string };

const OKAY: Verdict = { delete: true, reason: 'Okay' };
const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods';
const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
const UNMANAGED_WARNING = 'deleting Pods that declare no controller';
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

export interface PodDeleteList {
  /** Pods to evict or delete, in list order. */
  pods: Pod[];
  /** `message: ns/a, ns/b` joined by `; `, or '' (printed as `Warning: ...`). */
  warnings: string;
  /** One line per fatal message: `cannot delete ...: ns/a, ns/b`. */
  errors: string[];
}

const finished = (pod: Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

function daemonSetFilter(cluster: Cluster, o: DrainOptions, pod: Pod): Verdict {
  const ref = getControllerOf(pod);
  if (ref?.kind !== 'DaemonSet' || finished(pod)) return OKAY;
  if (!cluster.api.tryGet('daemonsets', pod.metadata?.namespace, ref.name)) {
    const message = `daemonsets.apps "${ref.name}" not found`;
    return o.force ? { delete: true, reason: 'Warning', message } : { delete: false, reason: 'Error', message };
  }
  return o.ignoreDaemonSets ? { delete: false, reason: 'Warning', message: DAEMONSET_WARNING } : { delete: false, reason: 'Error', message: DAEMONSET_FATAL };
}

function mirrorPodFilter(_c: Cluster, _o: DrainOptions, pod: Pod): Verdict {
  return pod.metadata?.annotations?.[MIRROR_ANNOTATION] !== undefined ? { delete: false, reason: 'Skip' } : OKAY;
}

function localStorageFilter(_c: Cluster, o: DrainOptions, pod: Pod): Verdict {
  if (!pod.spec?.volumes?.some((v) => v.emptyDir !== undefined) || finished(pod)) return OKAY;
  return o.deleteEmptyDirData ? { delete: true, reason: 'Warning', message: LOCAL_STORAGE_WARNING } : { delete: false, reason: 'Error', message: LOCAL_STORAGE_FATAL };
}

function unreplicatedFilter(_c: Cluster, o: DrainOptions, pod: Pod): Verdict {
  if (finished(pod) || getControllerOf(pod)) return OKAY;
  return o.force ? { delete: true, reason: 'Warning', message: UNMANAGED_WARNING } : { delete: false, reason: 'Error', message: UNMANAGED_FATAL };
}

/** shouldSkipPod: deleting for more than --skip-wait-for-delete-timeout seconds (truncated). */
export function deletingTooLong(pod: Pod, o: Pick<DrainOptions, 'skipWaitSeconds' | 'nowMs'>): boolean {
  const since = pod.metadata?.deletionTimestamp;
  return o.skipWaitSeconds > 0 && since !== undefined && Math.trunc((o.nowMs - Date.parse(since)) / 1000) > o.skipWaitSeconds;
}

function skipDeletedFilter(_c: Cluster, o: DrainOptions, pod: Pod): Verdict {
  return deletingTooLong(pod, o) ? { delete: false, reason: 'Skip' } : OKAY;
}

const FILTERS = [skipDeletedFilter, daemonSetFilter, mirrorPodFilter, localStorageFilter, unreplicatedFilter];

/** Run the filters in order; the first that keeps a pod decides, otherwise the last verdict stands. */
function verdictFor(cluster: Cluster, o: DrainOptions, pod: Pod): Verdict {
  let verdict = OKAY;
  for (const filter of FILTERS) {
    verdict = filter(cluster, o, pod);
    if (!verdict.delete) break;
  }
  return verdict;
}

/** GetPodsForDeletion: the node's pods (all namespaces, `--pod-selector`), sorted into the three lists. */
export function podsForDeletion(cluster: Cluster, node: string, o: DrainOptions): PodDeleteList {
  const pods = cluster.api
    .list<Pod>('pods', undefined, { fieldSelector: { 'spec.nodeName': node } })
    .items.filter((p) => !o.podSelector || matches(o.podSelector, p.metadata?.labels));
  const warnings = new Map<string, string[]>();
  const errors = new Map<string, string[]>();
  const keep: Pod[] = [];
  for (const pod of pods) {
    const v = verdictFor(cluster, o, pod);
    const ref = `${pod.metadata?.namespace}/${pod.metadata?.name}`;
    if (v.delete) keep.push(pod);
    if (v.reason === 'Warning') warnings.set(v.message!, [...(warnings.get(v.message!) ?? []), ref]);
    if (v.reason === 'Error') errors.set(v.message!, [...(errors.get(v.message!) ?? []), ref]);
  }
  return {
    pods: keep,
    warnings: [...warnings].map(([m, refs]) => `${m}: ${refs.join(', ')}`).join('; '),
    errors: [...errors].map(([m, refs]) => `${m.toLowerCase().startsWith('cannot delete') ? m : `cannot delete ${m}`}: ${refs.join(', ')}`),
  };
}
