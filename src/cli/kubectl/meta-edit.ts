/**
 * Shared by `kubectl label` and `kubectl annotate`: split arguments into resources and
 * `key=value` / `key-` changes, and apply the changes to an object's label or annotation map.
 */
import { clone, type KubeObject } from '../../engine/api/objects';
import { labelValueErrors } from '../../engine/api/validation/names';
import type { KubectlContext } from './context';
import { forEachReporting } from './context';
import { usageError } from './errors';
import type { FlagSpec } from './flags';
import { findFromFiles, findObjects, requireNames, type Found } from './query';
import { parseResourceArgs } from './resource-args';
import { RECORD_FLAG, recordChangeCause } from './record';
import { updateEdited, DRY_RUN_FLAG } from './mutation';

/** label and annotate take the same flags (both build on kubectl's resource builder the same way). */
export const META_EDIT_FLAGS: FlagSpec[] = [
  RECORD_FLAG,
  { name: 'overwrite', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'all', type: 'bool' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'filename', short: 'f', type: 'array' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'list', type: 'bool' },
  DRY_RUN_FLAG,
];

export interface MetaChanges {
  set: Map<string, string>;
  remove: string[];
}

/** Trailing `k=v` and `k-` arguments are changes; what precedes them names resources. */
export function splitChanges(args: string[], noun: string, listing = false): { resources: string[]; changes: MetaChanges } {
  let i = args.length;
  while (i > 0 && (args[i - 1]!.includes('=') || args[i - 1]!.endsWith('-'))) i--;
  const changes: MetaChanges = { set: new Map(), remove: [] };
  for (const spec of args.slice(i)) {
    if (spec.includes('=')) {
      const parts = spec.split('=');
      if (noun === 'label' && parts.length !== 2) throw usageError(`invalid label spec: ${spec}`);
      const eq = spec.indexOf('=');
      // label checks the value before it asks the server (parseLabels); the key is the server's to refuse.
      const valueErrors = noun === 'label' ? labelValueErrors(spec.slice(eq + 1)) : [];
      if (valueErrors.length > 0) throw usageError(`invalid label value: ${JSON.stringify(spec)}: ${valueErrors.join(';')}`);
      changes.set.set(spec.slice(0, eq), spec.slice(eq + 1));
    } else {
      changes.remove.push(spec.slice(0, -1));
    }
  }
  const both = changes.remove.filter((key) => changes.set.has(key));
  if (both.length > 0) {
    throw usageError(noun === 'label' ? 'can not both modify and remove a label in the same command' : `can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}`);
  }
  if (changes.set.size === 0 && changes.remove.length === 0 && !listing) throw usageError(`at least one ${noun} update is required`);
  return { resources: args.slice(0, i), changes };
}

/** The objects to change: `-f`, `-l`/`--all` with a type, or names. */
export function editTargets(ctx: KubectlContext, resources: string[]): Found[] {
  if (ctx.flags.array('filename').length > 0) return findFromFiles(ctx);
  const requests = parseResourceArgs(resources);
  if (requests.length === 0) throw usageError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  requireNames(ctx, requests);
  return findObjects(ctx, requests);
}

/**
 * Apply changes to `labels` or `annotations` of each target and write it back. `check` may
 * refuse a change (the --overwrite rules); `message` picks the verb's past tense.
 */
export function editEach(
  ctx: KubectlContext,
  targets: Found[],
  field: 'labels' | 'annotations',
  changes: MetaChanges,
  check: (current: Record<string, string>) => void,
  message: (before: Record<string, string>, after: Record<string, string>) => string,
): void {
  forEachReporting(ctx, targets, (f) => {
    const obj = clone(f.object) as KubeObject & { metadata: Record<string, unknown> };
    const current = { ...((obj.metadata[field]) ?? {}) };
    check(current);
    const next = { ...current };
    for (const key of changes.remove) {
      // Only label says so (label.go); annotate removes a missing key without a word.
      if (!(key in next) && field === 'labels') ctx.out.push(`label "${key}" not found.\n`);
      delete next[key];
    }
    for (const [k, v] of changes.set) next[k] = v;
    obj.metadata[field] = next;
    recordChangeCause(ctx, obj);
    updateEdited(ctx, f.type, obj, message(current, next));
  });
}

/**
 * `--list`: each target's labels (or annotations) as `key=value` lines, after a `Listing labels
 * for Kind.group/name:` heading when more than one object could be meant. Upstream ranges over a
 * Go map, in no set order; here keys come sorted.
 */
export function listEach(ctx: KubectlContext, resources: string[], field: 'labels' | 'annotations'): void {
  if (ctx.flags.string('output') !== undefined) throw usageError('--list and --output may not be specified together');
  const targets = editTargets(ctx, resources);
  const one = targets.length === 1 && ctx.flags.string('selector') === undefined && !ctx.flags.bool('all');
  for (const { type, object } of targets) {
    const entries = Object.entries((object.metadata?.[field]) ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (!one) ctx.out.push(`Listing ${field} for ${type.kind}.${type.group}/${object.metadata?.name ?? ''}:\n`);
    for (const [k, v] of entries) ctx.out.push(`${one ? '' : ' '}${k}=${v}\n`);
  }
}
