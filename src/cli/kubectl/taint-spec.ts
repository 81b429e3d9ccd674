/**
 * The taint arguments of `kubectl taint` and how they change a node's list: a port of the
 * behaviour of kubectl/pkg/cmd/taint/utils.go (v1.34), kept apart from the verb so the rules
 * (which taints replace which, and what the command then calls its change) are testable alone.
 */
import type { Taint } from 'kubernetes-types/core/v1';
import { labelValueErrors, qualifiedNameErrors } from '../../engine/api/validation/names';
import { TAINT_EFFECTS } from '../../engine/api/validation/node';

export interface TaintChanges {
  add: Taint[];
  /** Taints to remove: an effect removes that key and effect only, an empty one every effect of the key. */
  remove: Taint[];
}

/** Taint.ToString: `key=value:effect`, leaving out what is empty. */
export function taintString(t: Taint): string {
  const value = t.value ? `=${t.value}` : '';
  if (!t.effect) return t.value ? `${t.key}${value}:` : t.key;
  return `${t.key}${value}:${t.effect}`;
}

/** Go's %v of a v1.Taint, which kubectl's duplicate error prints: `{key value NoSchedule <nil>}`. */
const goValue = (t: Taint): string => `{${t.key} ${t.value ?? ''} ${t.effect ?? ''} <nil>}`;

/** parseTaints: `k=v:E` and `k:E` add, a trailing `-` removes; errors are kubectl's (usage errors). */
export function parseTaints(specs: readonly string[]): TaintChanges {
  const changes: TaintChanges = { add: [], remove: [] };
  const unique = new Set<string>();
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      const { key, effect } = parseTaint(spec.slice(0, -1));
      changes.remove.push({ key, effect });
      continue;
    }
    const taint = parseTaint(spec);
    if (!taint.effect) throw new Error(`invalid taint spec: ${spec}`);
    const pair = `${taint.effect}\u0000${taint.key}`;
    if (unique.has(pair)) throw new Error(`duplicated taints with the same key and effect: ${goValue(taint)}`);
    unique.add(pair);
    changes.add.push(taint);
  }
  return changes;
}

/** parseTaint: `<key>=<value>:<effect>`, `<key>:<effect>` or `<key>`. */
function parseTaint(spec: string): Taint {
  const parts = spec.split(':');
  if (parts.length > 2) throw new Error(`invalid taint spec: ${spec}`);
  let key = parts[0]!;
  let value = '';
  const effect = parts[1] ?? '';
  if (parts.length === 2) {
    if (!TAINT_EFFECTS.includes(effect)) throw new Error(`invalid taint effect: ${effect}, unsupported taint effect`);
    const keyValue = parts[0]!.split('=');
    if (keyValue.length > 2) throw new Error(`invalid taint spec: ${spec}`);
    key = keyValue[0]!;
    if (keyValue.length === 2) {
      value = keyValue[1]!;
      const errors = labelValueErrors(value);
      if (errors.length > 0) throw new Error(`invalid taint spec: ${spec}, ${errors.join('; ')}`);
    }
  }
  const errors = qualifiedNameErrors(key);
  if (errors.length > 0) throw new Error(`invalid taint spec: ${spec}, ${errors.join('; ')}`);
  return value ? { key, value, effect } : { key, effect };
}

/** Validate's check: a key may not be both set and removed (for the same effect, or any effect). */
export function conflictingTaints({ add, remove }: TaintChanges): string[] {
  const out: string[] = [];
  for (const added of add) {
    for (const removed of remove) {
      if (added.key === removed.key && (!removed.effect || added.effect === removed.effect)) out.push(`${removed.key}=${removed.effect}`);
    }
  }
  return out;
}

/** checkIfTaintsAlreadyExists: the keys of added taints whose key and effect the node has. */
export function existingTaintKeys(current: readonly Taint[], add: readonly Taint[]): string {
  return add.flatMap((t) => current.filter((c) => c.key === t.key && c.effect === t.effect).map(() => t.key)).join(',');
}

const sameTaint = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect;

export interface Reorganized {
  operation: 'modified' | 'tainted' | 'untainted';
  taints: Taint[];
  /** `taint "k:E" not found` for each removal that matched nothing. */
  errors: string[];
}

/**
 * reorganizeTaints: the added taints first, then the node's others; then the removals. Upstream
 * decides "deleted" by the last removal only, and so does this.
 */
export function reorganizeTaints(current: readonly Taint[], overwrite: boolean, { add, remove }: TaintChanges): Reorganized {
  let taints = [...add, ...current.filter((old) => !add.some((t) => sameTaint(t, old)))];
  const added = current.length !== taints.length;
  const errors: string[] = [];
  let deleted = false;
  for (const r of remove) {
    const kept = taints.filter((t) => (r.effect ? !sameTaint(r, t) : t.key !== r.key));
    deleted = kept.length !== taints.length;
    taints = kept;
    if (!deleted) errors.push(`taint "${taintString(r)}" not found`);
  }
  const operation = (added && deleted) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { operation, taints, errors };
}
