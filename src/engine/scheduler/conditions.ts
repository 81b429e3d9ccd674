import type { Pod, PodCondition } from 'kubernetes-types/core/v1';
import { clone, type Mutable } from '../api/objects';
import type { ObservedCondition } from '../kubelet/status';

/**
 * podutil.UpdatePodCondition for the scheduler's condition: replace PodScheduled in a copy of the
 * pod's status, keeping lastTransitionTime when the status did not flip. Returns undefined when
 * nothing would change, so the caller can skip a write (the scheduler only patches on change).
 */
export function withPodScheduled(pod: Pod, status: 'True' | 'False', now: string, reason?: string, message?: string, trackGeneration = false): Mutable<Pod> | undefined {
  const conditions: readonly ObservedCondition[] = pod.status?.conditions ?? [];
  const old = conditions.find((c) => c.type === 'PodScheduled');
  const generation = trackGeneration ? pod.metadata?.generation : undefined;
  if (old && old.status === status && old.reason === reason && old.message === message && old.observedGeneration === generation) return undefined;
  // Real objects carry `lastProbeTime: null`; kubectl -o yaml prints it, so we keep it too.
  const condition = { type: 'PodScheduled', status, lastProbeTime: null, lastTransitionTime: old?.status === status ? old.lastTransitionTime : now } as unknown as PodCondition;
  if (reason !== undefined) condition.reason = reason;
  if (message !== undefined) condition.message = message;
  // PodObservedGenerationTracking: the scheduler stamps the pod generation it decided on.
  if (generation !== undefined) (condition as ObservedCondition).observedGeneration = generation;
  const updated = clone(pod);
  const status_ = (updated.status ??= {});
  const current = status_.conditions ?? [];
  status_.conditions = old ? current.map((c) => (c.type === 'PodScheduled' ? condition : c)) : [...current, condition];
  return updated;
}
