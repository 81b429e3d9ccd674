/** When a delete waits and when a deleting object may finally go: the API server's rules for both. */
import type { RawObject } from './objects';

/** Pods bound to a node and still running get a grace period; everything else goes at once. */
export function gracePeriodFor(resource: string, obj: RawObject, requested: number | undefined): number | undefined {
  if (resource !== 'pods') return 0;
  const spec = obj.spec as { nodeName?: string; terminationGracePeriodSeconds?: number } | undefined;
  const phase = (obj.status as { phase?: string } | undefined)?.phase;
  if (!spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0;
  return requested ?? spec.terminationGracePeriodSeconds ?? 30;
}

/** A deleting object whose finalizers are all gone is removed from the store. */
export function finalizersDone(obj: RawObject): boolean {
  const meta = obj.metadata!;
  if (!meta.deletionTimestamp || (meta.finalizers ?? []).length > 0) return false;
  // Pods are removed by the kubelet's final delete with grace 0, not by finalizers emptying.
  return obj.kind !== 'Pod' || meta.deletionGracePeriodSeconds === 0;
}
