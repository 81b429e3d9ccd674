import type { Pod } from 'kubernetes-types/core/v1';
import { isPodActive, isPodReady, podReadySinceMs, timestampMs } from './pod';

/**
 * Which pods a ReplicaSet deletes first when it has too many: upstream's getPodsToDelete with
 * ActivePodsWithRanks.Less (LogarithmicScaleDown is GA, so timestamps compare in powers of two
 * of their age and the uid breaks ties, which looks random but is reproducible).
 */
const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

interface Ranked {
  pod: Pod;
  /** Active pods of the same owner family on this pod's node ("doubled up" pods go first). */
  rank: number;
  ready: boolean;
  readySinceMs: number | undefined;
  restarts: number;
  createdMs: number | undefined;
  cost: number;
}

/** The `count` pods to delete from `pods`, given every pod of related ReplicaSets for node ranks. */
export function podsToDelete(pods: Pod[], relatedPods: Pod[], count: number, nowMs: number, epochMs: number): Pod[] {
  if (count >= pods.length) return pods;
  const perNode = new Map<string, number>();
  for (const p of relatedPods) {
    if (!isPodActive(p)) continue;
    const node = p.spec?.nodeName ?? '';
    perNode.set(node, (perNode.get(node) ?? 0) + 1);
  }
  const ranked = pods.map((pod): Ranked => ({
    pod,
    rank: perNode.get(pod.spec?.nodeName ?? '') ?? 0,
    ready: isPodReady(pod),
    readySinceMs: podReadySinceMs(pod, epochMs),
    restarts: Math.max(0, ...(pod.status?.containerStatuses ?? []).map((c) => c.restartCount)),
    createdMs: timestampMs(pod.metadata?.creationTimestamp, epochMs),
    cost: deletionCost(pod),
  }));
  ranked.sort((a, b) => compare(a, b, nowMs));
  return ranked.slice(0, count).map((r) => r.pod);
}

/** Negative when `a` should be deleted before `b`. */
function compare(a: Ranked, b: Ranked, nowMs: number): number {
  const nodeA = a.pod.spec?.nodeName ?? '';
  const nodeB = b.pod.spec?.nodeName ?? '';
  // 1. Unassigned < assigned.
  if (nodeA !== nodeB && (nodeA === '' || nodeB === '')) return nodeA === '' ? -1 : 1;
  // 2. Pending < Unknown < Running.
  const phase = phaseOrdinal(a.pod) - phaseOrdinal(b.pod);
  if (phase !== 0) return phase;
  // 3. Not ready < ready.
  if (a.ready !== b.ready) return a.ready ? 1 : -1;
  // 4. Lower controller.kubernetes.io/pod-deletion-cost first.
  if (a.cost !== b.cost) return a.cost - b.cost;
  // 5. Doubled up (more related pods on the same node) first.
  if (a.rank !== b.rank) return b.rank - a.rank;
  // 6. Ready for less time first.
  if (a.ready && b.ready && a.readySinceMs !== b.readySinceMs) {
    const byAge = logTimeCompare(a.readySinceMs, b.readySinceMs, nowMs);
    if (byAge !== 0) return byAge;
    return uidCompare(a.pod, b.pod);
  }
  // 7. More container restarts first.
  if (a.restarts !== b.restarts) return b.restarts - a.restarts;
  // 8. Newer first.
  if (a.createdMs !== b.createdMs) {
    const byAge = logTimeCompare(a.createdMs, b.createdMs, nowMs);
    if (byAge !== 0) return byAge;
    return uidCompare(a.pod, b.pod);
  }
  // Upstream's sort is unstable here; the uid keeps the choice independent of cache order, so a
  // cluster restored from a snapshot deletes the same pods as the original.
  return uidCompare(a.pod, b.pod);
}

function phaseOrdinal(pod: Pod): number {
  return PHASE_ORDER[pod.status?.phase ?? ''] ?? 0;
}

/** Empty time first, then the younger by log2 bucket of age in ns (logarithmicRankDiff). */
function logTimeCompare(t1: number | undefined, t2: number | undefined, nowMs: number): number {
  if (t1 === undefined || t2 === undefined) return t1 === undefined ? -1 : 1;
  const bucket = (t: number) => {
    const ageNs = (nowMs - t) * 1e6;
    return ageNs > 0 ? Math.floor(Math.log2(ageNs)) : -1;
  };
  return bucket(t1) - bucket(t2);
}

function uidCompare(a: Pod, b: Pod): number {
  const ua = a.metadata?.uid ?? '';
  const ub = b.metadata?.uid ?? '';
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

function deletionCost(pod: Pod): number {
  const raw = pod.metadata?.annotations?.['controller.kubernetes.io/pod-deletion-cost'];
  const n = raw === undefined ? 0 : Number(raw);
  return Number.isInteger(n) ? n : 0;
}
