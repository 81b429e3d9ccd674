/**
 * `kubectl rollout status|history|undo|restart|pause|resume` for Deployments.
 */
import { DRY_RUN_FLAG } from '../mutation';
import type { Deployment } from 'kubernetes-types/apps/v1';
import { clone } from '../../../engine/api/objects';
import { forEachReporting, guarded, rfc3339Now, type KubectlContext, type Verb } from '../context';
import { usageError } from '../errors';
import { resolveTargets, type Found } from '../query';
import { unknownSubcommand } from '../real-commands';
import { typedName } from '../resource-args';
import { rolloutHistory, rolloutUndo } from './rollout-history';
import { rolloutStatus } from './rollout-status';
import { groupRunAlone } from '../command-groups';

/** restart: stamp the template so the controller rolls every pod (objectrestarter.go). */
function restart(ctx: KubectlContext, f: Found): void {
  const d = clone(f.object as Deployment);
  if (f.type.kind !== 'Deployment') throw usageError(`${typedName(f.type, d.metadata?.name ?? '')} restarting is not supported`);
  if (d.spec?.paused) throw usageError("can't restart paused deployment (run rollout resume first)");
  const meta = (d.spec!.template.metadata ??= {});
  meta.annotations = { ...meta.annotations, 'kubectl.kubernetes.io/restartedAt': rfc3339Now(ctx) };
  ctx.cluster.api.update('deployments', d);
  ctx.out.push(`${typedName(f.type, d.metadata?.name ?? '')} restarted\n`);
}

function setPaused(ctx: KubectlContext, f: Found, paused: boolean): void {
  const d = clone(f.object as Deployment);
  const name = typedName(f.type, d.metadata?.name ?? '');
  if (f.type.kind !== 'Deployment') throw usageError(`${name} ${paused ? 'pausing' : 'resuming'} is not supported`);
  if (Boolean(d.spec?.paused) === paused) {
    ctx.out.push(`${name} ${paused ? 'already paused' : 'already resumed'}\n`);
    return;
  }
  d.spec!.paused = paused || undefined;
  ctx.cluster.api.update('deployments', d);
  ctx.out.push(`${name} ${paused ? 'paused' : 'resumed'}\n`);
}

const SUBCOMMANDS: Record<string, (ctx: KubectlContext, f: Found) => void> = {
  status: rolloutStatus,
  history: rolloutHistory,
  undo: rolloutUndo,
  restart,
  pause: (ctx, f) => setPaused(ctx, f, true),
  resume: (ctx, f) => setPaused(ctx, f, false),
};

function run(ctx: KubectlContext): void {
  const [sub, ...args] = ctx.flags.args;
  if (sub === undefined) return groupRunAlone(ctx, 'rollout');
  const action = SUBCOMMANDS[sub];
  if (!action) throw unknownSubcommand('rollout', ctx.flags.args);
  if (args.length === 0 && ctx.flags.array('filename').length === 0) throw usageError('required resource not specified');
  const { found } = resolveTargets(ctx, args);
  forEachReporting(ctx, found, (f) => action(ctx, f));
}

export const rollout: Verb = {
  name: 'rollout',
  short: 'Manage the rollout of a resource',
  flags: [
    { name: 'timeout', type: 'string' },
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'revision', type: 'int' },
    { name: 'to-revision', type: 'int' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'filename', short: 'f', type: 'array' },
    { name: 'output', short: 'o', type: 'string' },
    DRY_RUN_FLAG,
  ],
  subcommands: Object.keys(SUBCOMMANDS),
  // Only undo takes --dry-run and --to-revision; cobra knows neither on the others.
  notForSubcommands: Object.fromEntries(['status', 'history', 'restart', 'pause', 'resume'].map((sub) => [sub, ['dry-run', 'to-revision']])),
  run: guarded(run),
};
