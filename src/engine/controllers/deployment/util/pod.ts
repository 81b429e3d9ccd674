import type { Pod } from 'kubernetes-types/core/v1';

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

/** The Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** Virtual ms at which the Ready condition last turned True, or undefined when not ready. */
export function podReadySinceMs(pod: Pod, epochMs: number): number | undefined {
  const c = pod.status?.conditions?.find((cond) => cond.type === 'Ready' && cond.status === 'True');
  return c?.lastTransitionTime ? Date.parse(c.lastTransitionTime) - epochMs : undefined;
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
