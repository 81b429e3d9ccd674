/**
 * The three patch types `kubectl patch --type` sends, applied as the API server applies them:
 * strategic merge (the default: maps merge, keyed lists such as containers merge item by item,
 * `null` deletes, `$patch: delete` removes a list item), JSON merge (RFC 7386: maps merge, lists
 * are replaced) and JSON patch (RFC 6902 operations on JSON pointers). Hand-written because the
 * strategic flavour needs Kubernetes' merge keys, which apply-merge.ts already knows.
 */
import { canonicalJson } from '../../engine/sim/hash';
import { isMap, listMergeKey, structuredCopy as copy } from './apply-merge';

type Json = Record<string, unknown>;


/** A patch the server could not apply: kubectl prints `Error from server: <message>`. */
export class PatchError extends Error {}

/** RFC 7386: a map merges key by key, `null` deletes, anything else (lists too) replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isMap(patch)) return copy(patch);
  const out: Json = isMap(target) ? copy(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

/** Strategic merge patch (apimachinery's strategicpatch), for the fields the simulator serves. */
export function strategicMerge(target: unknown, patch: unknown): unknown {
  if (!isMap(patch)) return copy(patch);
  if (patch.$patch === 'replace') return withoutDirectives(patch);
  const out: Json = isMap(target) ? copy(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) continue;
    if (value === null) delete out[key];
    else if (Array.isArray(value)) out[key] = mergeListPatch(key, out[key], value);
    else out[key] = isMap(value) ? strategicMerge(out[key], value) : copy(value);
  }
  return out;
}

function withoutDirectives(map: Json): Json {
  return Object.fromEntries(Object.entries(copy(map)).filter(([k]) => !k.startsWith('$')));
}

/** A keyed list merges item by item (new items go last); any other list is replaced. */
function mergeListPatch(field: string, live: unknown, patch: unknown[]): unknown[] {
  const current: unknown[] = Array.isArray(live) ? live : [];
  const key = listMergeKey(field, [...patch, ...current]);
  if (!key) return copy(patch).filter((item) => !(isMap(item) && item.$patch === 'delete'));
  const id = (item: unknown) => (isMap(item) ? canonicalJson(item[key]) : undefined);
  const out = copy(current);
  for (const item of patch) {
    const at = out.findIndex((existing) => id(existing) === id(item));
    if (isMap(item) && item.$patch === 'delete') {
      if (at >= 0) out.splice(at, 1);
    } else if (at >= 0) out[at] = strategicMerge(out[at], item);
    else out.push(isMap(item) ? withoutDirectives(item) : copy(item));
  }
  return out;
}

interface Operation {
  op: string;
  path: string;
  value?: unknown;
  from?: string;
}

/** RFC 6902, with the error texts of the json-patch library the API server uses. */
export function jsonPatch(target: unknown, operations: unknown): unknown {
  if (!Array.isArray(operations)) throw new PatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc = copy(target);
  for (const raw of operations) {
    const op = raw as Operation;
    if (!isMap(raw) || typeof op.op !== 'string' || typeof op.path !== 'string') throw new PatchError('Unexpected kind: <nil>');
    doc = applyOperation(doc, op);
  }
  return doc;
}

function applyOperation(doc: unknown, op: Operation): unknown {
  switch (op.op) {
    case 'add':
      return put(doc, op.path, copy(op.value), 'add');
    case 'replace':
      lookup(doc, op.path, 'replace');
      return put(doc, op.path, copy(op.value), 'replace');
    case 'remove':
      return remove(doc, op.path, 'remove');
    case 'move': {
      const value = lookup(doc, op.from ?? '', 'move');
      return put(remove(doc, op.from ?? '', 'move'), op.path, value, 'move');
    }
    case 'copy':
      return put(doc, op.path, copy(lookup(doc, op.from ?? '', 'copy')), 'copy');
    case 'test':
      if (canonicalJson(lookup(doc, op.path, 'test')) !== canonicalJson(op.value)) throw new PatchError(`testing value ${op.path} failed: test failed`);
      return doc;
    default:
      throw new PatchError(`Unexpected kind: ${op.op}`);
  }
}

/** `/spec/containers/0/image` → ['spec', 'containers', '0', 'image'], with ~1 and ~0 unescaped. */
function tokens(path: string): string[] {
  if (path === '') return [];
  return path.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const missing = (op: string, path: string) => new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);

/** The container holding the last token, and that token (an array index already checked for add). */
function parent(doc: unknown, path: string, op: string): { container: unknown; last: string } {
  const parts = tokens(path);
  if (parts.length === 0) throw missing(op, path);
  let node = doc;
  for (const part of parts.slice(0, -1)) {
    node = Array.isArray(node) ? (node[Number(part)] as unknown) : isMap(node) ? node[part] : undefined;
    if (node === undefined) throw missing(op, path);
  }
  return { container: node, last: parts.at(-1)! };
}

function lookup(doc: unknown, path: string, op: string): unknown {
  if (path === '') return doc;
  const { container, last } = parent(doc, path, op);
  const value: unknown = Array.isArray(container) ? container[Number(last)] : isMap(container) ? container[last] : undefined;
  if (value === undefined) throw missing(op, path);
  return value;
}

function put(doc: unknown, path: string, value: unknown, op: string): unknown {
  if (path === '') return value;
  const { container, last } = parent(doc, path, op);
  if (Array.isArray(container)) {
    const index = last === '-' ? container.length : Number(last);
    if (!Number.isInteger(index) || index < 0 || index > container.length) throw missing(op, path);
    if (op === 'replace') container[index] = value;
    else container.splice(index, 0, value);
  } else if (isMap(container)) container[last] = value;
  else throw missing(op, path);
  return doc;
}

function remove(doc: unknown, path: string, op: string): unknown {
  lookup(doc, path, op);
  const { container, last } = parent(doc, path, op);
  if (Array.isArray(container)) container.splice(Number(last), 1);
  else delete (container as Json)[last];
  return doc;
}
