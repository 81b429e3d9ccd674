/**
 * `kubectl taint nodes NAME key=value:Effect key:Effect- key-` (kubectl/pkg/cmd/taint, v1.34):
 * resources first, then taint changes; `-l` or `--all` instead of names; `--overwrite` to replace
 * a taint of the same key and effect. Prints `node/node-1 tainted|untainted|modified`.
 */
import type { Node } from 'kubernetes-types/core/v1';
import { matches } from '../../../engine/api/labels';
import { clone } from '../../../engine/api/objects';
import { reportError, type KubectlContext } from '../context';
import { errorText, usageError } from '../errors';
import { dryRunFlag, updateEdited } from '../mutation';
import { selectorFlag } from '../query';
import { resolveType } from '../resource-args';
import { conflictingTaints, existingTaintKeys, parseTaints, reorganizeTaints, type TaintChanges } from '../taint-spec';

const isTaintArg = (s: string) => s.includes('=') || s.includes(':') || s.endsWith('-');

/** Complete: split the arguments into resources and taint changes, as kubectl checks them. */
function complete(ctx: KubectlContext): { resources: string[]; changes: TaintChanges } {
  const resources: string[] = [];
  const taintArgs: string[] = [];
  for (const arg of ctx.flags.args) {
    if (isTaintArg(arg)) taintArgs.push(arg);
    else if (taintArgs.length > 0) throw usageError(`all resources must be specified before taint changes: ${arg}`);
    else resources.push(arg);
  }
  if (resources.length === 0) throw usageError('one or more resources must be specified as <resource> <name>');
  if (taintArgs.length === 0) throw usageError('at least one taint update is required');
  try {
    return { resources, changes: parseTaints(taintArgs) };
  } catch (e) {
    throw usageError(`${(e as Error).message}\nSee 'kubectl taint -h' for help and examples`);
  }
}

/** Validate: the type must be nodes (`node/name` is not a type), no key both set and removed, names or a selection. */
function validate(ctx: KubectlContext, resources: string[], changes: TaintChanges): void {
  const type = resolveType(resources[0]!.toLowerCase());
  if (type.kind !== 'Node') throw usageError(`invalid resource type ${resources[0]!.toLowerCase()}, only node types are supported`);
  const conflicts = conflictingTaints(changes);
  if (conflicts.length > 0) throw usageError(`can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`);
  const all = ctx.flags.bool('all');
  if (all && ctx.flags.has('selector')) throw usageError("setting 'all' parameter with a non empty selector is prohibited");
  if (!all && !ctx.flags.has('selector') && resources.length < 2) throw usageError("at least one resource name must be specified since 'all' parameter is not set");
}

/** The builder's nodes: every node with --all, the selected ones with -l (names then ignored), else the names. */
function targetNodes(ctx: KubectlContext, names: string[], failures: unknown[]): Node[] {
  const selector = selectorFlag(ctx);
  if (ctx.flags.bool('all') || selector) return ctx.cluster.api.list<Node>('nodes').items.filter((n) => !selector || matches(selector, n.metadata?.labels));
  const nodes: Node[] = [];
  for (const name of names) {
    try {
      nodes.push(ctx.cluster.api.get<Node>('nodes', undefined, name));
    } catch (e) {
      failures.push(e);
    }
  }
  return nodes;
}

function run(ctx: KubectlContext): void {
  const { resources, changes } = complete(ctx);
  validate(ctx, resources, changes);
  dryRunFlag(ctx);
  const overwrite = ctx.flags.bool('overwrite');
  // The visitor goes on past a failed node; the errors are printed together at the end.
  const failures: unknown[] = [];
  for (const node of targetNodes(ctx, resources.slice(1), failures)) {
    const current = node.spec?.taints ?? [];
    const existing = overwrite ? '' : existingTaintKeys(current, changes.add);
    if (existing) {
      failures.push(new Error(`node ${node.metadata!.name} already has ${existing} taint(s) with same effect(s) and --overwrite is false`));
      continue;
    }
    const { operation, taints, errors } = reorganizeTaints(current, overwrite, changes);
    if (errors.length > 0) {
      failures.push(...errors.map((m) => new Error(m)));
      continue;
    }
    const updated = clone(node);
    updated.spec = { ...updated.spec, taints };
    if (taints.length === 0) delete updated.spec.taints;
    try {
      updateEdited(ctx, resolveType('nodes'), updated, operation);
    } catch (e) {
      failures.push(e);
    }
  }
  reportFailures(ctx, failures);
}

/**
 * checkErr of the visitor's flattened aggregate: one error is `error: ...`; several are listed a
 * line each without the prefix (MultipleErrors), API errors in their usual form either way.
 */
function reportFailures(ctx: KubectlContext, failures: unknown[]): void {
  if (failures.length === 1) return reportError(ctx, failures[0]);
  for (const failure of failures) ctx.err.push(errorText(failure, ctx.verb).replace(/^error: /, ''));
  if (failures.length > 0) ctx.exitCode = 1;
}

/** The verb's run; its name and flags are in deferred-verbs.ts, in the engine bundle. */
export const runTaint = run;

