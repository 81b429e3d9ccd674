/**
 * `kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json] [--subresource status]`: apply a
 * patch (JSON or YAML, inline or --patch-file) to live objects, validated like any update, and say
 * `deployment.apps/web patched`, or `patched (no change)` when the object came out the same.
 */
import { parse, YAMLError } from 'yaml';
import { goYamlError } from '../manifests';
import { clone, type KubeObject } from '../../../engine/api/objects';
import { canonicalJson } from '../../../engine/sim/hash';
import { forEachReporting, guarded, type KubectlContext, type Verb } from '../context';
import { KubectlError, usageError } from '../errors';
import { jsonPatch, mergePatch, PatchError, strategicMerge } from '../patches';
import { dryRunFlag, MUTATION_FLAGS, printResult, validateFields } from '../mutation';
import { requireNames, resolveTargets } from '../query';
import { RECORD_FLAG, recordChangeCause } from '../record';

const APPLY: Record<string, (target: unknown, patch: unknown) => unknown> = { strategic: strategicMerge, merge: mergePatch, json: jsonPatch };

function readPatch(ctx: KubectlContext): unknown {
  const file = ctx.flags.string('patch-file');
  const text = ctx.flags.string('patch') ?? (file === undefined ? undefined : ctx.host.fs.read(file));
  if (file !== undefined && text === undefined) throw new KubectlError(`error: open ${file}: no such file or directory`);
  if (text === undefined) throw usageError('must specify --patch or --patch-file containing the contents of the patch');
  try {
    return parse(text) as unknown;
  } catch (e) {
    // yaml.ToJSON's error, quoted with %q as patch.go does.
    if (e instanceof YAMLError) throw new KubectlError(`error: unable to parse ${JSON.stringify(text)}: ${goYamlError(text, e)}`);
    throw e;
  }
}

function run(ctx: KubectlContext): void {
  const type = ctx.flags.string('type') ?? 'strategic';
  const apply = APPLY[type];
  if (!apply) throw usageError(`--type must be one of [json merge strategic], not "${type}"`);
  const patch = readPatch(ctx);
  const subresource = ctx.flags.string('subresource');
  if (subresource !== undefined && subresource !== 'status') throw usageError(`invalid subresource value: "${subresource}". Must be one of [status]`);
  const { found, requests } = resolveTargets(ctx, ctx.flags.args);
  if (requests.length === 0 && ctx.flags.array('filename').length === 0) throw usageError('You must provide one or more resources by argument or filename.');
  requireNames(ctx, requests);
  forEachReporting(ctx, found, (f) => {
    let patched: KubeObject;
    try {
      patched = apply(clone(f.object), patch) as KubeObject;
    } catch (e) {
      if (e instanceof PatchError) throw new KubectlError(`Error from server: ${type === 'json' ? 'jsonpatch ' : ''}${e.message}`);
      throw e;
    }
    // The live object's identity stays; a patch cannot rename or move it.
    patched.metadata = { ...patched.metadata, name: f.object.metadata?.name, ...(f.object.metadata?.namespace ? { namespace: f.object.metadata.namespace } : {}) };
    validateFields(ctx, f.type, patched);
    if (subresource !== 'status') recordChangeCause(ctx, patched);
    const dryRun = dryRunFlag(ctx);
    if (dryRun !== 'none') return printResult(ctx, f.type, patched, 'patched', dryRun);
    const written = subresource === 'status' ? ctx.cluster.api.updateStatus(f.type.resource, patched, 'kubectl') : ctx.cluster.api.update(f.type.resource, patched);
    const unchanged = canonicalJson(written) === canonicalJson(f.object);
    printResult(ctx, f.type, written, unchanged ? 'patched (no change)' : 'patched', dryRun);
  });
}

export const patch: Verb = {
  name: 'patch',
  short: 'Update fields of a resource',
  flags: [
    RECORD_FLAG,
    { name: 'patch', short: 'p', type: 'string' },
    { name: 'patch-file', type: 'string' },
    { name: 'type', type: 'string' },
    { name: 'subresource', type: 'string' },
    { name: 'filename', short: 'f', type: 'array' },
    ...MUTATION_FLAGS,
  ],
  run: guarded(run),
};
