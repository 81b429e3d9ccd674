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

/**
 * Readiness per status object. Controllers re-count readiness of thousands of pods on every sync,
 * and a stored status never changes (objects from the store are frozen), so it is read once.
 */
const READY_SINCE = new WeakMap<object, { ready: boolean; sinceUnixMs: number | undefined }>();

function readiness(pod: Pod): { ready: boolean; sinceUnixMs: number | undefined } {
  const status = pod.status;
  const known = status && READY_SINCE.get(status);
  if (known) return known;
  const c = status?.conditions?.find((cond) => cond.type === 'Ready' && cond.status === 'True');
  const computed = { ready: c !== undefined, sinceUnixMs: c?.lastTransitionTime ? Date.parse(c.lastTransitionTime) : undefined };
  if (status && Object.isFrozen(status)) READY_SINCE.set(status, computed);
  return computed;
}

/** The Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return readiness(pod).ready;
}

/** Virtual ms at which the Ready condition last turned True, or undefined when not ready. */
export function podReadySinceMs(pod: Pod, epochMs: number): number | undefined {
  const since = readiness(pod).sinceUnixMs;
  return since === undefined ? undefined : since - epochMs;
}

/**
 * Ready for at least minReadySeconds (IsPodAvailable). Upstream compares with a strict
 * `Before(now)`, so a pod ready at 10 s with minReadySeconds 5 is available only after 15 s.
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowMs: number, epochMs: number): boolean {
  const { ready, sinceUnixMs } = readiness(pod); // one cache lookup: this runs per pod per sync
  if (!ready) return false;
  if (minReadySeconds === 0) return true;
  const since = sinceUnixMs === undefined ? undefined : sinceUnixMs - epochMs;
  return since !== undefined && since + minReadySeconds * 1000 < nowMs;
}

/** Virtual ms of an RFC 3339 timestamp such as creationTimestamp. */
export function timestampMs(ts: string | undefined, epochMs: number): number | undefined {
  return ts ? Date.parse(ts) - epochMs : undefined;
}
