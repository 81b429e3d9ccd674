/**
 * `kubectl apply -f`: create what is missing, three-way merge what exists (see apply-merge.ts),
 * and record the `kubectl.kubernetes.io/last-applied-configuration` annotation.
 */
import { ApiError } from '../../../engine/api/errors';
import { clone, type KubeObject } from '../../../engine/api/objects';
import { lastAppliedValue, LAST_APPLIED, threeWayMerge } from '../apply-merge';
import { forEachReporting, guarded, type KubectlContext, type Verb } from '../context';
import { apiErrorText, KubectlError, unexpectedArgs, usageError } from '../errors';
import { readManifests, type ManifestObject } from '../manifests';
import { dryRunFlag, manifestNamespace, MUTATION_FLAGS, printResult, validateFields, type DryRun } from '../mutation';
import { RECORD_FLAG, recordChangeCause } from '../record';

/** Wrap a server error with the file it came from, as AddSourceToErr does. */
export function withSource(err: unknown, verb: string, source: string): unknown {
  return err instanceof ApiError && source !== '' ? new KubectlError(apiErrorText(err, { verb, file: source })) : err;
}

function desiredObject(ctx: KubectlContext, m: ManifestObject): KubeObject {
  const obj = clone(m.object) as KubeObject & { metadata: NonNullable<KubeObject['metadata']> };
  obj.metadata ??= {};
  const ns = manifestNamespace(ctx, m.type, m.object);
  if (ns !== undefined) obj.metadata.namespace = ns;
  obj.metadata.annotations = { ...obj.metadata.annotations, [LAST_APPLIED]: lastAppliedValue(obj) };
  return obj;
}

function missingAnnotationWarning(ctx: KubectlContext, m: ManifestObject): void {
  ctx.err.push(
    `Warning: resource ${m.type.resource}/${m.object.metadata?.name ?? ''} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
  );
}

function applyOne(ctx: KubectlContext, m: ManifestObject, dryRun: DryRun): void {
  const api = ctx.cluster.api;
  const desired = desiredObject(ctx, m);
  const name = desired.metadata?.name ?? '';
  if (!name) throw usageError(`error when retrieving current configuration of:\nResource: "${m.type.group ? `${m.type.group}/` : ''}${m.type.version}, Resource=${m.type.resource}", GroupVersionKind: "${m.type.group ? `${m.type.group}/` : ''}${m.type.version}, Kind=${m.type.kind}"\nName: "", Namespace: "${desired.metadata?.namespace ?? ''}"\nfrom server for: "${m.source}": resource name may not be empty`);
  const live = api.tryGet<KubeObject>(m.type.resource, desired.metadata?.namespace, name);
  if (dryRun === 'none') wrap(() => validateFields(ctx, m.type, m.object), live ? 'applying patch' : 'creating', m.source);
  if (!live) {
    recordChangeCause(ctx, desired);
    const created = dryRun === 'none' ? wrap(() => api.create(m.type.resource, desired), 'creating', m.source) : desired;
    printResult(ctx, m.type, created, 'created', dryRun);
    return;
  }
  const annotation = live.metadata?.annotations?.[LAST_APPLIED];
  if (annotation === undefined) missingAnnotationWarning(ctx, m);
  const last: unknown = annotation ? JSON.parse(annotation) : undefined;
  const merged = threeWayMerge(last, live, desired) as KubeObject;
  recordChangeCause(ctx, merged);
  if (dryRun !== 'none') {
    printResult(ctx, m.type, merged, 'configured', dryRun);
    return;
  }
  const updated = wrap(() => ctx.cluster.api.update(m.type.resource, merged), 'applying patch', m.source);
  const same = updated.metadata?.resourceVersion === live.metadata?.resourceVersion;
  printResult(ctx, m.type, updated, same ? 'unchanged' : 'configured', dryRun);
}

function wrap<T>(fn: () => T, verb: string, source: string): T {
  try {
    return fn();
  } catch (e) {
    throw withSource(e, verb, source);
  }
}

function run(ctx: KubectlContext): void {
  // `kubectl apply -f *.yaml` hands the second file over as an argument.
  if (ctx.flags.args.length > 0) throw unexpectedArgs(ctx.flags.args, 'apply');
  const files = ctx.flags.array('filename');
  if (files.length === 0) throw usageError('must specify one of -f and -k');
  const dryRun = dryRunFlag(ctx);
  const manifests = readManifests(files, ctx.host, ctx.stdin);
  if (manifests.length === 0) throw usageError('no objects passed to apply');
  forEachReporting(ctx, manifests, (m) => applyOne(ctx, m, dryRun));
}

export const apply: Verb = {
  name: 'apply',
  short: 'Apply a configuration to a resource by file name or stdin',
  flags: [...MUTATION_FLAGS, RECORD_FLAG, { name: 'filename', short: 'f', type: 'array' }, { name: 'recursive', short: 'R', type: 'bool' }, { name: 'server-side', type: 'bool' }, { name: 'force', type: 'bool' }, { name: 'prune', type: 'bool' }, { name: 'selector', short: 'l', type: 'string' }],
  run: guarded(run),
};
