import type { Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1';
import { canonicalJson } from '../../sim/hash';
import { atLeast } from '../../version';
import type { DeploymentRun } from './context';
import {
  actualReplicaCount,
  availableReplicaCount,
  maxUnavailable,
  readyReplicaCount,
  replicaCount,
  terminatingReplicaCount,
} from './util/replicasets';

/** DeploymentStatus with the field kubernetes-types 1.30 does not know yet (1.33+). */
export type DeploymentStatusWithTerminating = DeploymentStatus & { terminatingReplicas?: number };

/** NewDeploymentCondition, stamped with virtual now. */
export function newCondition(run: DeploymentRun, type: string, status: string, reason: string, message: string): DeploymentCondition {
  const now = run.ctx.api.timestamp();
  return { type, status, reason, message, lastUpdateTime: now, lastTransitionTime: now };
}

export function getCondition(status: DeploymentStatus | undefined, type: string): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/**
 * SetDeploymentCondition: no-op when status and reason are unchanged; keeps lastTransitionTime
 * when only the reason changes; the condition moves to the end of the list, as upstream appends.
 */
export function setCondition(status: DeploymentStatus, condition: DeploymentCondition): void {
  const current = getCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  const next = { ...condition };
  if (current && current.status === condition.status) next.lastTransitionTime = current.lastTransitionTime;
  (status as { conditions?: DeploymentCondition[] }).conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), next];
}

export function removeCondition(status: DeploymentStatus, type: string): void {
  const kept = (status.conditions ?? []).filter((c) => c.type !== type);
  const writable = status as { conditions?: DeploymentCondition[] };
  if (kept.length > 0) writable.conditions = kept;
  else delete writable.conditions;
}

/** calculateStatus: counts from the ReplicaSets' status, and the Available condition. */
export function calculateStatus(run: DeploymentRun, allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined): DeploymentStatusWithTerminating {
  const d = run.deployment;
  const available = availableReplicaCount(allRSs);
  const status: DeploymentStatusWithTerminating = {
    observedGeneration: d.metadata?.generation ?? 1,
    replicas: actualReplicaCount(allRSs),
    updatedReplicas: actualReplicaCount([newRS]),
    readyReplicas: readyReplicaCount(allRSs),
    availableReplicas: available,
    // Negative while scaling down (more available than desired): report zero.
    unavailableReplicas: Math.max(0, replicaCount(allRSs) - available),
  };
  // DeploymentReplicaSetTerminatingReplicas: alpha in 1.33, beta and on by default from 1.35.
  if (atLeast(run.ctx.version, 35)) status.terminatingReplicas = terminatingReplicaCount(allRSs);
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  if (d.status?.conditions) status.conditions = d.status.conditions.map((c) => ({ ...c }));
  if (available >= (d.spec?.replicas ?? 1) - maxUnavailable(d)) {
    setCondition(status, newCondition(run, 'Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'));
  } else {
    setCondition(status, newCondition(run, 'Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'));
  }
  return status;
}

/** syncDeploymentStatus: write the calculated status if it differs from the stored one. */
export function syncDeploymentStatus(run: DeploymentRun, allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined): void {
  const status = calculateStatus(run, allRSs, newRS);
  if (sameStatus(run.deployment, status)) return;
  run.d.status = status;
  run.writeStatus();
}

export function sameStatus(d: Deployment, status: DeploymentStatus): boolean {
  return canonicalJson(d.status ?? {}) === canonicalJson(status);
}
