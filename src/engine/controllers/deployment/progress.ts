import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { DeploymentRun } from './context';
import { calculateStatus, getCondition, newCondition, removeCondition, sameStatus, setCondition, type DeploymentStatusWithTerminating } from './status';
import { deploymentComplete } from './util/replicasets';

/**
 * The Progressing condition and progressDeadlineSeconds (upstream progress.go). A rollout that
 * makes no progress for progressDeadlineSeconds gets Progressing=False ProgressDeadlineExceeded,
 * which `kubectl rollout status` turns into "exceeded its progress deadline".
 */
export const TIMED_OUT = 'ProgressDeadlineExceeded';
export const NEW_RS_AVAILABLE = 'NewReplicaSetAvailable';

const hasProgressDeadline = (run: DeploymentRun) => run.deployment.spec?.progressDeadlineSeconds !== undefined && run.deployment.spec.progressDeadlineSeconds !== 2147483647;

/** syncRolloutStatus: status counts plus the Progressing condition, then requeue if stuck. */
export function syncRolloutStatus(run: DeploymentRun, allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined): void {
  const d = run.deployment;
  const status = calculateStatus(run, allRSs, newRS);
  if (!hasProgressDeadline(run)) removeCondition(status, 'Progressing');
  const current = getCondition(d.status, 'Progressing');
  // One ReplicaSet, fully rolled out: a resync, not a rollout; estimate no progress.
  const complete = status.replicas === status.updatedReplicas && current?.reason === NEW_RS_AVAILABLE;
  if (hasProgressDeadline(run) && !complete) updateProgressing(run, status, newRS);
  if (sameStatus(d, status)) {
    requeueStuckDeployment(run, status);
    return;
  }
  run.d.status = status;
  run.writeStatus();
}

function updateProgressing(run: DeploymentRun, status: DeploymentStatusWithTerminating, newRS: ReplicaSet | undefined): void {
  const d = run.deployment;
  const subject = newRS ? `ReplicaSet "${newRS.metadata?.name}"` : `Deployment "${d.metadata?.name}"`;
  if (deploymentComplete(d, status)) {
    setCondition(status, newCondition(run, 'Progressing', 'True', NEW_RS_AVAILABLE, `${subject} has successfully progressed.`));
  } else if (deploymentProgressing(run, status)) {
    const condition = newCondition(run, 'Progressing', 'True', 'ReplicaSetUpdated', `${subject} is progressing.`);
    // Progress refreshes lastUpdateTime even with an unchanged reason, so it is set by hand.
    const current = getCondition(d.status, 'Progressing');
    if (current?.status === 'True') condition.lastTransitionTime = current.lastTransitionTime;
    removeCondition(status, 'Progressing');
    setCondition(status, condition);
  } else if (deploymentTimedOut(run, status)) {
    setCondition(status, newCondition(run, 'Progressing', 'False', TIMED_OUT, `${subject} has timed out progressing.`));
  }
}

/** DeploymentProgressing: more updated, fewer old, more ready or more available pods than before. */
function deploymentProgressing(run: DeploymentRun, next: DeploymentStatusWithTerminating): boolean {
  const prev = run.deployment.status ?? {};
  const prevOld = (prev.replicas ?? 0) - (prev.updatedReplicas ?? 0);
  const nextOld = (next.replicas ?? 0) - (next.updatedReplicas ?? 0);
  return (
    (next.updatedReplicas ?? 0) > (prev.updatedReplicas ?? 0) ||
    nextOld < prevOld ||
    (next.readyReplicas ?? 0) > (prev.readyReplicas ?? 0) ||
    (next.availableReplicas ?? 0) > (prev.availableReplicas ?? 0)
  );
}

/** DeploymentTimedOut: the Progressing condition has not been refreshed within the deadline. */
function deploymentTimedOut(run: DeploymentRun, status: DeploymentStatusWithTerminating): boolean {
  const condition = getCondition(status, 'Progressing');
  if (!condition || condition.reason === NEW_RS_AVAILABLE) return false;
  if (condition.reason === TIMED_OUT) return true;
  const deadlineMs = lastUpdateMs(run, condition.lastUpdateTime) + run.deployment.spec!.progressDeadlineSeconds! * 1000;
  return deadlineMs < run.ctx.sim.now();
}

function lastUpdateMs(run: DeploymentRun, ts: string | undefined): number {
  return ts ? Date.parse(ts) - run.ctx.api.epochMs : 0;
}

/**
 * requeueStuckDeployment: nothing else will wake us when a rollout silently stalls, so look again
 * when the deadline passes (plus a second, as upstream adds against clock skew).
 */
function requeueStuckDeployment(run: DeploymentRun, status: DeploymentStatusWithTerminating): void {
  const d = run.deployment;
  const current = getCondition(d.status, 'Progressing');
  if (!hasProgressDeadline(run) || !current) return;
  if (deploymentComplete(d, status) || current.reason === TIMED_OUT) return;
  const afterMs = lastUpdateMs(run, current.lastUpdateTime) + d.spec!.progressDeadlineSeconds! * 1000 - run.ctx.sim.now();
  run.ctx.enqueueAfter(run.key, afterMs < 1000 ? 1000 : afterMs + 1000);
}

/**
 * checkPausedConditions: Progressing=Unknown DeploymentPaused while paused, DeploymentResumed
 * after, so time spent paused never counts against the progress deadline.
 */
export function checkPausedConditions(run: DeploymentRun): void {
  if (!hasProgressDeadline(run)) return;
  const d = run.deployment;
  const current = getCondition(d.status, 'Progressing');
  if (current?.reason === TIMED_OUT) return;
  const pausedShown = current?.reason === 'DeploymentPaused';
  const status = { ...(d.status ?? {}) };
  if (d.spec?.paused && !pausedShown) {
    setCondition(status, newCondition(run, 'Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused'));
  } else if (!d.spec?.paused && pausedShown) {
    setCondition(status, newCondition(run, 'Progressing', 'Unknown', 'DeploymentResumed', 'Deployment is resumed'));
  } else return;
  run.d.status = status;
  run.writeStatus();
}
