import type { Pod } from 'kubernetes-types/core/v1';
import { balancedAllocationScore } from './plugins/balanced-allocation';
import { nodeAffinityFilter, nodeAffinityScore } from './plugins/node-affinity';
import { nodeNameFilter } from './plugins/node-name';
import { leastAllocatedScore, nodeResourcesFitFilter } from './plugins/node-resources-fit';
import { nodeUnschedulableFilter } from './plugins/node-unschedulable';
import { taintTolerationFilter, taintTolerationScore } from './plugins/taint-toleration';
import type { FilterPlugin, FilterStatus, NodeInfo, SchedulerProfile, ScorePlugin } from './types';

/** Filter plugins in the order of the default profile (default_plugins.go); the first rejection wins. */
export const FILTER_PLUGINS: readonly FilterPlugin[] = [nodeUnschedulableFilter, nodeNameFilter, taintTolerationFilter, nodeAffinityFilter, nodeResourcesFitFilter];

/** Score plugins of the default profile that the simulation models, with upstream weights. */
export const SCORE_PLUGINS: readonly ScorePlugin[] = [taintTolerationScore, nodeAffinityScore, leastAllocatedScore, balancedAllocationScore];

/** The result of the Filter phase: the nodes that fit, and why each other node did not. */
export interface FilterResult {
  feasible: NodeInfo[];
  /** Node name → the first plugin's rejection. */
  rejected: Map<string, FilterStatus>;
}

/** Run every filter over every node (in the given order) and stop at a node's first rejection. */
export function runFilters(pod: Pod, nodes: readonly NodeInfo[], profile: SchedulerProfile, plugins = FILTER_PLUGINS): FilterResult {
  const feasible: NodeInfo[] = [];
  const rejected = new Map<string, FilterStatus>();
  for (const info of nodes) {
    let status: FilterStatus | undefined;
    for (const plugin of plugins) {
      status = plugin.filter(pod, info, profile);
      if (status) break;
    }
    if (status) rejected.set(info.node.metadata!.name!, status);
    else feasible.push(info);
  }
  return { feasible, rejected };
}

/** One feasible node's weighted total and each plugin's normalised (0–100) score. */
export interface NodeScore {
  name: string;
  total: number;
  readonly plugins: Record<string, number>;
}

/** Each applied plugin's normalised scores, indexed like the feasible nodes. */
type PluginScores = readonly { name: string; scores: readonly number[] }[];

/**
 * A node's score whose per-plugin breakdown is only built when read (the trace and lessons read
 * it; a 5,000-pod rollout on 100 nodes would otherwise build half a million records for nothing).
 */
class ScoredNode implements NodeScore {
  constructor(
    readonly name: string,
    readonly total: number,
    private readonly byPlugin: PluginScores,
    private readonly index: number,
  ) {}

  get plugins(): Record<string, number> {
    const plugins: Record<string, number> = {};
    for (const { name, scores } of this.byPlugin) plugins[name] = scores[this.index]!;
    return plugins;
  }
}

/** The feasible nodes' total scores, in their order, and each applied plugin's normalised scores. */
export interface Scores {
  totals: number[];
  byPlugin: PluginScores;
}

/** Score the feasible nodes: each plugin scores, normalises, and is multiplied by its weight. */
export function scoreTotals(pod: Pod, feasible: readonly NodeInfo[], plugins = SCORE_PLUGINS): Scores {
  const count = feasible.length;
  const totals = new Array<number>(count).fill(0);
  const byPlugin: { name: string; scores: readonly number[] }[] = [];
  for (const plugin of plugins) {
    if (plugin.applies && !plugin.applies(pod)) continue;
    const raw = new Array<number>(count);
    for (let i = 0; i < count; i++) raw[i] = plugin.score(pod, feasible[i]!);
    const normalised = plugin.normalize ? plugin.normalize(raw) : raw;
    for (let i = 0; i < count; i++) totals[i]! += normalised[i]! * plugin.weight;
    byPlugin.push({ name: plugin.name, scores: normalised });
  }
  return { totals, byPlugin };
}

/** The scores as one record per node (what the trace prints). */
export function nodeScores(feasible: readonly NodeInfo[], { totals, byPlugin }: Scores): NodeScore[] {
  return feasible.map((info, i) => new ScoredNode(info.node.metadata!.name!, totals[i]!, byPlugin, i));
}


/**
 * selectHost: the highest total wins; among equal totals each is equally likely, chosen by
 * reservoir sampling with `randomInt(n)` in [0, n), so a seeded generator gives a repeatable choice.
 */
export function selectHost(scores: readonly NodeScore[], randomInt: (n: number) => number): NodeScore | undefined {
  return scores[selectBest(scores.map((s) => s.total), randomInt)];
}

/**
 * The index of the highest total; among equal totals each later one replaces the choice with
 * probability 1/ties (upstream's reservoir sampling), so ties spread evenly over the nodes.
 */
export function selectBest(totals: readonly number[], randomInt: (n: number) => number): number {
  let selected = 0;
  let ties = 1;
  for (let i = 1; i < totals.length; i++) {
    if (totals[i]! > totals[selected]!) {
      selected = i;
      ties = 1;
    } else if (totals[i] === totals[selected]) {
      ties++;
      if (randomInt(ties) === 0) selected = i;
    }
  }
  return selected;
}

/** Go's sort.Strings over "<count> <reason>": note that "10 x" sorts before "2 y". */
function histogram(reasons: Iterable<string>): string {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts].map(([r, n]) => `${n} ${r}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join(', ');
}

/** Preemption's verdict per rejected node when no pod has a lower priority to evict. */
function preemptionMessage(pod: Pod, numAllNodes: number, rejected: Map<string, FilterStatus>): string {
  if (pod.spec?.preemptionPolicy === 'Never') return 'preemption: not eligible due to preemptionPolicy=Never.';
  const verdicts = [...rejected.values()].map((s) =>
    s.code === 'UnschedulableAndUnresolvable' ? 'Preemption is not helpful for scheduling' : 'No preemption victims found for incoming pod',
  );
  return `preemption: 0/${numAllNodes} nodes are available: ${histogram(verdicts)}.`;
}

/**
 * FitError.Error() followed by the PostFilter messages, e.g. `0/3 nodes are available: 1 node(s)
 * had untolerated taint(s), 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption
 * is not helpful for scheduling, 2 No preemption victims found for incoming pod.`
 */
export function fitErrorMessage(pod: Pod, numAllNodes: number, rejected: Map<string, FilterStatus>, profile: SchedulerProfile): string {
  if (numAllNodes === 0) return 'no nodes available to schedule pods';
  const reasons = [...rejected.values()].flatMap((s) => s.reasons);
  const filterMsg = reasons.length > 0 ? ` ${histogram(reasons)}.` : '';
  const draNote = profile.draPostFilterNote ? 'no new claims to deallocate, ' : '';
  return `0/${numAllNodes} nodes are available:${filterMsg} ${draNote}${preemptionMessage(pod, numAllNodes, rejected)}`;
}
