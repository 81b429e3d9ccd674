import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { DeploymentRun } from './context';
import { getAllReplicaSetsAndSyncRevision } from './new-replica-set';
import { syncRolloutStatus } from './progress';
import { scaleAndRecord } from './scale';
import { cleanupDeployment, withNew } from './sync';
import { activeReplicaSets, actualReplicaCount, deploymentComplete } from './util/replicasets';

/**
 * The Recreate strategy (upstream recreate.go): scale every old ReplicaSet to zero, wait until
 * none of their pods is left (terminating ones included), and only then create or scale up the
 * new ReplicaSet. There is downtime by design.
 */
export function rolloutRecreate(run: DeploymentRun, rsList: readonly ReplicaSet[]): void {
  // Do not create the new ReplicaSet yet, so nothing scales up before the old pods are gone.
  let { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(run, rsList, false);
  let scaledDown = false;
  const written = new Map<ReplicaSet, ReplicaSet>();
  for (const rs of activeReplicaSets(oldRSs)) {
    const result = scaleAndRecord(run, rs, 0);
    written.set(rs, result.rs);
    scaledDown ||= result.scaled;
  }
  oldRSs = oldRSs.map((rs) => written.get(rs) ?? rs);
  if (scaledDown || oldPodsRunning(run, newRS, oldRSs)) return syncRolloutStatus(run, withNew(oldRSs, newRS), newRS);
  if (!newRS) ({ newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(run, rsList, true));
  const up = scaleAndRecord(run, newRS!, run.deployment.spec?.replicas ?? 1);
  if (deploymentComplete(run.deployment, run.deployment.status)) cleanupDeployment(run, oldRSs);
  syncRolloutStatus(run, withNew(oldRSs, up.rs), up.rs);
}

/** oldPodsRunning: old ReplicaSets still report pods, or the cache still has a non-terminal old pod. */
function oldPodsRunning(run: DeploymentRun, newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): boolean {
  if (actualReplicaCount(oldRSs) > 0) return true;
  return oldRSs.some(
    (rs) =>
      rs.metadata?.uid !== newRS?.metadata?.uid &&
      run.ctx.podsOf(rs.metadata!.uid!).some((pod) => pod.status?.phase !== 'Failed' && pod.status?.phase !== 'Succeeded'),
  );
}
