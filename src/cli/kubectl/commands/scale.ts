/** `kubectl scale deployment web --replicas=3`: writes spec.replicas; `deployment.apps/web scaled`. */
import type { KubeObject } from '../../../engine/api/objects';
import { clone } from '../../../engine/api/objects';
import { forEachReporting, guarded, requireFlags, type KubectlContext, type Verb } from '../context';
import { usageError } from '../errors';
import { requireNames, resolveTargets } from '../query';
import { updateEdited, DRY_RUN_FLAG } from '../mutation';
import { RECORD_FLAG, recordChangeCause } from '../record';

const SCALABLE = new Set(['deployments', 'replicasets']);

function run(ctx: KubectlContext): void {
  requireFlags(ctx, 'replicas');
  const replicas = ctx.flags.int('replicas');
  if (replicas === undefined || replicas < 0) throw usageError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  const { found, requests } = resolveTargets(ctx, ctx.flags.args);
  if (requests.length === 0 && ctx.flags.array('filename').length === 0) throw usageError('required resource not specified');
  requireNames(ctx, requests);
  if (found.length === 0 && ctx.exitCode === 0) throw usageError('no objects passed to scale');
  const current = ctx.flags.int('current-replicas') ?? -1;
  forEachReporting(ctx, found, (f) => {
    if (!SCALABLE.has(f.type.resource)) throw usageError(`cannot scale ${f.type.resource}`);
    const obj = clone(f.object) as { spec: { replicas?: number } };
    if (current >= 0 && (obj.spec.replicas ?? 1) !== current) {
      throw usageError(`Expected replicas to be ${current}, was ${obj.spec.replicas ?? 1}`);
    }
    obj.spec.replicas = replicas;
    recordChangeCause(ctx, obj as KubeObject);
    updateEdited(ctx, f.type, obj as KubeObject, 'scaled');
  });
}

export const scale: Verb = {
  name: 'scale',
  short: 'Set a new size for a deployment, replica set, or replication controller',
  flags: [
    RECORD_FLAG,
    { name: 'replicas', type: 'int' },
    { name: 'current-replicas', type: 'int' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'filename', short: 'f', type: 'array' },
    { name: 'timeout', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
    DRY_RUN_FLAG,
  ],
  run: guarded(run),
};
