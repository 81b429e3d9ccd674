/**
 * `--record`: deprecated since 1.22 but still accepted by the commands that took it (set image,
 * scale, apply, create -f, annotate, label, patch, run, expose), and still in the tutorials that
 * fill `kubectl rollout history`'s CHANGE-CAUSE column. kubectl's ChangeCauseRecorder writes the
 * command line into the kubernetes.io/change-cause annotation of each object it changes.
 */
import type { KubeObject } from '../../engine/api/objects';
import type { KubectlContext } from './context';
import type { FlagSpec } from './flags';

export const CHANGE_CAUSE = 'kubernetes.io/change-cause';

export const RECORD_FLAG: FlagSpec = { name: 'record', type: 'bool', deprecated: '--record will be removed in the future' };

/**
 * The command line as parseCommandArguments rebuilds it: `kubectl`, the arguments, then every
 * flag as `--name=value` (`kubectl set image deploy/web nginx=nginx:1.28 --record=true`).
 */
export function changeCause(ctx: KubectlContext): string {
  const verb = ctx.verb.split(' ')[0]!;
  const args = [verb, ...ctx.flags.args].join(' ');
  const flags = ctx.flags.parsed.given.map(([name, value]) => ` --${name}=${value}`).join('');
  return `kubectl ${args}${flags}`;
}

/** With --record, stamp the change-cause on an object about to be written (in place). */
export function recordChangeCause(ctx: KubectlContext, obj: KubeObject): void {
  if (!ctx.flags.bool('record')) return;
  const meta = (obj.metadata ??= {});
  meta.annotations = { ...meta.annotations, [CHANGE_CAUSE]: changeCause(ctx) };
}
