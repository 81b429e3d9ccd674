/**
 * Object output formats shared by every verb that takes `-o`: yaml, json, name, jsonpath and
 * custom-columns. Tables (`-o wide` and the default) belong to the printers package.
 */
import { stringify } from 'yaml';
import type { KubeObject } from '../../engine/api/objects';
import { resourceForKind } from '../../engine/api/resources';
import { newGetTabWriter } from './printers';
import { programs } from '../deferred';
import { usageError } from './errors';
import { evaluatePath, executeTemplate, JsonPathError, JsonPathRangeError, relaxedPath, templateResults } from './jsonpath';
import { kindString } from './resource-args';

export type OutputFormat =
  | { kind: 'table'; wide: boolean }
  | { kind: 'yaml' }
  | { kind: 'json' }
  | { kind: 'name' }
  | { kind: 'jsonpath'; template: string; asJson?: boolean }
  | { kind: 'go-template'; template: string }
  | { kind: 'custom-columns'; spec: string; noHeaders?: boolean };

const ALLOWED =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

/**
 * Parse `-o` (undefined: the default table); `noHeaders` is --no-headers, which custom columns
 * honour; `template` is --template, the template of a bare `-o go-template` or `-o template`.
 */
export function parseOutput(value: string | undefined, noHeaders = false, template?: string, readFile?: (path: string) => string | undefined): OutputFormat {
  // --template alone implies -o go-template (PrintFlags.ToPrinter).
  if ((value === undefined || value === '') && template) return { kind: 'go-template', template };
  if (value === undefined || value === '') return { kind: 'table', wide: false };
  if (value === 'wide') return { kind: 'table', wide: true };
  if (value === 'yaml' || value === 'json' || value === 'name') return { kind: value };
  const eq = value.indexOf('=');
  const name = eq < 0 ? value : value.slice(0, eq);
  const arg = eq < 0 ? '' : value.slice(eq + 1);
  if (name === 'jsonpath' || name === 'jsonpath-as-json') {
    if (arg === '') throw usageError('template format specified but no template given');
    return { kind: 'jsonpath', template: arg, ...(name === 'jsonpath-as-json' ? { asJson: true } : {}) };
  }
  if (name === 'go-template' || name === 'template') {
    const text = eq < 0 ? (template ?? '') : arg;
    if (text === '') throw usageError('template format specified but no template given');
    return { kind: 'go-template', template: text };
  }
  if (name === 'custom-columns') {
    if (arg === '') throw usageError('custom-columns format specified but no custom columns given');
    return { kind: 'custom-columns', spec: arg, noHeaders };
  }
  if (name === 'custom-columns-file' && readFile) return columnsFromFile(arg, readFile);
  throw usageError(`unable to match a printer suitable for the output format "${value}", allowed formats are: ${ALLOWED}`);
}

const TEMPLATE_FORMAT = 'Expected format is one line of space separated headers, one line of space separated column specs.';

/**
 * `-o custom-columns-file=FILE`: a line of headers, then a line of as many JSONPath specs
 * (NewCustomColumnsPrinterFromTemplate). Headers are always printed: the file printer ignores --no-headers.
 */
function columnsFromFile(path: string, readFile: (path: string) => string | undefined): OutputFormat {
  if (path === '') throw usageError('custom-columns format specified but no custom columns given');
  const text = readFile(path);
  if (text === undefined) throw usageError(`error reading template ${path}, open ${path}: no such file or directory\n`);
  const [headerLine, specLine] = text.split('\n');
  const fields = (line: string) => line.trim().split(/\s+/).filter(Boolean);
  if (headerLine === undefined || text === '') throw usageError(`invalid template, missing header line. ${TEMPLATE_FORMAT}`);
  if (specLine === undefined) throw usageError(`invalid template, missing spec line. ${TEMPLATE_FORMAT}`);
  const headers = fields(headerLine);
  const specs = fields(specLine);
  if (headers.length !== specs.length) throw usageError(`number of headers (${headers.length}) and field specifications (${specs.length}) don't match`);
  return { kind: 'custom-columns', spec: headers.map((h, i) => `${h}:${specs[i]}`).join(','), noHeaders: false };
}

/**
 * Status counters Go declares `int32` with `omitempty`: the API server's JSON leaves them out at
 * zero (a ReplicaSet scaled to zero shows `replicas: 0` and nothing else), while the controllers
 * here keep every counter as a number.
 */
const OMITTED_AT_ZERO: Record<string, readonly string[]> = {
  Deployment: ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas'],
  ReplicaSet: ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas'],
};

function asServed(obj: KubeObject): KubeObject {
  const omitted = OMITTED_AT_ZERO[obj.kind ?? ''];
  const status = (obj as { status?: Record<string, unknown> }).status;
  if (!omitted || !status || !omitted.some((field) => status[field] === 0)) return obj;
  const served = { ...status };
  for (const field of omitted) if (served[field] === 0) delete served[field];
  return { ...obj, status: served } as KubeObject;
}

