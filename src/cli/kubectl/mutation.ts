/**
 * Shared by the verbs that write objects (apply, create, replace, run, expose, ...): namespace
 * resolution for manifests, `--dry-run`, how generators send what they build, and the
 * `type/name operation` success line (or the object, with `-o`).
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../../engine/api/objects';
import type { ResourceType } from '../../engine/api/resources';
import { atLeast } from '../../engine/version';
import { strictDecodingError, typeMismatchError, unknownFields } from '../../engine/api/validation/known-fields';
import { wallNow, type KubectlContext } from './context';
import { usageError } from './errors';
import { warnDeprecated } from './warnings';
import type { FlagSpec } from './flags';
import { parseOutput, printObjects, type JsonKeys, type OutputFormat } from './output';
import { typedName } from './resource-args';

export type DryRun = 'none' | 'client' | 'server';

/** `--dry-run[=none|client|server]`; a bare `--dry-run` is the deprecated `unchanged` (client). */
export const DRY_RUN_FLAG: FlagSpec = { name: 'dry-run', type: 'string', noOptDefault: 'unchanged' };

/** Flags every writing verb takes. */
export const MUTATION_FLAGS: FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'template', type: 'string' },
  DRY_RUN_FLAG,
  { name: 'field-manager', type: 'string' },
  { name: 'validate', type: 'string' },
];

const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const GO_FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);
/** Commands whose deprecated --dry-run form was already warned about: kubectl reads the flag once. */
const warned = new WeakSet<KubectlContext>();

/**
 * GetDryRunStrategy: `--dry-run=client|server|none`, kubectl's error for anything else; a bare
 * `--dry-run` or a boolean still works, with klog's deprecation warning on stderr.
 */
export function dryRunFlag(ctx: KubectlContext): DryRun {
  const value = ctx.flags.string('dry-run');
  if (value === undefined || value === 'none') return 'none';
  if (value === 'client' || value === 'server') return value;
  const strategy = value === 'unchanged' || GO_TRUE.has(value) ? 'client' : GO_FALSE.has(value) ? 'none' : undefined;
  if (!strategy) throw usageError(`Invalid dry-run value (${value}). Must be "none", "server", or "client".`);
  if (!warned.has(ctx)) {
    warned.add(ctx);
    const message = value === 'unchanged' ? '--dry-run is deprecated and can be replaced with --dry-run=client.' : `--dry-run=${value} is deprecated (boolean value) and can be replaced with --dry-run=${strategy}.`;
    ctx.err.push(klogWarning(ctx, value === 'unchanged' ? 731 : strategy === 'client' ? 745 : 748, message));
  }
  return strategy;
}

/** The process id klog prints for kubectl: a child of the terminal's shell ($$ is 4242). */
const KUBECTL_PID = 4243;

/** A klog.Warning line from cmd/util/helpers.go: `W1124 19:58:13.000000    4243 helpers.go:731] ...`. */
function klogWarning(ctx: KubectlContext, line: number, message: string): string {
  const d = new Date(wallNow(ctx));
  const two = (n: number) => String(n).padStart(2, '0');
  const stamp = `${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${String(d.getUTCMilliseconds() * 1000).padStart(6, '0')}`;
  return `W${stamp} ${String(KUBECTL_PID).padStart(7)} helpers.go:${line}] ${message}\n`;
}

/** `--validate`: how the server treats fields the schema does not know (kubectl's default is strict). */
export function fieldValidationFlag(ctx: KubectlContext): 'strict' | 'warn' | 'ignore' {
  const value = ctx.flags.string('validate') ?? 'strict';
  if (value === 'strict' || value === 'true') return 'strict';
  if (value === 'warn') return 'warn';
  if (value === 'ignore' || value === 'false') return 'ignore';
  throw usageError(`invalid - validate option "${value}"; must be one of: strict (or true), warn, ignore (or false)`);
}

/**
 * Server-side field validation of an object kubectl sends: unknown fields are refused with the
 * API server's 400, or turned into warnings with `--validate=warn`.
 */
export function validateFields(ctx: KubectlContext, type: ResourceType, obj: KubeObject): void {
  warnDeprecated(ctx, [type]);
  // A value of the wrong JSON type fails to decode at all, whatever --validate says.
  const mistyped = typeMismatchError(type.kind, obj.apiVersion ?? '', obj);
  if (mistyped) throw mistyped;
  const mode = fieldValidationFlag(ctx);
  if (mode === 'ignore') return;
  if (mode === 'strict') {
    const err = strictDecodingError(type.kind, obj.apiVersion ?? '', obj);
    if (err) throw err;
    return;
  }
  for (const field of unknownFields(type.kind, obj)) ctx.err.push(`Warning: unknown field "${field}"\n`);
}

