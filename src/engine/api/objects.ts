import type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1';
import { KeyTable } from './key-table';

/** Any Kubernetes object as the engine stores it. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

/**
 * kubernetes-types marks server-set fields (metadata.uid, status) readonly; the server and
 * controllers that own those fields write them through this view of a private copy.
 */
export type Mutable<T> = T extends (infer U)[] ? Mutable<U>[] : T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;

/** The API server's own, writable view of an object of any kind. */
export interface RawObject {
  apiVersion?: string;
  kind?: string;
  metadata?: Mutable<ObjectMeta>;
  spec?: unknown;
  status?: unknown;
  [field: string]: unknown;
}

/**
 * A deep, writable copy; objects read from the store are frozen, so writers copy first. The copy
 * is what a JSON round trip gives (undefined fields dropped, undefined array items and non-finite
 * numbers as null) without building the string: every API write clones, so this is hot.
 */
export function clone<T>(value: T): Mutable<T> {
  // An absent field stays absent.
  return value === undefined ? (value as Mutable<T>) : (jsonCopy(value) as Mutable<T>);
}

function jsonCopy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return jsonScalar(value);
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return JSON.parse(JSON.stringify(value)) as unknown;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = jsonCopy(value[i]) ?? null;
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const copied = jsonCopy((value as Record<string, unknown>)[key]);
    if (copied !== undefined) out[key] = copied;
  }
  return out;
}

/** A scalar as JSON carries it: functions, symbols and undefined vanish; NaN and ±Infinity are null. */
function jsonScalar(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'object':
      return null;
    case 'bigint':
      return JSON.stringify(value); // throws, as the round trip does
    default:
      return undefined;
  }
}

/**
 * Whether two values serialise to the same canonical JSON (canonicalJson(a) === canonicalJson(b))
 * without serialising them: stops at the first difference and at shared (identical) subtrees,
 * which the API server's frozen objects have many of. Used for no-op write detection.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const aObject = typeof a === 'object' && a !== null;
  const bObject = typeof b === 'object' && b !== null;
  if (!aObject || !bObject) return !aObject && !bObject && jsonScalar(a) === jsonScalar(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return arraysEqual(a, b as unknown[]);
  return objectsEqual(a as Record<string, unknown>, b as Record<string, unknown>);
}

function arraysEqual(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!jsonEqual(jsonCopyable(a[i]), jsonCopyable(b[i]))) return false;
  return true;
}

/** Inside an array JSON writes an undefined item (or a function) as null. */
function jsonCopyable(v: unknown): unknown {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol' ? null : v;
}

function objectsEqual(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  if (typeof a.toJSON === 'function' || typeof b.toJSON === 'function') return JSON.stringify(a) === JSON.stringify(b);
  let present = 0;
  for (const key in a) {
    if (!Object.hasOwn(a, key) || !serialised(a[key])) continue;
    present++;
    if (!Object.hasOwn(b, key) || !serialised(b[key]) || !jsonEqual(a[key], b[key])) return false;
  }
  for (const key in b) if (Object.hasOwn(b, key) && serialised(b[key])) present--;
  return present === 0;
}

/** Whether JSON.stringify keeps an object field with this value. */
function serialised(v: unknown): boolean {
  return v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';
}

/** Read any field of an object generically (spec, status, data, ...). */
export function field(obj: KubeObject, name: string): unknown {
  return (obj as unknown as Record<string, unknown>)[name];
}

/**
 * Structural sharing between a status about to be stored and the one it replaces: every part of
 * `next` that equals the same part of `prev` (same keys in the same order, so it also prints the
 * same) is replaced by prev's frozen one. A kubelet's status write then shares the conditions
 * and container statuses that did not change, so it freezes and keeps only what did, and the
 * versions still held (watch history, informer caches) share them. (Sharing every write's whole
 * object cost more time than it saved memory.)
 * Mutates `next`, which must be the writer's own; returns `prev` when the two are equal.
 */
export function shareUnchanged<T>(next: T, prev: unknown): T {
  if (next === prev) return next;
  if (typeof next !== 'object' || next === null || typeof prev !== 'object' || prev === null) return next;
  // A frozen part is a stored object already; it cannot take shared children, nor needs them.
  if (Object.isFrozen(next)) return next;
  if (Array.isArray(next) !== Array.isArray(prev)) return next;
  return (Array.isArray(next) ? shareItems(next, prev as unknown[]) : shareFields(next as Record<string, unknown>, prev as Record<string, unknown>)) ? (prev as T) : next;
}

