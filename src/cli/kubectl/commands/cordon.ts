/**
 * `kubectl cordon` / `kubectl uncordon`: set or clear spec.unschedulable on nodes named by
 * argument or `-l`, printing `node/NAME cordoned` (or `already cordoned`), as RunCordonOrUncordon.
 */
import type { Node } from 'kubernetes-types/core/v1';
import { matches } from '../../../engine/api/labels';
import { clone } from '../../../engine/api/objects';
import { guarded, reportError, type KubectlContext, type Verb } from '../context';
import { usageError } from '../errors';
import { dryRunFlag, DRY_RUN_FLAG } from '../mutation';
import { selectorFlag } from '../query';

/** The nodes a cordon/uncordon/drain acts on: by name, or by `-l`. */
export function targetNodes(ctx: KubectlContext, use: string): Node[] {
  const names = ctx.flags.args;
  const selector = selectorFlag(ctx);
  if (names.length === 0 && !selector) throw usageError(`USAGE: ${use} [flags]\nSee 'kubectl ${ctx.verb} -h' for help and examples`);
  if (names.length > 0 && selector) throw usageError(`error: cannot specify both a node name and a --selector option\nSee 'kubectl ${ctx.verb} -h' for help and examples`);
  if (selector) return ctx.cluster.api.list<Node>('nodes').items.filter((n) => matches(selector, n.metadata?.labels));
  return names.map((name) => ctx.cluster.api.get<Node>('nodes', undefined, name));
}

/** Cordon (`desired` true) or uncordon one node; prints what changed. */
export function cordonNode(ctx: KubectlContext, node: Node, desired: boolean, dryRun: string): void {
  const name = node.metadata?.name ?? '';
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  const already = (node.spec?.unschedulable ?? false) === desired;
  if (already) {
    ctx.out.push(`node/${name} already ${desired ? 'cordoned' : 'uncordoned'}${suffix}\n`);
    return;
  }
  if (dryRun === 'none') {
    const updated = clone(node);
    updated.spec = { ...updated.spec };
    if (desired) updated.spec.unschedulable = true;
    else delete updated.spec.unschedulable;
    try {
      ctx.cluster.api.update('nodes', updated, 'kubectl');
    } catch (e) {
      ctx.err.push(`error: unable to ${desired ? 'cordon' : 'uncordon'} node "${name}": ${(e as Error).message}\n`);
      ctx.exitCode = 1;
      return;
    }
  }
  ctx.out.push(`node/${name} ${desired ? 'cordoned' : 'uncordoned'}${suffix}\n`);
}

function cordonVerb(name: 'cordon' | 'uncordon', desired: boolean, short: string): Verb {
  return {
    name,
    short,
    flags: [
      { name: 'selector', short: 'l', type: 'string' },
      DRY_RUN_FLAG,
    ],
    run: guarded((ctx) => {
      const dryRun = dryRunFlag(ctx);
      let nodes: Node[];
      try {
        nodes = targetNodes(ctx, `${name} NODE`);
      } catch (e) {
        return reportError(ctx, e);
      }
      for (const node of nodes) cordonNode(ctx, node, desired, dryRun);
    }),
  };
}

export const cordon = cordonVerb('cordon', true, 'Mark node as unschedulable');
export const uncordon = cordonVerb('uncordon', false, 'Mark node as schedulable');
