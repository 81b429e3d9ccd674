import type { Pod } from 'kubernetes-types/core/v1';
import { fitErrorMessage, nodeScores, runFilters, SCORE_PLUGINS, scoreTotals, selectBest, type FilterResult, type NodeScore, type Scores } from './framework';
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
 * A cycle's outcome whose trace lines and per-node scores are built only when read (the scheduler
 * reads them when the trace is on): on a 100-node cluster building them costs more than the
 * decision. A class with getters, not accessors defined on each decision, which were slow to make.
 */
class Decision implements ScheduleDecision {
  constructor(
    readonly node: string | undefined,
    readonly message: string,
    private readonly nodes: readonly NodeInfo[],
    private readonly result: FilterResult,
    private readonly scored?: Scores,
  ) {}

  get filterDetail(): string {
    return describeFilter(this.nodes, this.result);
  }

  get scoreDetail(): string {
    if (this.node === undefined) return '';
    return this.scored ? describeScores(this.scores, this.node) : `only ${this.node} fits; scoring skipped`;
  }

  get scores(): NodeScore[] {
    return this.scored ? nodeScores(this.result.feasible, this.scored) : [];
  }
}

/**
 * schedulePod without side effects: filter every node, score the feasible ones (skipped when only
 * one fits, as upstream does), and pick the best, breaking ties with `randomInt`.
 */
export function schedulePod(pod: Pod, nodes: readonly NodeInfo[], profile: SchedulerProfile, randomInt: (n: number) => number): ScheduleDecision {
  const result = runFilters(pod, nodes, profile);
  if (result.feasible.length === 0) return new Decision(undefined, fitErrorMessage(pod, nodes.length, result.rejected, profile), nodes, result);
  if (result.feasible.length === 1) return new Decision(result.feasible[0]!.node.metadata!.name, '', nodes, result);
  const scores = scoreTotals(pod, result.feasible);
  const chosen = result.feasible[selectBest(scores.totals, randomInt)]!.node.metadata!.name!;
  return new Decision(chosen, '', nodes, result, scores);
}
