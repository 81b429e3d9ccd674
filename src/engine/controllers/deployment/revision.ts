import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Mutable } from '../../api/objects';
import { DESIRED_REPLICAS, MAX_REPLICAS, maxSurge, REVISION, REVISION_HISTORY, revisionOf } from './util/replicasets';

/**
 * Revision bookkeeping (upstream SetNewReplicaSetAnnotations and friends). Rollback has no
 * controller side in apps/v1: `kubectl rollout undo` copies an old ReplicaSet's template into
 * the Deployment, the old ReplicaSet becomes the new one again, and here it gets the next
 * revision number while its previous numbers move to `deployment.kubernetes.io/revision-history`.
 */

/** The controller's --deployment-controller max revision-history length, in characters. */
const MAX_REV_HISTORY_CHARS = 2000;

/** Annotations never copied from a Deployment to its ReplicaSets. */
const SKIP_COPY = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  REVISION_HISTORY,
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  'deprecated.deployment.rollback.to',
]);

/** MaxRevision over ReplicaSets. */
export function maxRevision(rss: readonly ReplicaSet[]): number {
  return rss.reduce((max, rs) => Math.max(max, revisionOf(rs)), 0);
}

/** Copy the Deployment's own annotations to the new ReplicaSet; true if anything changed. */
function copyAnnotations(d: Deployment, rs: Mutable<ReplicaSet>): boolean {
  const annotations = (rs.metadata!.annotations ??= {});
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) {
    if (SKIP_COPY.has(k) || annotations[k] === v) continue;
    annotations[k] = v;
    changed = true;
  }
  return changed;
}

/**
 * SetNewReplicaSetAnnotations: bump the new ReplicaSet's revision to `newRevision` if it is lower,
 * remembering the old number in revision-history (a rollback), and on creation record the
 * desired and max replicas. Returns true when the ReplicaSet changed.
 */
export function setNewReplicaSetAnnotations(d: Deployment, rs: Mutable<ReplicaSet>, newRevision: number, exists: boolean): boolean {
  let changed = copyAnnotations(d, rs);
  const annotations = rs.metadata!.annotations!;
  const had = annotations[REVISION];
  const oldRevision = had === undefined ? 0 : Number(had);
  if (!Number.isInteger(oldRevision)) return changed;
  if (oldRevision < newRevision) {
    annotations[REVISION] = String(newRevision);
    changed = true;
    if (had !== undefined) appendHistory(annotations, had);
  }
  if (!exists && setReplicasAnnotations(rs, d.spec?.replicas ?? 1, (d.spec?.replicas ?? 1) + maxSurge(d))) changed = true;
  return changed;
}

function appendHistory(annotations: Record<string, string>, oldRevision: string): void {
  const history = annotations[REVISION_HISTORY] ?? '';
  if (history === '') {
    annotations[REVISION_HISTORY] = oldRevision;
    return;
  }
  const revisions = history.split(',');
  let total = history.length + oldRevision.length + 1;
  let start = 0;
  while (total > MAX_REV_HISTORY_CHARS && start < revisions.length) total -= revisions[start++]!.length + 1;
  if (total <= MAX_REV_HISTORY_CHARS) annotations[REVISION_HISTORY] = [...revisions.slice(start), oldRevision].join(',');
}

/** SetReplicasAnnotations: desired-replicas and max-replicas; true when either changed. */
export function setReplicasAnnotations(rs: Mutable<ReplicaSet>, desired: number, max: number): boolean {
  const annotations = (rs.metadata!.annotations ??= {});
  let changed = false;
  if (annotations[DESIRED_REPLICAS] !== String(desired)) {
    annotations[DESIRED_REPLICAS] = String(desired);
    changed = true;
  }
  if (annotations[MAX_REPLICAS] !== String(max)) {
    annotations[MAX_REPLICAS] = String(max);
    changed = true;
  }
  return changed;
}

/** ReplicasAnnotationsNeedUpdate. */
export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const annotations = rs.metadata?.annotations ?? {};
  return annotations[DESIRED_REPLICAS] !== String(desired) || annotations[MAX_REPLICAS] !== String(max);
}

/** SetDeploymentRevision: true when the Deployment's revision annotation changed. */
export function setDeploymentRevision(d: Mutable<Deployment>, revision: string): boolean {
  const annotations = (d.metadata!.annotations ??= {});
  if (annotations[REVISION] === revision) return false;
  annotations[REVISION] = revision;
  return true;
}
