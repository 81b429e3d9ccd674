/**
 * Reading `-f` manifests: files, directories (their .yaml/.yml/.json files, sorted, as kubectl's
 * resource builder visits them) and `-` for stdin; multi-document YAML, JSON and `List` kinds.
 * Errors use kubectl's wording, with go-yaml's messages approximated from the `yaml` library's
 * error codes and positions.
 */
import { parseAllDocuments, type YAMLError } from 'yaml';
import { resourceForKind, apiVersionOf, type ResourceType } from '../../engine/api/resources';
import type { KubeObject } from '../../engine/api/objects';
import type { CommandHost } from '../types';
import { usageError } from './errors';

/** One object read from a manifest, with the file it came from (for error texts). */
export interface ManifestObject {
  object: KubeObject;
  type: ResourceType;
  source: string;
}

const EXTENSIONS = ['.json', '.yaml', '.yml'];

/** The texts named by `-f` values, each with the source name kubectl prints. */
export function readSources(paths: string[], host: CommandHost, stdin: string): { source: string; text: string }[] {
  const out: { source: string; text: string }[] = [];
  for (const path of paths) {
    if (path === '-') {
      out.push({ source: 'STDIN', text: stdin });
      continue;
    }
    if (/^https?:\/\//.test(path)) throw usageError(`unable to read URL "${path}", server reported 404 Not Found, status code=404`);
    const fs = host.fs;
    if (!fs.exists(path)) throw usageError(`the path "${path}" does not exist`);
    if (fs.isDir(path)) {
      const dir = fs.resolve(path);
      for (const name of fs.list(path) ?? []) {
        const full = `${dir.replace(/\/$/, '')}/${name}`;
        if (fs.isDir(full) || !EXTENSIONS.some((ext) => name.endsWith(ext))) continue;
        out.push({ source: joinSource(path, name), text: fs.read(full) ?? '' });
      }
      continue;
    }
    out.push({ source: path, text: fs.read(path) ?? '' });
  }
  return out;
}

const joinSource = (dir: string, name: string): string => `${dir.replace(/\/$/, '')}/${name}`;

/** go-yaml's messages for the parse problems learners make most often. */
const GO_YAML_MESSAGES: Record<string, string> = {
  BLOCK_AS_IMPLICIT_KEY: 'mapping values are not allowed in this context',
  MULTILINE_IMPLICIT_KEY: 'could not find expected \':\'',
  BAD_INDENT: 'did not find expected key',
  TAB_AS_INDENT: 'found a tab character that violates indentation',
  MISSING_CHAR: 'did not find expected node content',
  UNEXPECTED_TOKEN: 'did not find expected key',
  BAD_SCALAR_START: 'found character that cannot start any token',
  DUPLICATE_KEY: 'mapping key already defined',
};

/** go-yaml's error for what the `yaml` library refused in `text`: `yaml: line 5: did not find expected key`. */
export function goYamlError(text: string, err: YAMLError): string {
  // An unclosed flow collection: go-yaml names the line where it opened, and the closer it wanted.
  const flow = err.code === 'BAD_INDENT' || err.code === 'MISSING_CHAR' ? /^Flow (map|sequence)\b.*\bend with/.exec(err.message)?.[1] : undefined;
  if (flow) {
    const open = unclosedBefore(text, err.pos[0], flow === 'map' ? '{' : '[');
    return `yaml: line ${text.slice(0, open).split('\n').length}: did not find expected ',' or '${flow === 'map' ? '}' : ']'}'`;
  }
  const line = err.linePos?.[0].line ?? 1;
  const message = GO_YAML_MESSAGES[err.code] ?? 'did not find expected key';
  return err.code === 'DUPLICATE_KEY' ? `yaml: unmarshal errors:\n  line ${line}: ${message}` : `yaml: line ${line}: ${message}`;
}

function yamlErrorText(source: string, text: string, err: YAMLError): string {
  return `error parsing ${source}: error converting YAML to JSON: ${goYamlError(text, err)}`;
}

/** The offset of the last `open` before `end` that nothing closed (quotes skipped). */
function unclosedBefore(text: string, end: number, open: '{' | '['): number {
  const close = open === '{' ? '}' : ']';
  let depth = 0;
  for (let i = Math.min(end, text.length) - 1; i >= 0; i--) {
    const ch = text[i];
    if (ch === close) depth++;
    else if (ch === open && depth-- === 0) return i;
  }
  return Math.max(0, end - 1);
}

/**
 * A source that is one JSON object, as kubectl's YAMLOrJSONDecoder sniffs it (first non-space
 * character `{`), decoded as JSON: the YAML parser is many times slower, and a lab's generated
 * setup (a `List` of 200 objects) spent a third of its start parsing. Anything else, including
 * JSON that does not parse, goes the YAML way and gets its errors.
 */
function asJsonObject(text: string): object | undefined {
  if (!/^\s*\{/.test(text)) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Parse one source into plain objects (documents; `List` items expanded). */
export function parseDocuments(source: string, text: string): unknown[] {
  const json = asJsonObject(text);
  if (json) return expandList(json);
  const docs = parseAllDocuments(text, { uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [docs];
  const out: unknown[] = [];
  for (const doc of list) {
    const err = doc.errors[0];
    if (err) throw usageError(yamlErrorText(source, text, err));
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw usageError(`error parsing ${source}: error converting YAML to JSON: yaml: cannot unmarshal ${Array.isArray(value) ? '!!seq' : '!!str'} into Go value of type map[string]interface {}`);
    }
    out.push(...expandList(value));
  }
  return out;
}

/** A `List` kind's items, or the object itself. */
function expandList(value: object): unknown[] {
  const obj = value as { kind?: unknown; items?: unknown };
  return typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj.items) ? (obj.items as unknown[]) : [value];
}

/** Check apiVersion/kind and map the kind to a served resource, with kubectl's errors. */
export function toManifestObject(value: unknown, source: string): ManifestObject {
  const obj = value as KubeObject;
  const missing = [!obj.apiVersion && 'apiVersion not set', !obj.kind && 'kind not set'].filter((m): m is string => !!m);
  if (missing.length > 0) {
    const what = missing.length === 1 ? missing[0] : `[${missing.join(', ')}]`;
    throw usageError(`error validating "${source}": error validating data: ${what}; if you choose to ignore these errors, turn validation off with --validate=false`);
  }
  const type = resourceForKind(obj.kind!);
  if (!type || apiVersionOf(type) !== obj.apiVersion) {
    const name = obj.metadata?.name ?? '';
    const ns = obj.metadata?.namespace ?? '';
    throw usageError(
      `resource mapping not found for name: "${name}" namespace: "${ns}" from "${source}": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first`,
    );
  }
  return { object: obj, type, source };
}

/** Everything `-f` names, parsed and mapped; throws on the first bad document. */
export function readManifests(paths: string[], host: CommandHost, stdin: string): ManifestObject[] {
  const out: ManifestObject[] = [];
  for (const { source, text } of readSources(paths, host, stdin)) {
    for (const value of parseDocuments(source, text)) out.push(toManifestObject(value, source));
  }
  return out;
}
