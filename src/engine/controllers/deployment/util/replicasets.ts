import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { perStoredPart } from '../../../api/objects';
import { canonicalJson, fnv32a, safeEncodeString } from '../../../sim/hash';

/**
 * Arithmetic over a Deployment's ReplicaSets, ported from upstream
 * pkg/controller/deployment/util/deployment_util.go: fenceposts, counts, sorting and the
 * pod-template-hash. Everything here is pure.
 */
export const POD_TEMPLATE_HASH = 'pod-template-hash';
export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';

/** apimachinery intstr.GetScaledValueFromIntOrPercent. */
export function scaledValue(value: number | string | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(value);
  if (!m) return Number(value) || 0;
  const scaled = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

export function isRollingUpdate(d: Deployment): boolean {
  return d.spec?.strategy?.type !== 'Recreate';
}

/**
 * ResolveFenceposts: maxSurge rounds up, maxUnavailable rounds down, and if both come out 0
 * maxUnavailable becomes 1 "on the theory that surge might not work due to quota".
 * 2 desired, maxUnavailable 1%, maxSurge 0%: old(-1), new(+1), old(-1), new(+1).
 * 2 desired, maxUnavailable 25%, maxSurge 1%: new(+1), old(-1), new(+1), old(-1).
 */
export function resolveFenceposts(d: Deployment): { surge: number; unavailable: number } {
  const desired = d.spec?.replicas ?? 1;
  const ru = d.spec?.strategy?.rollingUpdate;
  const surge = scaledValue(ru?.maxSurge ?? 0, desired, true);
  let unavailable = scaledValue(ru?.maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export function maxSurge(d: Deployment): number {
  return isRollingUpdate(d) ? resolveFenceposts(d).surge : 0;
}

export function maxUnavailable(d: Deployment): number {
  const replicas = d.spec?.replicas ?? 1;
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  return Math.min(resolveFenceposts(d).unavailable, replicas);
}

export const specReplicas = (rs: ReplicaSet | undefined): number => rs?.spec?.replicas ?? 0;

/** Σ spec.replicas (GetReplicaCountForReplicaSets). */
export function replicaCount(rss: readonly (ReplicaSet | undefined)[]): number {
  return rss.reduce((n, rs) => n + specReplicas(rs), 0);
}

/** Σ status.replicas (GetActualReplicaCountForReplicaSets). */
export function actualReplicaCount(rss: readonly (ReplicaSet | undefined)[]): number {
  return rss.reduce((n, rs) => n + (rs?.status?.replicas ?? 0), 0);
}

export function readyReplicaCount(rss: readonly (ReplicaSet | undefined)[]): number {
  return rss.reduce((n, rs) => n + (rs?.status?.readyReplicas ?? 0), 0);
}

export function availableReplicaCount(rss: readonly (ReplicaSet | undefined)[]): number {
  return rss.reduce((n, rs) => n + (rs?.status?.availableReplicas ?? 0), 0);
}

export function terminatingReplicaCount(rss: readonly (ReplicaSet | undefined)[]): number {
  return rss.reduce((n, rs) => n + ((rs?.status as { terminatingReplicas?: number } | undefined)?.terminatingReplicas ?? 0), 0);
}

/** NewRSNewReplicas: how far the new ReplicaSet may grow now. */
export function newRSNewReplicas(d: Deployment, allRSs: readonly ReplicaSet[], newRS: ReplicaSet): number {
  const replicas = d.spec?.replicas ?? 1;
  if (!isRollingUpdate(d)) return replicas;
  const maxTotal = replicas + scaledValue(d.spec?.strategy?.rollingUpdate?.maxSurge ?? 0, replicas, true);
  const current = replicaCount(allRSs);
  if (current >= maxTotal) return specReplicas(newRS);
  return specReplicas(newRS) + Math.min(maxTotal - current, replicas - specReplicas(newRS));
}

/** IsSaturated: the new ReplicaSet runs every desired replica and all of them are available. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = Number(rs.metadata?.annotations?.[DESIRED_REPLICAS]);
  const replicas = d.spec?.replicas ?? 1;
  return specReplicas(rs) === replicas && desired === replicas && rs.status?.availableReplicas === replicas;
}

/** DeploymentComplete: every desired replica updated, running and available, generation observed. */
export function deploymentComplete(d: Deployment, status: Deployment['status']): boolean {
  const replicas = d.spec?.replicas ?? 1;
  return (
    status?.updatedReplicas === replicas &&
    status.replicas === replicas &&
    status.availableReplicas === replicas &&
    (status.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0)
  );
}

/** ReplicaSets with spec.replicas > 0 (FilterActiveReplicaSets). */
export function activeReplicaSets(rss: readonly (ReplicaSet | undefined)[]): ReplicaSet[] {
  return rss.filter((rs): rs is ReplicaSet => rs !== undefined && specReplicas(rs) > 0);
}

function created(rs: ReplicaSet): string {
  return rs.metadata?.creationTimestamp ?? '';
}

function nameOrder(a: ReplicaSet, b: ReplicaSet): number {
  const na = a.metadata?.name ?? '';
  const nb = b.metadata?.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** ReplicaSetsByCreationTimestamp: oldest first, then by name. */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  return created(a) === created(b) ? nameOrder(a, b) : created(a) < created(b) ? -1 : 1;
}

/** ReplicaSetsBySizeNewer: largest first; equal sizes newest first. */
export function bySizeNewer(a: ReplicaSet, b: ReplicaSet): number {
  return specReplicas(a) === specReplicas(b) ? byCreation(b, a) : specReplicas(b) - specReplicas(a);
}

/** ReplicaSetsBySizeOlder: largest first; equal sizes oldest first. */
export function bySizeOlder(a: ReplicaSet, b: ReplicaSet): number {
  return specReplicas(a) === specReplicas(b) ? byCreation(a, b) : specReplicas(b) - specReplicas(a);
}

/** The revision annotation as a number (0 when missing or malformed). */
export function revisionOf(obj: { metadata?: { annotations?: Record<string, string> } } | undefined): number {
  const n = Number(obj?.metadata?.annotations?.[REVISION] ?? 0);
  return Number.isInteger(n) ? n : 0;
}

/** ReplicaSetsByRevision: lowest revision first, then oldest. */
export function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  return revisionOf(a) === revisionOf(b) ? byCreation(a, b) : revisionOf(a) - revisionOf(b);
}

/** Template without the pod-template-hash label, for EqualIgnoreHash. */
function withoutHash(template: PodTemplateSpec | undefined): string {
  const labels = { ...template?.metadata?.labels };
  delete labels[POD_TEMPLATE_HASH];
  return canonicalJson({ ...template, metadata: { ...template?.metadata, labels } });
}

/** Each stored spec's template text: every sync compares the Deployment's with each ReplicaSet's. */
const storedWithoutHash = perStoredPart((spec: { template?: PodTemplateSpec }) => withoutHash(spec.template));

/** EqualIgnoreHash: two specs' pod templates are the same apart from the pod-template-hash label. */
export function equalIgnoreHash(a: { template?: PodTemplateSpec } | undefined, b: { template?: PodTemplateSpec } | undefined): boolean {
  const text = (spec: typeof a) => (spec ? storedWithoutHash(spec) : withoutHash(undefined));
  return text(a) === text(b);
}

/**
 * FindNewReplicaSet: the oldest ReplicaSet whose template equals the Deployment's. Oldest, because
 * after a hash collision two could match and the first one made is the one the Deployment uses.
 */
export function findNewReplicaSet(d: Deployment, rss: readonly ReplicaSet[]): ReplicaSet | undefined {
  return [...rss].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec, d.spec));
}

/**
 * controller.ComputeHash. Upstream feeds FNV-32a with Go's spew dump of the PodTemplateSpec
 * struct (plus collisionCount as 4 little-endian bytes), which a TypeScript engine cannot
 * reproduce; we hash canonical JSON instead. The values differ from a real cluster's, but the
 * shape (`web-5d59d67564`: decimal uint32 through SafeEncodeString) and the behaviour (same
 * template, same hash; a collisionCount bump gives a new one) are the same.
 */
export function podTemplateHash(template: PodTemplateSpec | undefined, collisionCount: number | undefined): string {
  const suffix = collisionCount === undefined ? '' : `#${collisionCount}`;
  return safeEncodeString(String(fnv32a(canonicalJson(template ?? {}) + suffix)));
}
