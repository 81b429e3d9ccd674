import type { Pod, PodCondition } from 'kubernetes-types/core/v1';
import { isStored } from '../../../api/objects';

/**
 * Pod predicates the workload controllers share, after upstream's `pkg/api/v1/pod` and
 * `pkg/controller/controller_utils.go`. They live with the deployment controller because the
 * ReplicaSet and Deployment controllers are the only callers.
 */

/** A pod that still counts towards a ReplicaSet: not terminal and not being deleted (FilterActivePods). */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && pod.metadata?.deletionTimestamp === undefined;
}

/** A pod being deleted that has not reached a terminal phase (FilterTerminatingPods). */
export function isPodTerminating(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return pod.metadata?.deletionTimestamp !== undefined && phase !== 'Succeeded' && phase !== 'Failed';
}

/** The Ready condition when it is True. A loop over a handful of conditions: no cache beats it. */
function trueReadyCondition(pod: Pod): PodCondition | undefined {
  const conditions = pod.status?.conditions;
  if (!conditions) return undefined;
  for (let i = 0; i < conditions.length; i++) {
    const c = conditions[i]!;
    if (c.type === 'Ready' && c.status === 'True') return c;
  }
  return undefined;
}

/**
 * When a pod became ready, per status object: parsing the timestamp is what costs, and
 * controllers ask again for thousands of pods on every sync. A stored status never changes
 * (what the API server stored is never edited), so it is parsed once.
 */
const READY_SINCE = new WeakMap<object, number | undefined>();

function readySinceUnixMs(pod: Pod): number | undefined {
  const status = pod.status;
  if (status && READY_SINCE.has(status)) return READY_SINCE.get(status);
  const at = trueReadyCondition(pod)?.lastTransitionTime;
  const since = at ? Date.parse(at) : undefined;
  if (status && isStored(status)) READY_SINCE.set(status, since);
  return since;
}

/** The Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return trueReadyCondition(pod) !== undefined;
}

/** Virtual ms at which the Ready condition last turned True, or undefined when not ready. */
export function podReadySinceMs(pod: Pod, epochMs: number): number | undefined {
  if (!isPodReady(pod)) return undefined;
  const since = readySinceUnixMs(pod);
  return since === undefined ? undefined : since - epochMs;
}

/**
 * Ready for at least minReadySeconds (IsPodAvailable). Upstream compares with a strict
 * `Before(now)`, so a pod ready at 10 s with minReadySeconds 5 is available only after 15 s.
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowMs: number, epochMs: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds === 0) return true;
  const since = podReadySinceMs(pod, epochMs);
  return since !== undefined && since + minReadySeconds * 1000 < nowMs;
}

/** Virtual ms of an RFC 3339 timestamp such as creationTimestamp. */
export function timestampMs(ts: string | undefined, epochMs: number): number | undefined {
  return ts ? Date.parse(ts) - epochMs : undefined;
}

/** What the ReplicaSet controller asks of every pod it owns on every sync. */
export interface PodFacts {
  active: boolean;
  terminating: boolean;
  ready: boolean;
}

/** isPodActive, isPodTerminating and isPodReady at once (the ReplicaSet controller's owner index keeps them per pod version). */
export function podFacts(pod: Pod): PodFacts {
  return { active: isPodActive(pod), terminating: isPodTerminating(pod), ready: isPodReady(pod) };
}
