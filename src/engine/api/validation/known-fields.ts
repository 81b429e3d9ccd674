/**
 * Strict field validation, as the API server applies it to kubectl's requests
 * (`fieldValidation=Strict`, the default since 1.27): a manifest with a field the schema does not
 * have is refused with `strict decoding error: unknown field "spec.replica"`, instead of the typo
 * being silently dropped. The schema is generated from kubernetes-types (known-fields.data.ts).
 */
import { base64ErrorOffset } from '../../sim/base64';
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

const SCALAR_CODES = new Set(['s', 'i', 'b', 'q']);

/** Walk `value` as an instance of `typeName`, collecting the paths of fields it does not have. */
function walk(value: unknown, typeName: string | 0, path: string, unknown: string[]): void {
  if (typeName === 0 || SCALAR_CODES.has(typeName) || value === null || typeof value !== 'object') return;
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

/**
 * A copy of `obj` without the fields its kind's schema does not have: what decoding into the
 * typed object leaves, as kubectl does with what it generates (`run --overrides`).
 */
export function withoutUnknownFields(kind: string, obj: unknown): unknown {
  const root = KIND_TYPES[kind];
  return root ? prune(obj, root) : obj;
}

function prune(value: unknown, typeName: string | 0): unknown {
  if (typeName === 0 || SCALAR_CODES.has(typeName) || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => prune(item, typeName));
  if (typeName.startsWith('{')) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, prune(v, typeName.slice(1, -1))]));
  const fields = fieldsOf(typeName);
  if (!fields) return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k in fields).map(([k, v]) => [k, prune(v, fields[k]!)]));
}

/** The 400 the API server answers a strict request with, or undefined when every field is known. */
export function strictDecodingError(kind: string, apiVersion: string, obj: unknown): ApiError | undefined {
  const unknown = unknownFields(kind, obj);
  if (unknown.length === 0) return undefined;
  const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
  const list = unknown.map((f) => `unknown field "${f}"`).join(', ');
  return badRequest(`${kind} in version "${version}" cannot be handled as a ${kind}: strict decoding error: ${list}`);
}

/** Integer fields Go declares as int64 (the rest are int32), as the decoder names them in errors. */
const INT64_FIELDS = new Set(['terminationGracePeriodSeconds', 'activeDeadlineSeconds', 'tolerationSeconds', 'expirationSeconds', 'runAsUser', 'runAsGroup', 'fsGroup', 'deletionGracePeriodSeconds', 'generation', 'observedGeneration']);

/** What encoding/json calls a JSON value in `cannot unmarshal X`. */
function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return 'number';
  return typeof value === 'string' ? 'string' : 'object';
}

/** The Go type a schema code or type name stands for, for the message. */
function goType(code: string, field: string): string {
  if (code === 's') return 'string';
  if (code === 'b') return 'bool';
  if (code === 'i') return INT64_FIELDS.has(field) ? 'int64' : 'int32';
  if (code.startsWith('{')) return `map[string]${code === '{s}' ? 'string' : `v1.${code.slice(1, -1)}`}`;
  return `v1.${code}`;
}

/** Whether `value` decodes into a field of this code (null always does: it leaves the zero value). */
function fits(code: string, value: unknown): boolean {
  if (value === null) return true;
  if (code === 's') return typeof value === 'string';
  if (code === 'b') return typeof value === 'boolean';
  if (code === 'i') return typeof value === 'number' && Number.isInteger(value);
  if (code === 'q') return typeof value === 'string' || typeof value === 'number';
  return typeof value === 'object';
}

/**
 * The first value whose JSON type the field's Go type cannot take, worded as encoding/json does:
 * `cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`.
 */
function firstTypeError(value: unknown, typeName: string, path: string, owner = typeName): string | undefined {
  if (value === null || typeof value !== 'object' || SCALAR_CODES.has(typeName)) return undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = firstTypeError(item, typeName, path, owner);
      if (found) return found;
    }
    return undefined;
  }
  const fields = typeName.startsWith('{') ? undefined : fieldsOf(typeName);
  for (const [key, item] of Object.entries(value)) {
    const code = typeName.startsWith('{') ? typeName.slice(1, -1) : fields?.[key];
    if (code === undefined || code === 0) continue;
    const child = typeName.startsWith('{') ? path : path ? `${path}.${key}` : key;
    const items = Array.isArray(item) ? (item as unknown[]) : [item];
    for (const one of items) {
      if (!fits(code, one)) {
        const kind = typeof one === 'number' && code === 'i' ? `number ${one}` : jsonKind(one);
        // A map's values are named after the struct field that holds the map.
        return `cannot unmarshal ${kind} into Go struct field ${owner}.${child} of type ${goType(code, key)}`;
      }
    }
    const found = firstTypeError(item, code, child, code.startsWith('{') ? owner : code);
    if (found) return found;
  }
  return undefined;
}

/** The 400 a request whose field values have the wrong JSON types gets, whatever the field validation mode. */
export function typeMismatchError(kind: string, apiVersion: string, obj: unknown): ApiError | undefined {
  const root = KIND_TYPES[kind];
  const found = root ? firstTypeError(obj, root, '') : undefined;
  const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
  if (found) return badRequest(`${kind} in version "${version}" cannot be handled as a ${kind}: json: ${found}`);
  // A Secret's data is []byte: JSON decoding reads each value as base64, in document order.
  const data = kind === 'Secret' ? (obj as { data?: Record<string, unknown> }).data : undefined;
  for (const value of Object.values(data ?? {})) {
    const offset = typeof value === 'string' ? base64ErrorOffset(value) : undefined;
    if (offset !== undefined) return badRequest(`${kind} in version "${version}" cannot be handled as a ${kind}: illegal base64 data at input byte ${offset}`);
  }
  return undefined;
}