/** Share equal items in place; true when every item (and the length) is equal. */
function shareItems(next: unknown[], prev: readonly unknown[]): boolean {
  let same = next.length === prev.length;
  for (let i = 0; i < next.length; i++) {
    if (i >= prev.length) return false;
    const shared = shareUnchanged(next[i], prev[i]);
    next[i] = shared;
    if (shared !== prev[i]) same = false;
  }
  return same;
}

/** Share equal fields in place; true when the keys, their order and every value are equal. */
function shareFields(next: Record<string, unknown>, prev: Record<string, unknown>): boolean {
  if (typeof next.toJSON === 'function' || typeof prev.toJSON === 'function') return false;
  const keys = Object.keys(next);
  // The same keys in the same order, checked without a second key array.
  let same = true;
  let at = 0;
  for (const key in prev) if (Object.hasOwn(prev, key) && keys[at++] !== key) same = false;
  if (at !== keys.length) same = false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (!Object.hasOwn(prev, key)) continue;
    const shared = shareUnchanged(next[key], prev[key]);
    if (shared !== next[key]) next[key] = shared;
    if (shared !== prev[key]) same = false;
  }
  return same;
}

/**
 * Whether stored objects are frozen. The test suite turns it on (tests/setup.ts), so a component
 * that changes an object it read from the API fails loudly there. Elsewhere it is off: V8 gives
 * frozen objects hidden classes of their own, which makes every read of a stored object across
 * the engine slower; freezing cost a quarter of a 5,000-pod rollout's time.
 */
let freezeStored = false;

export function setFreezeStoredObjects(on: boolean): void {
  freezeStored = on;
}

/** Freeze an object graph (when freezing is on; see setFreezeStoredObjects). */
export function deepFreeze<T>(value: T): T {
  if (freezeStored) freezeGraph(value);
  return value;
}

function freezeGraph(value: unknown): void {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    // for-in rather than Object.values: no array per object on every API write.
    for (const key in value) if (Object.hasOwn(value, key)) freezeGraph((value as Record<string, unknown>)[key]);
  }
}

/** The spec and status objects of what the API server stored. */
const STORED = new WeakSet<object>();

/**
 * Mark a stored object's spec and status, and freeze it all when freezing is on. Caches that key
 * on those parts (a pod's requests per spec, its readiness per status) keep only stored ones:
 * they never change, whereas an object still being built may. Only these two parts: marking
 * costs a hash per object, which for every part of every write was 4 % of a large rollout.
 */
export function markStored<T extends object>(obj: T): T {
  const { spec, status } = obj as { spec?: unknown; status?: unknown };
  if (spec && typeof spec === 'object') STORED.add(spec);
  if (status && typeof status === 'object') STORED.add(status);
  return deepFreeze(obj);
}

/** Whether this spec or status is part of an object as the API server stored it. */
export function isStored(part: object): boolean {
  return STORED.has(part);
}

/**
 * `compute`, remembered per stored spec or status (see markStored): a part still being built is
 * computed every time, since it may yet change.
 */
export function perStoredPart<P extends object, V>(compute: (part: P) => V): (part: P) => V {
  const known = new WeakMap<P, V>();
  return (part) => {
    if (!STORED.has(part)) return compute(part);
    let value = known.get(part);
    if (value === undefined && !known.has(part)) known.set(part, (value = compute(part)));
    return value as V;
  };
}

/** `namespace/name`, or `name` for cluster-scoped objects: the key controllers queue. */
export function keyOf(obj: KubeObject): string {
  const ns = obj.metadata?.namespace;
  const name = obj.metadata?.name;
  if (!ns || name === undefined) return ns ? `${ns}/${name}` : `${name}`;
  return OBJECT_KEYS.get(ns, name);
}

const OBJECT_KEYS = new KeyTable<string>((ns, name) => `${ns}/${name}`, 100_000);

export function splitKey(key: string): { namespace?: string; name: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/** The ownerReference that marks `owner` as the controller of a dependent. */
export function controllerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion!,
    kind: owner.kind!,
    name: owner.metadata!.name!,
    uid: owner.metadata!.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function getControllerOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((ref) => ref.controller);
}

export function isBeingDeleted(obj: KubeObject): boolean {
  return obj.metadata?.deletionTimestamp !== undefined;
}
