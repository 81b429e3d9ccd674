import type { Pod } from 'kubernetes-types/core/v1';
import { podRequests } from '../resources';
import { MAX_NODE_SCORE, type FilterPlugin, type FilterStatus, type NodeInfo, type ScorePlugin } from '../types';

/**
 * NodeResourcesFit: the pod's requests must fit in allocatable minus what the node's pods already
 * request, and the node must have a pod slot left. Every shortage is a reason of its own. A request
 * larger than the whole node is unresolvable: no eviction could ever make room.
 */
export function fitsRequest(pod: Pod, info: NodeInfo): FilterStatus | undefined {
  const want = podRequests(pod);
  const { allocatable, requested } = info;
  const tooManyPods = info.podCount + 1 > allocatable.pods;
  const shortOfCpu = want.cpuMillis > 0 && want.cpuMillis > allocatable.cpuMillis - requested.cpuMillis;
  const shortOfMemory = want.memoryBytes > 0 && want.memoryBytes > allocatable.memoryBytes - requested.memoryBytes;
  // Most nodes fit: decide that before building anything (this runs per node per pod).
  if (!tooManyPods && !shortOfCpu && !shortOfMemory) return undefined;
  const reasons: string[] = [];
  if (tooManyPods) reasons.push('Too many pods');
  if (shortOfCpu) reasons.push('Insufficient cpu');
  if (shortOfMemory) reasons.push('Insufficient memory');
  const unresolvable = (shortOfCpu && want.cpuMillis > allocatable.cpuMillis) || (shortOfMemory && want.memoryBytes > allocatable.memoryBytes);
  return { code: unresolvable ? 'UnschedulableAndUnresolvable' : 'Unschedulable', reasons, plugin: 'NodeResourcesFit' };
}

export const nodeResourcesFitFilter: FilterPlugin = {
  name: 'NodeResourcesFit',
  filter: (pod, info) => fitsRequest(pod, info),
};

/** ((capacity - requested) * 100) / capacity in integers; 0 when the node would be over-committed. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/**
 * The LeastAllocated strategy (the default): prefer the node with the most room left, averaging cpu
 * and memory with weight 1 each. It counts 100m / 200MB for containers without requests.
 */
export const leastAllocatedScore: ScorePlugin = {
  name: 'NodeResourcesFit',
  weight: 1,
  score(pod, info) {
    // Runs for every node for every pod: plain arithmetic, no arrays (a 5,000-pod rollout on 100
    // nodes scores half a million times).
    const want = podRequests(pod, true);
    const { cpuMillis, memoryBytes } = info.allocatable;
    let sum = 0;
    let scored = 0;
    if (cpuMillis > 0) {
      sum += leastRequestedScore(info.nonZeroRequested.cpuMillis + want.cpuMillis, cpuMillis);
      scored++;
    }
    if (memoryBytes > 0) {
      sum += leastRequestedScore(info.nonZeroRequested.memoryBytes + want.memoryBytes, memoryBytes);
      scored++;
    }
    return scored === 0 ? 0 : Math.trunc(sum / scored);
  },
};