/** Field order kubectl's JSON encoder produces for the top level of an object. */
function ordered(obj: KubeObject): Record<string, unknown> {
  const src = asServed(obj) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of ['apiVersion', 'kind', 'metadata']) if (key in src) out[key] = src[key];
  for (const key of Object.keys(src)) if (!(key in out)) out[key] = src[key];
  return out;
}

/** A List wrapper, as `kubectl get -o yaml|json` prints several objects. */
export function asList(items: KubeObject[]): Record<string, unknown> {
  return { apiVersion: 'v1', items: items.map(ordered), kind: 'List', metadata: { resourceVersion: '' } };
}

/**
 * YAML as sigs.k8s.io/yaml writes it: keys sorted, sequences not indented, YAML 1.1 quoting, and
 * an object reached twice (one labels map as labels and selector) written out in full each time,
 * never as an `&a1` anchor and `*a1` alias.
 */
export function toYaml(value: unknown): string {
  return stringify(value, { version: '1.1', indentSeq: false, sortMapEntries: true, lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false });
}

/**
 * JSON as kubectl prints it: four-space indent and a trailing newline. What kubectl read from the
 * API server (get, apply, patch, ...) it holds as unstructured maps, which Go's encoder writes with
 * keys sorted at every level; an object a generator built (run, expose, create deployment) is a
 * typed struct, written in field order: `keys: 'as-built'` keeps the order the object has.
 */
export const toJson = (value: unknown, keys: JsonKeys = 'sorted'): string => `${JSON.stringify(keys === 'sorted' ? sortedKeys(value) : value, null, 4)}\n`;

export type JsonKeys = 'sorted' | 'as-built';

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortedKeys((value as Record<string, unknown>)[key]);
  return out;
}

/** `deployment.apps/web`. */
export function nameOf(obj: KubeObject): string {
  const type = resourceForKind(obj.kind ?? '');
  const prefix = type ? kindString(type) : (obj.kind ?? '').toLowerCase();
  return `${prefix}/${obj.metadata?.name ?? ''}`;
}

/**
 * Print objects in a non-table format. `single` means one object was asked for by name, which
 * prints bare rather than inside a List.
 */
export function printObjects(format: Exclude<OutputFormat, { kind: 'table' }>, items: KubeObject[], single: boolean, keys: JsonKeys = 'sorted'): string {
  return printData(format, single && items.length === 1 ? ordered(items[0]!) : asList(items), items, keys);
}

/**
 * A list of a kind of its own, as commands that print their typed list write it (`kubectl
 * events` prints the EventList it built, whose list metadata is empty).
 */
export function typedList(kind: string, items: KubeObject[]): Record<string, unknown> {
  return { apiVersion: 'v1', items: items.map(ordered), kind, metadata: {} };
}

/** Print `data`, one object or a list of `items`, in a non-table format. */
export function printData(format: Exclude<OutputFormat, { kind: 'table' }>, data: Record<string, unknown>, items: KubeObject[], keys: JsonKeys = 'sorted'): string {
  switch (format.kind) {
    case 'yaml':
      return toYaml(data);
    case 'json':
      return toJson(data, keys);
    case 'name':
      return items.map((o) => `${nameOf(o)}\n`).join('');
    case 'jsonpath':
      try {
        if (format.asJson) return templateResults(format.template, data).map((results) => toJson(results)).join('');
        return executeTemplate(format.template, data);
      } catch (e) {
        if (e instanceof JsonPathError) throw usageError(`error parsing jsonpath ${format.template}, ${e.message}`);
        if (e instanceof JsonPathRangeError) throw jsonPathExecutionError(format.template, e.message, data);
        throw e;
      }
    case 'go-template':
      return programs().goTemplate(format.template, data);
    case 'custom-columns':
      return customColumns(format, items);
  }
}

/** JSONPathPrinter's failure: the message, then the template and the object it was given (Go's %#v), then CheckErr's newline. */
function jsonPathExecutionError(template: string, message: string, data: unknown): Error {
  return usageError(
    `error executing jsonpath ${JSON.stringify(template)}: Error executing template: ${message}. Printing more information for debugging the template:\n` +
      `\ttemplate was:\n\t\t${template}\n\tobject given to jsonpath engine was:\n\t\t${programs().goSyntax(data)}\n\n\n`,
  );
}

/** `-o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[*].image`. */
function customColumns({ spec, noHeaders }: { spec: string; noHeaders?: boolean }, items: KubeObject[]): string {
  const columns = spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) throw usageError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, colon), path: relaxedPath(part.slice(colon + 1)) };
  });
  // The custom-columns printer writes through kubectl's usual tabwriter (printers.GetNewTabWriter).
  const writer = newGetTabWriter();
  if (!noHeaders) writer.write(`${columns.map((c) => c.header).join('\t')}\n`);
  for (const obj of items) {
    const cells = columns.map((c) => {
      const values = evaluatePath(c.path, obj);
      return values.length === 0 ? '<none>' : values.map(programs().goSprintUnstructured).join(',');
    });
    writer.write(`${cells.join('\t')}\n`);
  }
  writer.flush();
  return writer.toString();
}
