/**
 * Shared by `kubectl label` and `kubectl annotate`: split arguments into resources and
 * `key=value` / `key-` changes, and apply the changes to an object's label or annotation map.
 */
import { clone, type KubeObject } from '../../engine/api/objects';
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
  DRY_RUN_FLAG,
];

export interface MetaChanges {
  set: Map<string, string>;
  remove: string[];
}

/** Trailing `k=v` and `k-` arguments are changes; what precedes them names resources. */
export function splitChanges(args: string[], noun: string): { resources: string[]; changes: MetaChanges } {
  let i = args.length;
  while (i > 0 && (args[i - 1]!.includes('=') || args[i - 1]!.endsWith('-'))) i--;
  const changes: MetaChanges = { set: new Map(), remove: [] };
  for (const spec of args.slice(i)) {
    if (spec.includes('=')) {
      const parts = spec.split('=');
      if (noun === 'label' && parts.length !== 2) throw usageError(`invalid label spec: ${spec}`);
      const eq = spec.indexOf('=');
      changes.set.set(spec.slice(0, eq), spec.slice(eq + 1));
    } else {
      changes.remove.push(spec.slice(0, -1));
    }
  }
  for (const key of changes.remove) {
    if (changes.set.has(key)) throw usageError(`can not both modify and remove ${noun}s in the same command`);
  }
  if (changes.set.size === 0 && changes.remove.length === 0) throw usageError(`at least one ${noun} update is required`);
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
      if (!(key in next)) ctx.out.push(`${field === 'labels' ? 'label' : 'annotation'} "${key}" not found.\n`);
      delete next[key];
    }
    for (const [k, v] of changes.set) next[k] = v;
    obj.metadata[field] = next;
    recordChangeCause(ctx, obj);
    updateEdited(ctx, f.type, obj, message(current, next));
  });
}
