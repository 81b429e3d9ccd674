import { podRequests } from '../resources';
import { MAX_NODE_SCORE, type ScorePlugin } from '../types';

/**
 * (1 - std) * 100 over the cpu and memory fractions the node would have with the pod, each capped
 * at 1; with two resources the standard deviation is |a - b| / 2.
 * @example balancedResourceScore([500, 1024], [1000, 4096]) → 87
 */
export function balancedResourceScore(requested: number[], allocatable: number[]): number {
  const fractions: number[] = [];
  requested.forEach((req, i) => {
    const alloc = allocatable[i]!;
    if (alloc !== 0) fractions.push(Math.min(1, req / alloc));
  });
  let std = 0;
  if (fractions.length === 2) std = Math.abs((fractions[0]! - fractions[1]!) / 2);
  else if (fractions.length > 2) {
    const mean = fractions.reduce((a, b) => a + b, 0) / fractions.length;
    std = Math.sqrt(fractions.reduce((sum, f) => sum + (f - mean) ** 2, 0) / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/**
 * NodeResourcesBalancedAllocation: prefer nodes whose cpu and memory would be used evenly. It uses
 * real requests and skips pods that request nothing, so BestEffort pods do not pile onto one node.
 */
export const balancedAllocationScore: ScorePlugin = {
  name: 'NodeResourcesBalancedAllocation',
  weight: 1,
  applies(pod) {
    const want = podRequests(pod);
    return want.cpuMillis > 0 || want.memoryBytes > 0;
  },
  score(pod, info) {
    // Two resources: (1 - |a - b| / 2) * 100 without building the arrays balancedResourceScore takes.
    const want = podRequests(pod);
    const { cpuMillis, memoryBytes } = info.allocatable;
    if (cpuMillis === 0 || memoryBytes === 0) {
      return balancedResourceScore([info.requested.cpuMillis + want.cpuMillis, info.requested.memoryBytes + want.memoryBytes], [cpuMillis, memoryBytes]);
    }
    const cpu = Math.min(1, (info.requested.cpuMillis + want.cpuMillis) / cpuMillis);
    const memory = Math.min(1, (info.requested.memoryBytes + want.memoryBytes) / memoryBytes);
    return Math.trunc((1 - Math.abs((cpu - memory) / 2)) * MAX_NODE_SCORE);
  },
};
