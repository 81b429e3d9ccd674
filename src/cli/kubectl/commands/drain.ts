/**
 * `kubectl drain NODE`: cordon, then evict (or with --disable-eviction delete) every pod the
 * filters allow, waiting in virtual time for each to go, as kubectl/pkg/cmd/drain does. Output
 * goes to the same streams as kubectl's: progress on stdout, warnings, retries and errors on stderr.
 */
import type { Node } from 'kubernetes-types/core/v1';
import { parseSelector, SelectorParseError, type Selector } from '../../../engine/api/labels';
import { wallNow, type KubectlContext } from '../context';
import { usageError } from '../errors';
import { dryRunFlag } from '../mutation';
import { MAX_WAIT_MS, timeoutMs } from '../wait-loop';
import { cordonNode, targetNodes } from './cordon';
import { removePods } from './drain-evict';
import { podsForDeletion, type DrainOptions } from './drain-pods';

/** utilerrors.NewAggregate(...).Error(): one message as is, several as `[a, b]`. */
function aggregate(messages: string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? unique[0]! : `[${unique.join(', ')}]`;
}

function podSelector(ctx: KubectlContext): Selector | undefined {
  const text = ctx.flags.string('pod-selector');
  if (!text) return undefined;
  try {
    return parseSelector(text);
  } catch (e) {
    if (e instanceof SelectorParseError) throw usageError('--pod-selector=<pod_selector> must be a valid label selector');
    throw e;
  }
}

interface DrainRun {
  options: DrainOptions;
  dryRun: string;
  graceSeconds: number;
  timeoutMs: number;
}

/** deleteOrEvictPodsSimple: undefined when the node is drained, else the errors that stopped it. */
function drainNode(ctx: KubectlContext, node: string, r: DrainRun): string[] | undefined {
  const list = podsForDeletion(ctx.cluster, node, r.options);
  if (list.errors.length > 0) return list.errors;
  if (list.warnings) ctx.err.push(`Warning: ${list.warnings}\n`);
  if (r.dryRun === 'client') {
    for (const pod of list.pods) ctx.out.push(`evicting pod ${pod.metadata?.namespace}/${pod.metadata?.name} (dry run)\n`);
    return undefined;
  }
  const errors = removePods(ctx, list.pods, { useEviction: !ctx.flags.bool('disable-eviction'), graceSeconds: r.graceSeconds, timeoutMs: r.timeoutMs, skipWaitSeconds: r.options.skipWaitSeconds, serverDryRun: r.dryRun === 'server' });
  if (errors.length === 0) return undefined;
  const pending = podsForDeletion(ctx.cluster, node, { ...r.options, nowMs: wallNow(ctx) });
  if (pending.pods.length > 0) {
    ctx.err.push(`There are pending pods in node "${node}" when an error occurred: ${aggregate(errors)}\n`);
    for (const pod of pending.pods) ctx.err.push(`pod/${pod.metadata?.name}\n`);
  }
  if (pending.errors.length > 0) ctx.err.push(`Following errors occurred while getting the list of pods to delete:\n${aggregate(pending.errors)}`);
  return errors;
}

function run(ctx: KubectlContext): void {
  const dryRun = dryRunFlag(ctx);
  const timeoutText = ctx.flags.string('timeout');
  const timeout = timeoutText === undefined ? 0 : timeoutMs(timeoutText);
  const r: DrainRun = {
    options: {
      force: ctx.flags.bool('force'),
      ignoreDaemonSets: ctx.flags.bool('ignore-daemonsets'),
      deleteEmptyDirData: ctx.flags.bool('delete-emptydir-data') || ctx.flags.bool('delete-local-data'),
      ...(podSelector(ctx) ? { podSelector: podSelector(ctx)! } : {}),
      skipWaitSeconds: ctx.flags.int('skip-wait-for-delete-timeout') ?? 0,
      nowMs: wallNow(ctx),
    },
    dryRun,
    graceSeconds: ctx.flags.int('grace-period') ?? -1,
    // 0 means "no timeout"; a learner's terminal still gets its answer after the wait cap.
    timeoutMs: timeout > 0 ? timeout : MAX_WAIT_MS,
  };
  const nodes: Node[] = targetNodes(ctx, 'drain NODE');
  for (const node of nodes) cordonNode(ctx, node, true, dryRun);
  const fatal: string[][] = [];
  const remaining: string[] = [];
  for (const node of nodes) {
    const name = node.metadata?.name ?? '';
    const errors = drainNode(ctx, name, r);
    if (!errors) {
      ctx.out.push(`node/${name} drained${dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''}\n`);
      continue;
    }
    ctx.err.push(`error: unable to drain node "${name}" due to error: ${aggregate(errors)}, continuing command...\n`);
    fatal.push(errors);
    remaining.push(name);
  }
  if (remaining.length > 0) ctx.err.push(`There are pending nodes to be drained:\n${remaining.map((n) => ` ${n}\n`).join('')}`);
  if (fatal.length === 0) return;
  // checkErr unwraps an aggregate of one and prints each error of what is left on its own line.
  const lines = fatal.length === 1 ? [...new Set(fatal[0])] : fatal.map(aggregate);
  ctx.err.push(lines.map((l) => `${l}\n`).join(''));
  ctx.exitCode = 1;
}

/** The verb's run; its name and flags are in deferred-verbs.ts, in the engine bundle. */
export const runDrain = run;

