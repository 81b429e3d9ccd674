/**
 * `kubectl set image TYPE/NAME container=image ...` (and `*=image`) on pods and workloads:
 * `deployment.apps/web image updated`; `kubectl set env` lives in set-env.ts. Other `set`
 * subcommands (resources, selector, serviceaccount, subject) are not simulated.
 */
import { clone, type KubeObject } from '../../../engine/api/objects';
import { forEachReporting, guarded, type KubectlContext, type Verb } from '../context';
import { usageError } from '../errors';
import { unknownSubcommand } from '../real-commands';
import { podSpecOf } from '../pod-template';
import { resolveTargets } from '../query';
import { typedName } from '../resource-args';
import { updateEdited, DRY_RUN_FLAG } from '../mutation';
import { setEnv } from './set-env';
import { groupRunAlone } from '../command-groups';
import { RECORD_FLAG, recordChangeCause } from '../record';

function parseImages(specs: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    out.set(spec.slice(0, eq), spec.slice(eq + 1));
  }
  if (out.has('*') && out.size > 1) throw usageError('all containers are already specified by *, but saw more than one container_name=container_image pairs');
  return out;
}

function setImage(ctx: KubectlContext): void {
  const args = ctx.flags.args.slice(1);
  const pairStart = args.findIndex((a) => a.includes('='));
  const resources = pairStart < 0 ? args : args.slice(0, pairStart);
  const images = parseImages(pairStart < 0 ? [] : args.slice(pairStart));
  if (resources.length === 0 && ctx.flags.array('filename').length === 0) throw usageError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (images.size === 0) throw usageError('at least one image update is required');
  const { found } = resolveTargets(ctx, resources);
  forEachReporting(ctx, found, (f) => {
    const obj: KubeObject = clone(f.object);
    const spec = podSpecOf(obj);
    if (!spec) throw usageError(`${typedName(f.type, obj.metadata?.name ?? '')} has no pod template`);
    const all = [...(spec.initContainers ?? []), ...spec.containers];
    for (const [name, image] of images) {
      const targets = name === '*' ? all : all.filter((c) => c.name === name);
      if (targets.length === 0) throw usageError(`unable to find container named "${name}"`);
      for (const c of targets) (c as { image?: string }).image = image;
    }
    recordChangeCause(ctx, obj);
    updateEdited(ctx, f.type, obj, 'image updated');
  });
}

function run(ctx: KubectlContext): void {
  const [sub] = ctx.flags.args;
  if (sub === 'image') return setImage(ctx);
  if (sub === 'env') return setEnv(ctx);
  if (sub === undefined) return groupRunAlone(ctx, 'set');
  throw unknownSubcommand('set', ctx.flags.args);
}

export const set: Verb = {
  name: 'set',
  short: 'Set specific features on objects',
  flags: [
    RECORD_FLAG,
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'filename', short: 'f', type: 'array' },
    { name: 'output', short: 'o', type: 'string' },
    DRY_RUN_FLAG,
    { name: 'local', type: 'bool' },
    { name: 'containers', short: 'c', type: 'string' },
    { name: 'env', short: 'e', type: 'array' },
    { name: 'list', type: 'bool' },
  ],
  subcommands: ['env', 'image'],
  notForSubcommands: { env: ['record'] },
  run: guarded(run),
};
