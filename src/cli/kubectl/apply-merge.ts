/**
 * The client-side three-way merge of `kubectl apply`: maps merge key by key, and a field the
 * last-applied configuration had but the new one dropped is deleted from the live object. Lists
 * with a strategic-merge key (containers and volumes by name, volumeMounts by mountPath, ports by
 * port number, ...) merge item by item, so what other writers added to an item (the
 * service-account volumeMount the API server injects) survives; other lists are replaced whole.
 */
import { canonicalJson } from '../../engine/sim/hash';

type Json = Record<string, unknown>;

export const isMap = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The annotation `kubectl apply` keeps its last input in. */
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * Merge `desired` into `live`, deleting what `last` had and `desired` does not. Returns a new
 * object; inputs are not modified.
 */
export function threeWayMerge(last: unknown, live: unknown, desired: unknown): unknown {
  if (!isMap(desired) || !isMap(live)) return structuredCopy(desired);
  const lastMap = isMap(last) ? last : {};
  const out: Json = structuredCopy(live);
  for (const key of Object.keys(lastMap)) {
    if (!(key in desired)) delete out[key];
  }
  for (const [key, value] of Object.entries(desired)) {
    const mergeKey = Array.isArray(value) && Array.isArray(out[key]) ? listMergeKey(key, value) : undefined;
    if (mergeKey) out[key] = mergeList(mergeKey, lastMap[key], out[key] as unknown[], value as unknown[]);
    else out[key] = isMap(value) && isMap(out[key]) ? threeWayMerge(lastMap[key], out[key], value) : structuredCopy(value);
  }
  return out;
}

/** patchMergeKey of the Kubernetes types, by field name (ports differ between containers and Services). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  env: 'name',
  imagePullSecrets: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  hostAliases: 'ip',
  ownerReferences: 'uid',
  conditions: 'type',
};

export function listMergeKey(field: string, items: unknown[]): string | undefined {
  if (field === 'ports') return items.every((i) => isMap(i) && 'containerPort' in i) ? 'containerPort' : items.every((i) => isMap(i) && 'port' in i) ? 'port' : undefined;
  const key = MERGE_KEYS[field];
  return key && items.every((i) => isMap(i) && key in i) ? key : undefined;
}

/**
 * Merge a keyed list: the desired items in their order, each merged into its live counterpart;
 * then live items nobody asked to remove (absent from the last applied list too) keep their place
 * after them.
 */
function mergeList(key: string, last: unknown, live: unknown[], desired: unknown[]): unknown[] {
  const id = (item: unknown) => (isMap(item) ? canonicalJson(item[key]) : undefined);
  const lastById = new Map((Array.isArray(last) ? last : []).map((i) => [id(i), i]));
  const liveById = new Map(live.map((i) => [id(i), i]));
  const desiredIds = new Set(desired.map(id));
  const merged = desired.map((item) => (liveById.has(id(item)) ? threeWayMerge(lastById.get(id(item)), liveById.get(id(item)), item) : structuredCopy(item)));
  const kept = live.filter((item) => !desiredIds.has(id(item)) && !lastById.has(id(item)));
  return [...merged, ...kept.map(structuredCopy)];
}

/** A deep JSON copy (undefined stays undefined), typed as what was copied. */
export const structuredCopy = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

/**
 * The annotation value kubectl writes: the applied object without this annotation, as compact
 * JSON with sorted keys and a trailing newline (json.Marshal of an unstructured map). Like
 * GetModifiedConfiguration it leaves an empty `annotations: {}` behind, which is why real
 * annotations read `"metadata":{"annotations":{},"name":...`.
 */
export function lastAppliedValue(obj: unknown): string {
  const copy = structuredCopy(obj) as { metadata?: { annotations?: Record<string, string> } };
  const meta = (copy.metadata ??= {});
  const annotations = (meta.annotations ??= {});
  delete annotations[LAST_APPLIED];
  return `${canonicalJson(copy)}\n`;
}
