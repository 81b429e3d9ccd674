/**
 * Strict field validation, as the API server applies it to kubectl's requests
 * (`fieldValidation=Strict`, the default since 1.27): a manifest with a field the schema does not
 * have is refused with `strict decoding error: unknown field "spec.replica"`, instead of the typo
 * being silently dropped. The schema is generated from kubernetes-types (known-fields.data.ts).
 */
import { badRequest, type ApiError } from '../errors';
import { KIND_TYPES, KNOWN_TYPES } from './known-fields.data';

/**
 * Fields added to the API after the kubernetes-types release the data was generated from
 * (1.30), which a 1.34 API server accepts.
 */
const NEWER_FIELDS: Record<string, Record<string, string | 0>> = {
  PodSpec: { resources: 'ResourceRequirements' },
  Lifecycle: { stopSignal: 0 },
  EndpointHints: { forNodes: 'ForNode' },
  ForNode: { name: 0 },
};

function fieldsOf(typeName: string): Record<string, string | 0> | undefined {
  const known = KNOWN_TYPES[typeName];
  const newer = NEWER_FIELDS[typeName];
  return known && newer ? { ...known, ...newer } : (known ?? newer);
}

/** Walk `value` as an instance of `typeName`, collecting the paths of fields it does not have. */
function walk(value: unknown, typeName: string | 0, path: string, unknown: string[]): void {
  if (typeName === 0 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, typeName, `${path}[${i}]`, unknown));
    return;
  }
  if (typeName.startsWith('{')) {
    const inner = typeName.slice(1, -1);
    for (const [key, item] of Object.entries(value)) walk(item, inner, `${path}[${key}]`, unknown);
    return;
  }
  const fields = fieldsOf(typeName);
  if (!fields) return;
  for (const [key, item] of Object.entries(value)) {
    const child = path ? `${path}.${key}` : key;
    if (!(key in fields)) unknown.push(child);
    else walk(item, fields[key]!, child, unknown);
  }
}

/** Paths of the fields in `obj` that its kind's schema does not know, in document order. */
export function unknownFields(kind: string, obj: unknown): string[] {
  const root = KIND_TYPES[kind];
  if (!root) return [];
  const unknown: string[] = [];
  walk(obj, root, '', unknown);
  return unknown;
}

/** The 400 the API server answers a strict request with, or undefined when every field is known. */
export function strictDecodingError(kind: string, apiVersion: string, obj: unknown): ApiError | undefined {
  const unknown = unknownFields(kind, obj);
  if (unknown.length === 0) return undefined;
  const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
  const list = unknown.map((f) => `unknown field "${f}"`).join(', ');
  return badRequest(`${kind} in version "${version}" cannot be handled as a ${kind}: strict decoding error: ${list}`);
}
