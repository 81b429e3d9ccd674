/**
 * `kubectl get`: tables per kind (via the printers package), `-o yaml|json|name|jsonpath|
 * custom-columns`, `-l`, `--field-selector`, `-A`, `--show-labels`, `-L`, `--sort-by`, `-w`.
 */
import type { KubeObject } from '../../../engine/api/objects';
import type { ResourceType } from '../../../engine/api/resources';
import { guarded, wallNow, type KubectlContext, type Verb } from '../context';
import { KubectlError, usageError } from '../errors';
import { evaluatePath, formatValue, relaxedExpression, relaxedPath } from '../jsonpath';
import { parseOutput, printObjects, type OutputFormat } from '../output';
import { kindPrinters, printGet, type KindObjects } from '../printers';
import { findFromFiles, findObjects, watchFilter, type Found } from '../query';
import { parseResourceArgs } from '../resource-args';
import { watch } from './get-watch';
import { warnDeprecated } from '../warnings';

const REQUIRED = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples
`;

/**
 * Sort found objects by a JSONPath (`--sort-by=.metadata.name`), numbers numerically. A path no
 * object has is an error, as kubectl's sorter reports it: for a table (the API server's rows) as
 * soon as there is one, for other output only when there are two objects to order.
 */
function sortBy(found: Found[], expr: string, table: boolean): Found[] {
  const path = relaxedPath(expr);
  if (found.length > (table ? 0 : 1) && found.every((f) => evaluatePath(path, f.object).length === 0)) {
    throw usageError(`couldn't find any field with path "${relaxedExpression(expr)}" in the list of objects`);
  }
  // A null (an Event's unset eventTime or lastTimestamp) sorts first, as a missing value does.
  const key = (f: Found) => evaluatePath(path, f.object)[0] ?? undefined;
  return [...found].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x === undefined || y === undefined) return x === undefined ? (y === undefined ? 0 : -1) : 1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    const sx = formatValue(x);
    const sy = formatValue(y);
    return sx < sy ? -1 : sx > sy ? 1 : 0;
  });
}

/** Consecutive objects of one kind form one table group. */
function groups(found: Found[]): KindObjects[] {
  const out: { kind: string; items: KubeObject[] }[] = [];
  for (const f of found) {
    const last = out[out.length - 1];
    if (last && last.kind === f.type.kind) last.items.push(f.object);
    else out.push({ kind: f.type.kind, items: [f.object] });
  }
  for (const g of out) {
    if (!(g.kind in kindPrinters)) throw usageError(`the simulator cannot print a table of ${g.kind}; use -o yaml`);
  }
  return out as unknown as KindObjects[];
}

function printTableOutput(ctx: KubectlContext, found: Found[], format: Extract<OutputFormat, { kind: 'table' }>, requested: ResourceType[], hadErrors: boolean): void {
  const kinds = new Set(requested.map((t) => t.kind)).size;
  const list = groups(found);
  // kubectl decides on "No resources found" from the requested types, even when they returned nothing.
  const empty = list.length === 0;
  const result = printGet(list, {
    wide: format.wide,
    showLabels: ctx.flags.bool('show-labels'),
    labelColumns: ctx.flags.array('label-columns'),
    withNamespace: ctx.flags.bool('all-namespaces'),
    noHeaders: ctx.flags.bool('no-headers'),
    withKind: kinds > 1 || ctx.flags.bool('show-kind'),
    namespace: ctx.namespace,
  }, wallNow(ctx));
  ctx.out.push(result.stdout);
  if (empty && !hadErrors && !ctx.flags.bool('ignore-not-found')) {
    const clusterWide = ctx.flags.bool('all-namespaces') || requested.some((t) => !t.namespaced);
    ctx.err.push(clusterWide ? 'No resources found\n' : `No resources found in ${ctx.namespace} namespace.\n`);
  }
}

function run(ctx: KubectlContext): void {
  const format = parseOutput(ctx.flags.string('output'), ctx.flags.bool('no-headers'), ctx.flags.string('template'), (path) => (ctx.host.fs.isDir(path) ? undefined : ctx.host.fs.read(path)));
  const files = ctx.flags.array('filename');
  if (ctx.flags.args.length === 0 && files.length === 0) throw new KubectlError(REQUIRED);
  const requests = files.length > 0 ? [] : parseResourceArgs(ctx.flags.args);
  warnDeprecated(ctx, requests.map((r) => r.type));
  const byName = requests.some((r) => r.names.length > 0) || files.length > 0;
  if (byName && ctx.flags.has('selector')) throw usageError('name cannot be provided when a selector is specified');
  const errorsBefore = ctx.exitCode;
  let found = files.length > 0 ? findFromFiles(ctx) : findObjects(ctx, requests);
  if (ctx.flags.bool('ignore-not-found')) ctx.exitCode = errorsBefore;
  const sort = ctx.flags.string('sort-by');
  if (sort) found = sortBy(found, sort, format.kind === 'table');
  if (ctx.flags.bool('watch') || ctx.flags.bool('watch-only')) {
    const types = new Set(requests.map((r) => r.type.resource));
    if (types.size !== 1) throw usageError('watch is only supported on individual resources and resource collections - more than 1 resource was found');
    const request = requests[0]!;
    watch(ctx, request.type, found, watchFilter(ctx, request.names), format);
    return;
  }
  if (format.kind === 'table') {
    printTableOutput(ctx, found, format, requests.length > 0 ? requests.map((r) => r.type) : found.map((f) => f.type), ctx.exitCode !== 0);
    return;
  }
  const single = requests.length === 1 && requests[0]!.names.length === 1;
  if (single && found.length === 0) return;
  ctx.out.push(printObjects(format, found.map((f) => f.object), single || (files.length > 0 && found.length === 1)));
}

export const get: Verb = {
  name: 'get',
  short: 'Display one or many resources',
  flags: [
    { name: 'output', short: 'o', type: 'string' },
    { name: 'template', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'field-selector', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'watch-only', type: 'bool' },
    { name: 'show-labels', type: 'bool' },
    { name: 'show-kind', type: 'bool' },
    { name: 'sort-by', type: 'string' },
    { name: 'no-headers', type: 'bool' },
    { name: 'filename', short: 'f', type: 'array' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'chunk-size', type: 'int' },
    { name: 'label-columns', short: 'L', type: 'array' },
  ],
  run: guarded(run),
};