/**
 * The namespace an object from a manifest goes to: its own, else `-n`/default. A manifest
 * namespace that contradicts an explicit `-n` is refused, as kubectl does.
 */
export function manifestNamespace(ctx: KubectlContext, type: ResourceType, obj: KubeObject): string | undefined {
  if (!type.namespaced) return undefined;
  const own = obj.metadata?.namespace;
  if (own && ctx.explicitNamespace && own !== ctx.namespace) {
    throw usageError(`the namespace from the provided object "${own}" does not match the namespace "${ctx.namespace}". You must pass '--namespace=${own}' to perform this operation.`);
  }
  return own ?? ctx.namespace;
}

/** What a writing verb's PrintFlags accept: no table printers (`wide`, `custom-columns`). */
export const WRITE_FORMATS = 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';
const WRITE_PRINTERS = new Set(['json', 'yaml', 'name', 'jsonpath', 'jsonpath-as-json', 'go-template', 'template']);

/** `-o` of a writing verb, refused as PrintFlags.ToPrinter refuses a format it has no printer for. */
export function writeOutput(ctx: KubectlContext): OutputFormat {
  const value = ctx.flags.string('output');
  if (value && !WRITE_PRINTERS.has(value.split('=')[0]!)) {
    throw usageError(`unable to match a printer suitable for the output format "${value}", allowed formats are: ${WRITE_FORMATS}`);
  }
  return parseOutput(value, false, ctx.flags.string('template'));
}

/** Print the result of one write: `deployment.apps/web created`, or the object with `-o`. */
export function printResult(ctx: KubectlContext, type: ResourceType, obj: KubeObject, operation: string, dryRun: DryRun, keys: JsonKeys = 'sorted'): void {
  const format = writeOutput(ctx);
  if (format.kind !== 'table') {
    ctx.out.push(printObjects(format, [obj], true, keys));
    return;
  }
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  ctx.out.push(`${typedName(type, obj.metadata?.name ?? '')} ${operation}${suffix}\n`);
}

/**
 * Write a live object a verb edited (scale, label, annotate, set image/env) unless `--dry-run`,
 * then print `deployment.apps/web scaled`, with kubectl's dry-run suffix, or the object with -o.
 * A dry run sends nothing: the edited object is what would have been written.
 */
export function updateEdited(ctx: KubectlContext, type: ResourceType, obj: KubeObject, operation: string): KubeObject {
  const dryRun = dryRunFlag(ctx);
  // Most of these verbs build their printer before they write; label only after its patch.
  if (ctx.verb !== 'label') writeOutput(ctx);
  const result = dryRun === 'none' ? ctx.cluster.api.update(type.resource, obj) : obj;
  printResult(ctx, type, result, operation, dryRun);
  return result;
}

/**
 * The metadata a generator (`create deployment`, `run`, `expose`, ...) writes. kubectl names the
 * namespace only when `-n` was given (EnforceNamespace), so a dry run prints none otherwise.
 */
export function generatedMeta(ctx: KubectlContext, name: string, rest: ObjectMeta = {}): ObjectMeta {
  return { ...rest, name, ...(ctx.explicitNamespace ? { namespace: ctx.namespace } : {}) };
}

/**
 * Send what a generator built (unless `--dry-run`) and return the object to print. kubectl posts
 * it to the namespace in effect even when the object names none.
 */
export function submitGenerated(ctx: KubectlContext, type: ResourceType, obj: KubeObject, dryRun: DryRun): KubeObject {
  // Generators build their printer in Complete, before anything is sent.
  writeOutput(ctx);
  if (dryRun === 'client') return atLeast(ctx.cluster.cp.version, 34) ? obj : withNullTimestamps(obj);
  const sent = type.namespaced ? { ...obj, metadata: { ...obj.metadata, namespace: ctx.namespace } } : obj;
  return dryRun === 'none' ? ctx.cluster.api.create(type.resource, sent) : sent;
}

/**
 * A client dry run prints kubectl's typed Go object, whose zero `metav1.Time` serialised as
 * `creationTimestamp: null` in every ObjectMeta until 1.34 began to omit it (kubernetes#130989).
 */
function withNullTimestamps(obj: KubeObject): KubeObject {
  const nulled = (meta: ObjectMeta | undefined): ObjectMeta => ({ ...meta, creationTimestamp: null as unknown as string });
  const spec = (obj as { spec?: { template?: { metadata?: ObjectMeta } } }).spec;
  const template = spec?.template ? { spec: { ...spec, template: { ...spec.template, metadata: nulled(spec.template.metadata) } } } : {};
  return { ...obj, metadata: nulled(obj.metadata), ...template };
}
