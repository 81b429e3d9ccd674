/**
 * The client-side three-way merge of `kubectl apply`, simplified: maps merge key by key, and a
 * field the last-applied configuration had but the new one dropped is deleted from the live
 * object. Lists are replaced as a whole. Real kubectl uses a strategic merge patch that merges
 * lists by a merge key (containers by name, ports by containerPort), so fields other writers put
 * into list items survive there but not here; for the manifests of these labs both agree.
 */
import { canonicalJson } from '../../engine/sim/hash';

type Json = Record<string, unknown>;

const isMap = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The annotation `kubectl apply` keeps its last input in. */
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * Merge `desired` into `live`, deleting what `last` had and `desired` does not. Returns a new
 * object; inputs are not modified.
 */
export function threeWayMerge(last: unknown, live: unknown, desired: unknown): unknown {
  if (!isMap(desired) || !isMap(live)) return structuredCopy(desired);
  const lastMap = isMap(last) ? last : {};
  const out: Json = structuredCopy(live) as Json;
  for (const key of Object.keys(lastMap)) {
    if (!(key in desired)) delete out[key];
  }
  for (const [key, value] of Object.entries(desired)) {
    out[key] = isMap(value) && isMap(out[key]) ? threeWayMerge(lastMap[key], out[key], value) : structuredCopy(value);
  }
  return out;
}

const structuredCopy = (v: unknown): unknown => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

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
