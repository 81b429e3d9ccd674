/**
 * The pods/eviction subresource (policy/v1 Eviction), after pkg/registry/core/pod/storage/eviction.go:
 * a delete that first asks the pod's PodDisruptionBudget. Pods that are not running yet, finished
 * or already terminating go at once; otherwise the one matching budget must allow a disruption,
 * which the eviction spends (disruptionsAllowed-1 and the pod in status.disruptedPods) before the
 * pod gets the DisruptionTarget condition and is deleted with the eviction's grace period.
 */
import type { Pod, PodCondition } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import type { ApiServer } from './apiserver';
import { ApiError, notFound, type StatusReason } from './errors';
import { fromLabelSelector, matches } from './labels';
import { clone } from './objects';
import { resourceType } from './resources';

export interface EvictionOptions {
  /** DeleteOptions.gracePeriodSeconds carried by the Eviction; the pod's own value otherwise. */
  gracePeriodSeconds?: number;
  dryRun?: boolean;
  actor?: string;
}

export const PDB_VIOLATION_MESSAGE = "Cannot evict pod as it would violate the pod's disruption budget.";
export const MULTIPLE_PDB_MESSAGE = 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.';

/** 429 TooManyRequests: the client retries (kubectl drain waits 5 s). */
function tooManyRequests(message: string, cause?: string): ApiError {
  const reason: StatusReason = 'TooManyRequests';
  return new ApiError(429, reason, message, cause ? { causes: [{ field: '', type: 'DisruptionBudget', detail: cause }] } : {});
}

/** Pods a budget cannot protect (canIgnorePDB): not started, finished, or already being deleted. */
function canIgnorePdb(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || pod.metadata?.deletionTimestamp !== undefined;
}

function isReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** Budgets in the pod's namespace whose selector matches it; a nil selector matches nothing. */
export function budgetsFor(api: ApiServer, pod: Pod): PodDisruptionBudget[] {
  return api
    .list<PodDisruptionBudget>('poddisruptionbudgets', pod.metadata?.namespace)
    .items.filter((pdb) => pdb.spec?.selector !== undefined && matches(fromLabelSelector(pdb.spec.selector), pod.metadata?.labels));
}

/** Evict a pod: returns once the deletion was requested, or throws 404 / 429 / 500 as the API server does. */
export function evictPod(api: ApiServer, namespace: string, name: string, options: EvictionOptions = {}): void {
  const pod = api.tryGet<Pod>('pods', namespace, name);
  if (!pod) throw notFound(resourceType('pods'), name);
  if (canIgnorePdb(pod)) return deletePod(api, pod, options, false);
  const budgets = budgetsFor(api, pod);
  if (budgets.length > 1) throw new ApiError(500, 'InternalError', MULTIPLE_PDB_MESSAGE);
  const pdb = budgets[0];
  if (pdb && !unhealthyMayGo(pod, pdb)) checkAndDecrement(api, pdb, name, options);
  deletePod(api, pod, options, true);
}

/** An unready pod is evicted without spending budget when the policy (or a healthy budget) allows it. */
function unhealthyMayGo(pod: Pod, pdb: PodDisruptionBudget): boolean {
  if (isReady(pod)) return false;
  if (pdb.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow') return true;
  const status = pdb.status;
  return (status?.currentHealthy ?? 0) >= (status?.desiredHealthy ?? 0) && (status?.desiredHealthy ?? 0) > 0;
}

function checkAndDecrement(api: ApiServer, pdb: PodDisruptionBudget, podName: string, options: EvictionOptions): void {
  const status = pdb.status;
  const name = pdb.metadata?.name ?? '';
  if ((status?.observedGeneration ?? 0) < (pdb.metadata?.generation ?? 0)) throw tooManyRequests(PDB_VIOLATION_MESSAGE, `The disruption budget ${name} is still being processed by the server.`);
  const allowed = status?.disruptionsAllowed ?? 0;
  if (allowed < 0) throw new ApiError(403, 'Forbidden', `poddisruptionbudgets.policy "${name}" is forbidden: pdb disruptions allowed is negative`);
  if (allowed === 0) throw tooManyRequests(PDB_VIOLATION_MESSAGE, `The disruption budget ${name} needs ${status?.desiredHealthy ?? 0} healthy pods and has ${status?.currentHealthy ?? 0} currently`);
  if (options.dryRun) return;
  const updated = clone(pdb);
  const s = (updated.status ??= { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 });
  s.disruptionsAllowed = allowed - 1;
  s.disruptedPods = { ...s.disruptedPods, [podName]: api.timestamp() };
  if (s.disruptionsAllowed === 0) setDisruptionAllowed(s, api.timestamp());
  api.updateStatus('poddisruptionbudgets', updated, options.actor ?? 'kube-apiserver');
}

/** UpdateDisruptionAllowedCondition: True/SufficientPods while disruptions are allowed. */
export function setDisruptionAllowed(status: NonNullable<PodDisruptionBudget['status']>, now: string): void {
  const allowed = status.disruptionsAllowed > 0;
  const wanted = { type: 'DisruptionAllowed', status: allowed ? 'True' : 'False', reason: allowed ? 'SufficientPods' : 'InsufficientPods', message: '', observedGeneration: status.observedGeneration ?? 0 };
  const old = status.conditions?.find((c) => c.type === 'DisruptionAllowed');
  const lastTransitionTime = old && old.status === wanted.status ? old.lastTransitionTime : now;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== 'DisruptionAllowed'), { ...wanted, lastTransitionTime }];
}

/** addConditionAndDeletePod: mark the pod as a disruption target (GA since 1.31), then delete it. */
function deletePod(api: ApiServer, pod: Pod, options: EvictionOptions, markTarget: boolean): void {
  if (options.dryRun) return;
  const actor = options.actor ?? 'kube-apiserver';
  const meta = pod.metadata!;
  if (markTarget && !pod.status?.conditions?.some((c) => c.type === 'DisruptionTarget')) {
    const condition: PodCondition = { type: 'DisruptionTarget', status: 'True', lastProbeTime: null as never, lastTransitionTime: api.timestamp(), reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' };
    const updated = clone(pod);
    updated.status = { ...updated.status, conditions: [...(updated.status?.conditions ?? []), condition] };
    api.updateStatus('pods', updated, actor);
  }
  api.delete('pods', meta.namespace, meta.name ?? '', { ...(options.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: options.gracePeriodSeconds } : {}), actor });
}
