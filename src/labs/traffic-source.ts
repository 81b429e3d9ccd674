import type { Cluster } from '../engine/cluster';
import type { TrafficRecord } from '../engine/network/types';

/**
 * The one place that knows where the simulated network keeps its TrafficRecords. Any component
 * exposing `trafficRecords(): TrafficRecord[]` is read; until the network component lands, a
 * cluster has none and checks see an empty list.
 */
interface TrafficSource {
  trafficRecords(): readonly TrafficRecord[];
}

function isTrafficSource(x: unknown): x is TrafficSource {
  return typeof (x as Partial<TrafficSource> | undefined)?.trafficRecords === 'function';
}

export function trafficRecords(cluster: Cluster): readonly TrafficRecord[] {
  const sources: unknown[] = cluster.components;
  const all = sources.filter(isTrafficSource).flatMap((c) => [...c.trafficRecords()]);
  return all.sort((a, b) => a.t - b.t);
}
