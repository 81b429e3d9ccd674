import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { ApiError } from '../../api/errors';
import type { DeploymentRun } from './context';
import { getAllReplicaSetsAndSyncRevision } from './new-replica-set';
import { scale } from './scale';
import { syncDeploymentStatus } from './status';
import { activeReplicaSets, byRevision, DESIRED_REPLICAS, specReplicas } from './util/replicasets';

/**
 * The non-rollout paths of a Deployment sync (upstream sync.go): status only while deleting,
 * scaling (also while paused), and the revision-history cleanup.
 */

/** syncStatusOnly: a Deployment being deleted only reports; it changes nothing. */
export function syncStatusOnly(run: DeploymentRun, rsList: readonly ReplicaSet[]): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(run, rsList, false);
  syncDeploymentStatus(run, withNew(oldRSs, newRS), newRS);
}

/** sync: scaling events and paused Deployments; no new ReplicaSet is created. */
export function sync(run: DeploymentRun, rsList: readonly ReplicaSet[]): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(run, rsList, false);
  scale(run, newRS, oldRSs);
  if (run.deployment.spec?.paused) cleanupDeployment(run, oldRSs);
  syncDeploymentStatus(run, withNew(oldRSs, newRS), newRS);
}

/**
 * isScalingEvent: some active ReplicaSet was sized for a different `spec.replicas` (its
 * desired-replicas annotation), so this sync is a scale, not a template change.
 */
export function isScalingEvent(run: DeploymentRun, rsList: readonly ReplicaSet[]): boolean {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(run, rsList, false);
  if (!newRS) return false;
  const desired = run.deployment.spec?.replicas ?? 1;
  return activeReplicaSets([...oldRSs, newRS]).some((rs) => {
    const annotation = rs.metadata?.annotations?.[DESIRED_REPLICAS];
    return annotation !== undefined && Number(annotation) !== desired;
  });
}

/**
 * cleanupDeployment: keep at most revisionHistoryLimit old ReplicaSets, deleting the oldest
 * revisions first and only those fully scaled down and observed at zero.
 */
export function cleanupDeployment(run: DeploymentRun, oldRSs: readonly ReplicaSet[]): void {
  const limit = run.deployment.spec?.revisionHistoryLimit;
  if (limit === undefined) return;
  const cleanable = oldRSs.filter((rs) => rs.metadata?.deletionTimestamp === undefined);
  const diff = cleanable.length - limit;
  if (diff <= 0) return;
  cleanable.sort(byRevision);
  for (const rs of cleanable.slice(0, diff)) {
    const observed = (rs.metadata?.generation ?? 0) <= (rs.status?.observedGeneration ?? 0);
    if ((rs.status?.replicas ?? 0) !== 0 || specReplicas(rs) !== 0 || !observed) continue;
    try {
      run.ctx.api.delete('replicasets', rs.metadata?.namespace, rs.metadata!.name!, { actor: 'deployment-controller' });
    } catch (e) {
      if (!(e instanceof ApiError) || e.code !== 404) throw e;
    }
  }
}

/** Old ReplicaSets plus the new one, when there is one. */
export function withNew(oldRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined): ReplicaSet[] {
  return newRS ? [...oldRSs, newRS] : [...oldRSs];
}
