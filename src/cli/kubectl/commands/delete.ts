/**
 * `kubectl delete`: by name, `-l`, `--all` or `-f`; `--grace-period`, `--force`, `--cascade`;
 * and `--wait` (default true), which lets virtual time pass until every deleted object is gone.
 *
 * Output: kubectl 1.34 (kubernetes/kubernetes#126619, in kubectl v0.34.0) appends
 * ` from <ns> namespace` for namespaced objects; older clusters print `pod "web" deleted`.
 */
import { atLeast } from '../../../engine/version';
import { forEachReporting, guarded, type KubectlContext, type Verb } from '../context';
import { FILES_AND_ARGS, usageError } from '../errors';
import { dryRunFlag, DRY_RUN_FLAG } from '../mutation';
import { findFromFiles, findObjects, requireNames, type Found } from '../query';
import { kindString, parseResourceArgs, qualified } from '../resource-args';
import { MAX_WAIT_MS, timeoutMs, waitUntil } from '../wait-loop';
import { withSource } from './apply';
import { warnDeprecated } from '../warnings';

const NO_ARGS = `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

const FORCE_WARNING = 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n';

/** The grace period kubectl sends, after its flag rules (0 without --force means 1). */
function gracePeriod(ctx: KubectlContext): number {
  let grace = ctx.flags.int('grace-period') ?? -1;
  const force = ctx.flags.bool('force');
  if (ctx.flags.bool('now')) grace = 1;
  if (grace === 0 && !force) grace = 1;
  if (force && grace < 0) grace = 0;
  if (force && grace > 0) throw usageError('--force and --grace-period greater than 0 cannot be specified together');
  return grace;
}

function targets(ctx: KubectlContext): Found[] {
  if (ctx.flags.array('filename').length > 0) {
    if (ctx.flags.args.length > 0) throw usageError(FILES_AND_ARGS);
    return findFromFiles(ctx);
  }
  const requests = parseResourceArgs(ctx.flags.args);
  warnDeprecated(ctx, requests.map((r) => r.type));
  if (requests.length === 0) throw usageError(NO_ARGS);
  requireNames(ctx, requests);
  return findObjects(ctx, requests, ctx.flags.bool('ignore-not-found'));
}

function deletedLine(ctx: KubectlContext, f: Found, grace: number, dryRun: string): string {
  const name = f.object.metadata?.name ?? '';
  if (ctx.flags.string('output') === 'name') return `${kindString(f.type)}/${name}\n`;
  let operation = grace === 0 ? 'force deleted' : 'deleted';
  if (f.type.namespaced && atLeast(ctx.cluster.cp.version, 34)) operation += ` from ${f.object.metadata?.namespace} namespace`;
  if (dryRun === 'client') operation += ' (dry run)';
  if (dryRun === 'server') operation += ' (server dry run)';
  return `${kindString(f.type)} "${name}" ${operation}\n`;
}

function isGone(ctx: KubectlContext, f: Found): boolean {
  const live = ctx.cluster.api.tryGet(f.type.resource, f.object.metadata?.namespace, f.object.metadata?.name ?? '');
  return !live || live.metadata?.uid !== f.object.metadata?.uid;
}

function run(ctx: KubectlContext): void {
  const grace = gracePeriod(ctx);
  if (grace === 0 && ctx.flags.bool('force')) ctx.err.push(FORCE_WARNING);
  const dryRun = dryRunFlag(ctx);
  const cascade = ctx.flags.string('cascade') ?? 'background';
  const policy = ({ background: 'Background', foreground: 'Foreground', orphan: 'Orphan', true: 'Background', false: 'Orphan' } as const)[cascade];
  if (!policy) throw usageError(`invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan"`);
  const found = targets(ctx);
  const deleted: Found[] = [];
  forEachReporting(ctx, found, (f) => {
    if (dryRun === 'none') {
      try {
        ctx.cluster.api.delete(f.type.resource, f.object.metadata?.namespace, f.object.metadata?.name ?? '', { gracePeriodSeconds: grace >= 0 ? grace : undefined, propagationPolicy: policy });
      } catch (e) {
        throw withSource(e, 'deleting', '');
      }
    }
    ctx.out.push(deletedLine(ctx, f, grace, dryRun));
    deleted.push(f);
  });
  if (found.length === 0 && ctx.exitCode === 0) ctx.out.push('No resources found\n');
  if (dryRun !== 'none' || !ctx.flags.bool('wait', true) || deleted.length === 0) return;
  const timeoutText = ctx.flags.string('timeout');
  const timeout = timeoutText && timeoutText !== '0s' && timeoutText !== '0' ? timeoutMs(timeoutText) : MAX_WAIT_MS;
  waitUntil(ctx.host, timeout, () => deleted.every((f) => isGone(ctx, f)));
  const left = deleted.find((f) => !isGone(ctx, f));
  if (left) throw usageError(`timed out waiting for the condition on ${qualified(left.type)}/${left.object.metadata?.name}`);
}

export const deleteVerb: Verb = {
  name: 'delete',
  short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  flags: [
    { name: 'filename', short: 'f', type: 'array' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'field-selector', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'grace-period', type: 'int' },
    { name: 'force', type: 'bool' },
    { name: 'now', type: 'bool' },
    { name: 'wait', type: 'bool' },
    { name: 'timeout', type: 'string' },
    { name: 'cascade', type: 'string' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    DRY_RUN_FLAG,
    { name: 'recursive', short: 'R', type: 'bool' },
  ],
  run: guarded(run),
};
