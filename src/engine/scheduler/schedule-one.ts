import type { Pod } from 'kubernetes-types/core/v1';
import { fitErrorMessage, nodeScores, runFilters, SCORE_PLUGINS, scoreTotals, selectBest, type FilterResult, type NodeScore } from './framework';
import type { NodeInfo, SchedulerProfile } from './types';

/** The outcome of one scheduling cycle, with the trace lines a lesson displays. */
export interface ScheduleDecision {
  /** The chosen node, or undefined when the pod fits nowhere. */
  node?: string;
  /** The FailedScheduling message when no node fits. */
  message: string;
  filterDetail: string;
  scoreDetail: string;
  scores: NodeScore[];
}

function describeFilter(nodes: readonly NodeInfo[], result: FilterResult): string {
  const parts = nodes.map((info) => {
    const name = info.node.metadata!.name!;
    const status = result.rejected.get(name);
    return status ? `${name}: ${status.plugin} rejected (${status.reasons.join(', ')})` : `${name}: fits`;
  });
  return `${result.feasible.length}/${nodes.length} nodes fit; ${parts.join('; ')}`;
}

const WEIGHTS = new Map(SCORE_PLUGINS.map((p) => [p.name, p.weight]));

/** `node-1 397 (TaintToleration 100×3, NodeResourcesFit 97×1)`: each normalised score times its weight. */
function describeScores(scores: readonly NodeScore[], chosen: string): string {
  const parts = scores.map((s) => {
    const plugins = Object.entries(s.plugins).map(([p, v]) => `${p} ${v}×${WEIGHTS.get(p) ?? 1}`);
    return `${s.name} ${s.total}${plugins.length > 0 ? ` (${plugins.join(', ')})` : ''}`;
  });
  return `${parts.join('; ')}; selected ${chosen}`;
}

/**
 * schedulePod without side effects: filter every node, score the feasible ones (skipped when only
 * one fits, as upstream does), and pick the best, breaking ties with `randomInt`.
 */
export function schedulePod(pod: Pod, nodes: readonly NodeInfo[], profile: SchedulerProfile, randomInt: (n: number) => number): ScheduleDecision {
  const result = runFilters(pod, nodes, profile);
  // The detail strings name every node; on a 100-node cluster building them costs more than the
  // decision, so they are built only when read (the scheduler reads them when the trace is on).
  const filterDetail = () => describeFilter(nodes, result);
  if (result.feasible.length === 0) {
    return withDetails({ message: fitErrorMessage(pod, nodes.length, result.rejected, profile) }, filterDetail, () => '', () => []);
  }
  if (result.feasible.length === 1) {
    const only = result.feasible[0]!.node.metadata!.name!;
    return withDetails({ node: only, message: '' }, filterDetail, () => `only ${only} fits; scoring skipped`, () => []);
  }
  const scores = scoreTotals(pod, result.feasible);
  const chosen = result.feasible[selectBest(scores.totals, randomInt)]!.node.metadata!.name!;
  // One record per node is built only when the trace or a lesson asks for the scores.
  const perNode = () => nodeScores(result.feasible, scores);
  return withDetails({ node: chosen, message: '' }, filterDetail, () => describeScores(perNode(), chosen), perNode);
}

function withDetails(decision: Omit<ScheduleDecision, 'filterDetail' | 'scoreDetail' | 'scores'>, filter: () => string, score: () => string, scores: () => NodeScore[]): ScheduleDecision {
  return Object.defineProperties(decision, {
    filterDetail: { get: filter, enumerable: true },
    scoreDetail: { get: score, enumerable: true },
    scores: { get: scores, enumerable: true },
  }) as ScheduleDecision;
}
