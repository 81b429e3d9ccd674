import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { DeploymentRun } from './context';
import { getAllReplicaSetsAndSyncRevision } from './new-replica-set';
import { syncRolloutStatus } from './progress';
import { scaleAndRecord } from './scale';
import { cleanupDeployment, withNew } from './sync';
import { activeReplicaSets, availableReplicaCount, byCreation, deploymentComplete, maxUnavailable, newRSNewReplicas, replicaCount, specReplicas } from './util/replicasets';

/**
 * The RollingUpdate strategy (upstream rolling.go). Each sync does one step: scale the new
 * ReplicaSet up if maxSurge allows and stop there; otherwise scale old ReplicaSets down as far
 * as maxUnavailable allows. Pods becoming available bring the next sync.
 */
export function rolloutRolling(run: DeploymentRun, rsList: readonly ReplicaSet[]): void {
  const split = getAllReplicaSetsAndSyncRevision(run, rsList, true);
  const newRS = split.newRS!;
  let oldRSs = split.oldRSs;
  const all = () => withNew(oldRSs, newRS);
  const up = reconcileNewReplicaSet(run, all(), newRS);
  if (up.scaled) return syncRolloutStatus(run, withNew(oldRSs, up.rs), up.rs);
  const down = reconcileOldReplicaSets(run, all(), activeReplicaSets(oldRSs), newRS);
  oldRSs = oldRSs.map((rs) => down.updated.get(rs) ?? rs);
  if (down.scaled) return syncRolloutStatus(run, all(), newRS);
  if (deploymentComplete(run.deployment, run.deployment.status)) cleanupDeployment(run, oldRSs);
  syncRolloutStatus(run, all(), newRS);
}

function reconcileNewReplicaSet(run: DeploymentRun, allRSs: ReplicaSet[], newRS: ReplicaSet): { scaled: boolean; rs: ReplicaSet } {
  const desired = run.deployment.spec?.replicas ?? 1;
  if (specReplicas(newRS) === desired) return { scaled: false, rs: newRS };
  if (specReplicas(newRS) > desired) return scaleAndRecord(run, newRS, desired);
  return scaleAndRecord(run, newRS, newRSNewReplicas(run.deployment, allRSs, newRS));
}

interface ScaleDown {
  scaled: boolean;
  /** Old ReplicaSets as written, by the cached object they replace. */
  updated: Map<ReplicaSet, ReplicaSet>;
}

/**
 * reconcileOldReplicaSets: scale down no further than keeps `replicas - maxUnavailable` pods
 * available, counting the new ReplicaSet's not-yet-available pods as unavailable. Unhealthy
 * old pods go first, since removing them costs no availability.
 */
function reconcileOldReplicaSets(run: DeploymentRun, allRSs: ReplicaSet[], oldRSs: ReplicaSet[], newRS: ReplicaSet): ScaleDown {
  const updated = new Map<ReplicaSet, ReplicaSet>();
  if (replicaCount(oldRSs) === 0) return { scaled: false, updated };
  const d = run.deployment;
  const minAvailable = (d.spec?.replicas ?? 1) - maxUnavailable(d);
  const newRSUnavailable = specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = replicaCount(allRSs) - minAvailable - newRSUnavailable;
  if (maxScaledDown <= 0) return { scaled: false, updated };
  const cleaned = cleanupUnhealthyReplicas(run, oldRSs, maxScaledDown, updated);
  const current = oldRSs.map((rs) => updated.get(rs) ?? rs);
  const scaledDown = scaleDownOldReplicaSets(run, [...current, newRS], current, updated, oldRSs);
  return { scaled: cleaned + scaledDown > 0, updated };
}

/** cleanupUnhealthyReplicas: oldest first, drop replicas that are not available anyway. */
function cleanupUnhealthyReplicas(run: DeploymentRun, oldRSs: ReplicaSet[], maxCleanup: number, updated: Map<ReplicaSet, ReplicaSet>): number {
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= maxCleanup) break;
    const available = rs.status?.availableReplicas ?? 0;
    if (specReplicas(rs) === 0 || specReplicas(rs) === available) continue;
    const count = Math.min(maxCleanup - total, specReplicas(rs) - available);
    // A cached status that still counts pods we already scaled away: wait for it to catch up,
    // as upstream does by failing the sync ("got invalid request to scale down").
    if (count < 0) throw new StaleReplicaSetError(`when cleaning up unhealthy replicas, got invalid request to scale down ${rs.metadata?.namespace}/${rs.metadata?.name} ${specReplicas(rs)} -> ${specReplicas(rs) - count}`);
    updated.set(rs, scaleAndRecord(run, rs, specReplicas(rs) - count).rs);
    total += count;
  }
  return total;
}

/** scaleDownOldReplicaSetsForRollingUpdate: oldest first, down to availability minus minAvailable. */
function scaleDownOldReplicaSets(run: DeploymentRun, allRSs: ReplicaSet[], oldRSs: ReplicaSet[], updated: Map<ReplicaSet, ReplicaSet>, originals: ReplicaSet[]): number {
  const d = run.deployment;
  const minAvailable = (d.spec?.replicas ?? 1) - maxUnavailable(d);
  const available = availableReplicaCount(allRSs);
  if (available <= minAvailable) return 0;
  const target = available - minAvailable;
  let total = 0;
  const order = oldRSs.map((rs, i) => ({ rs, original: originals[i]! })).sort((a, b) => byCreation(a.rs, b.rs));
  for (const { rs, original } of order) {
    if (total >= target) break;
    if (specReplicas(rs) === 0) continue;
    const count = Math.min(specReplicas(rs), target - total);
    updated.set(original, scaleAndRecord(run, rs, specReplicas(rs) - count).rs);
    total += count;
  }
  return total;
}

/** The sync failed because the cache is behind; the controller retries shortly. */
export class StaleReplicaSetError extends Error {}
