/**
 * `kubectl rollout history` and `rollout undo` for Deployments: revisions are the ReplicaSets the
 * Deployment owns, numbered by their `deployment.kubernetes.io/revision` annotation. Undo is
 * client-side, as kubectl does it: copy the chosen ReplicaSet's template into the Deployment.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { clone } from '../../../engine/api/objects';
import { canonicalJson } from '../../../engine/sim/hash';
import type { KubectlContext } from '../context';
import { usageError } from '../errors';
import { newDescribeTabWriter } from '../printers';
import { programs } from '../../deferred';
import { dryRunFlag } from '../mutation';
import type { Found } from '../query';
import { typedName } from '../resource-args';

const REVISION = 'deployment.kubernetes.io/revision';
import { CHANGE_CAUSE } from '../record';
const HASH_LABEL = 'pod-template-hash';

/** ReplicaSets controlled by the Deployment, with their revision numbers. */
function revisions(ctx: KubectlContext, d: Deployment): Map<number, ReplicaSet> {
  const out = new Map<number, ReplicaSet>();
  for (const rs of ctx.cluster.api.list<ReplicaSet>('replicasets', d.metadata?.namespace).items) {
    const owned = rs.metadata?.ownerReferences?.some((r) => r.controller && r.uid === d.metadata?.uid);
    const revision = Number(rs.metadata?.annotations?.[REVISION]);
    if (owned && Number.isInteger(revision)) out.set(revision, rs);
  }
  return out;
}

/** Kinds polymorphichelpers' visitor knows; others fail before a history viewer or rollbacker is looked for. */
const VISITED = new Set(['apps/DaemonSet', 'apps/Deployment', 'apps/ReplicaSet', 'apps/StatefulSet', '/Pod', '/ReplicationController', 'batch/Job', 'batch/CronJob']);

/** The Deployment to read or roll back; other kinds fail as HistoryViewerFor and RollbackerFor do. */
function requireDeployment(f: Found, what: 'history viewer' | 'rollbacker'): Deployment {
  const { kind, group } = f.type;
  if (kind === 'Deployment') return f.object as Deployment;
  const groupKind = group ? `${kind}.${group}` : kind;
  if (!VISITED.has(`${group}/${kind}`)) throw usageError(`error retrieving ${what === 'rollbacker' ? 'rollbacker' : 'history'} for ${JSON.stringify(groupKind)}, no visitor method exists for {${group} ${kind}}`);
  if (kind === 'DaemonSet') throw usageError(`"kubectl rollout ${what === 'rollbacker' ? 'undo' : 'history'}" of a DaemonSet is not available in this simulated cluster`);
  throw usageError(`no ${what} has been implemented for ${JSON.stringify(groupKind)}`);
}

/** The revision's pod template as history shows it: the ReplicaSet's change-cause added to its annotations. */
function templateWithChangeCause(rs: ReplicaSet): PodTemplateSpec {
  const template = clone(rs.spec?.template ?? {});
  const cause = rs.metadata?.annotations?.[CHANGE_CAUSE];
  if (cause) template.metadata = { ...template.metadata, annotations: { ...template.metadata?.annotations, [CHANGE_CAUSE]: cause } };
  return template;
}

/** `deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n`. */
export function rolloutHistory(ctx: KubectlContext, f: Found): void {
  const d = requireDeployment(f, 'history viewer');
  const history = revisions(ctx, d);
  const wanted = ctx.flags.int('revision') ?? 0;
  let body: string;
  if (history.size === 0) body = 'No rollout history found.';
  else if (wanted > 0) {
    const rs = history.get(wanted);
    if (!rs) throw usageError('unable to find the specified revision');
    const { untabbedString, describePodTemplate, describeRelease } = programs().describers;
    body = untabbedString((w) => describePodTemplate(w, templateWithChangeCause(rs), describeRelease(ctx.cluster.cp.version)));
  } else {
    const writer = newDescribeTabWriter();
    writer.write('REVISION\tCHANGE-CAUSE\n');
    for (const r of [...history.keys()].sort((a, b) => a - b)) {
      writer.write(`${r}\t${history.get(r)!.metadata?.annotations?.[CHANGE_CAUSE] || '<none>'}\n`);
    }
    writer.flush();
    body = writer.toString();
  }
  const withRevision = wanted > 0 ? `with revision #${wanted}` : '';
  ctx.out.push(`${typedName(f.type, d.metadata?.name ?? '')} ${withRevision}\n${body}\n`);
}

function withoutHash(t: PodTemplateSpec | undefined): string {
  const copy = clone(t ?? {});
  if (copy.metadata?.labels) delete copy.metadata.labels[HASH_LABEL];
  return canonicalJson(copy);
}

/** Annotations the Deployment keeps across a rollback; every other one comes from the ReplicaSet. */
const ANNOTATIONS_TO_SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

/** kubectl's rollback copies the chosen ReplicaSet's annotations (its change-cause among them). */
function rollbackAnnotations(current: Record<string, string> | undefined, fromReplicaSet: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(current ?? {})) if (ANNOTATIONS_TO_SKIP.has(k)) out[k] = v;
  for (const [k, v] of Object.entries(fromReplicaSet ?? {})) if (!ANNOTATIONS_TO_SKIP.has(k)) out[k] = v;
  return out;
}

/** Roll back to `--to-revision`, or to the revision before the newest. */
export function rolloutUndo(ctx: KubectlContext, f: Found): void {
  const d = requireDeployment(f, 'rollbacker');
  const dryRun = dryRunFlag(ctx);
  const history = revisions(ctx, d);
  const to = ctx.flags.int('to-revision') ?? 0;
  let target: ReplicaSet | undefined;
  let targetRevision = to;
  if (to > 0) {
    target = history.get(to);
    if (!target) throw usageError(`unable to find specified revision ${to} in history`);
  } else {
    const sorted = [...history.keys()].sort((a, b) => b - a);
    targetRevision = sorted[1] ?? 0;
    target = history.get(targetRevision);
    if (!target) throw usageError(`no rollout history found for deployment "${d.metadata?.name}"`);
  }
  const name = typedName(f.type, d.metadata?.name ?? '');
  // A client dry run prints the revision's template as the operation, before any other check (rollback.go).
  if (dryRun === 'client') {
    const { untabbedString, describePodTemplate, describeRelease } = programs().describers;
    ctx.out.push(`${name} ${untabbedString((w) => describePodTemplate(w, target.spec?.template ?? {}, describeRelease(ctx.cluster.cp.version)))} (dry run)\n`);
    return;
  }
  if (d.spec?.paused) throw usageError("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
  if (withoutHash(target.spec?.template) === withoutHash(d.spec?.template)) {
    ctx.out.push(`${name} skipped rollback (current template already matches revision ${targetRevision})\n`);
    return;
  }
  const updated = clone(d);
  const template = clone(target.spec!.template!);
  if (template.metadata?.labels) delete template.metadata.labels[HASH_LABEL];
  updated.spec!.template = template;
  updated.metadata!.annotations = rollbackAnnotations(d.metadata?.annotations, target.metadata?.annotations);
  if (dryRun === 'server') {
    ctx.out.push(`${name} rolled back (server dry run)\n`);
    return;
  }
  ctx.cluster.api.update('deployments', updated);
  ctx.out.push(`${name} rolled back\n`);
}
