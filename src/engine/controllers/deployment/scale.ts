import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import { clone } from '../../api/objects';
import type { DeploymentRun } from './context';
import { replicasAnnotationsNeedUpdate, setReplicasAnnotations } from './revision';
import { activeReplicaSets, byCreation, bySizeNewer, bySizeOlder, isRollingUpdate, isSaturated, MAX_REPLICAS, maxSurge, replicaCount, specReplicas } from './util/replicasets';

/**
 * Scaling ReplicaSets (upstream sync.go scale, scaleReplicaSet and the proportion helpers): what
 * happens when `spec.replicas` changes, including mid-rollout, where the change is shared among
 * the active ReplicaSets in proportion to their size.
 */

/** scaleReplicaSetAndRecordEvent. */
export function scaleAndRecord(run: DeploymentRun, rs: ReplicaSet, newScale: number): { scaled: boolean; rs: ReplicaSet } {
  if (specReplicas(rs) === newScale) return { scaled: false, rs };
  return scaleReplicaSet(run, rs, newScale, specReplicas(rs) < newScale ? 'up' : 'down');
}

/** Write the size and the desired/max-replicas annotations; records ScalingReplicaSet on a size change. */
export function scaleReplicaSet(run: DeploymentRun, rs: ReplicaSet, newScale: number, operation: string): { scaled: boolean; rs: ReplicaSet } {
  const d = run.deployment;
  const desired = d.spec?.replicas ?? 1;
  const sizeChanged = specReplicas(rs) !== newScale;
  if (!sizeChanged && !replicasAnnotationsNeedUpdate(rs, desired, desired + maxSurge(d))) return { scaled: false, rs };
  const oldScale = specReplicas(rs);
  const copy = clone(rs);
  copy.spec!.replicas = newScale;
  setReplicasAnnotations(copy, desired, desired + maxSurge(d));
  const written = run.writeReplicaSet(copy);
  if (sizeChanged) run.event('Normal', 'ScalingReplicaSet', `Scaled ${operation} replica set ${rs.metadata?.name} from ${oldScale} to ${newScale}`);
  return { scaled: sizeChanged, rs: written };
}

/** FindActiveOrLatest: the single active ReplicaSet, the newest if none is active, else undefined. */
function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = activeReplicaSets([...newestFirst, newRS]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

/**
 * scale: one active ReplicaSet takes the whole count; a saturated new ReplicaSet means the old
 * ones go to zero; otherwise (rolling update in progress) the difference is spread in
 * proportion, largest ReplicaSets first, leftovers to the first.
 */
export function scale(run: DeploymentRun, newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): void {
  const d = run.deployment;
  const desired = d.spec?.replicas ?? 1;
  const only = findActiveOrLatest(newRS, oldRSs);
  if (only) {
    if (specReplicas(only) !== desired) scaleAndRecord(run, only, desired);
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const old of activeReplicaSets(oldRSs)) scaleAndRecord(run, old, 0);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const all = activeReplicaSets([...oldRSs, newRS]);
  const allowed = desired > 0 ? desired + maxSurge(d) : 0;
  const toAdd = allowed - replicaCount(all);
  const operation = toAdd > 0 ? 'up' : 'down';
  all.sort(toAdd > 0 ? bySizeNewer : bySizeOlder);
  const sizes = new Map<ReplicaSet, number>();
  let added = 0;
  for (const rs of all) {
    const proportion = toAdd === 0 ? 0 : replicaSetProportion(rs, d, toAdd, added);
    sizes.set(rs, specReplicas(rs) + proportion);
    added += proportion;
  }
  all.forEach((rs, i) => {
    let size = sizes.get(rs)!;
    if (i === 0 && toAdd !== 0) size = Math.max(0, size + toAdd - added);
    scaleReplicaSet(run, rs, size, operation);
  });
}

/** GetReplicaSetProportion: this ReplicaSet's share of `toAdd`, never beyond what is left. */
function replicaSetProportion(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
  if (specReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/** getReplicaSetFraction: size × new max ÷ old max (from the max-replicas annotation), rounded. */
function replicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  const desired = d.spec?.replicas ?? 1;
  if (desired === 0) return -specReplicas(rs);
  const maxNow = desired + maxSurge(d);
  let maxBefore = Number(rs.metadata?.annotations?.[MAX_REPLICAS] ?? 0);
  if (!Number.isInteger(maxBefore) || maxBefore === 0) maxBefore = d.status?.replicas ?? 0;
  if (maxBefore === 0) return 0;
  // Go's integer.RoundToInt32 rounds half away from zero.
  const size = (specReplicas(rs) * maxNow) / maxBefore;
  return Math.sign(size) * Math.round(Math.abs(size)) - specReplicas(rs);
}
