import type { TraceEntry } from '../../engine/sim/trace';

/** One column of the sequence diagram: a component, or one instance of it per node. */
export interface Lane {
  id: string;
  label: string;
}

export interface TimelineRow {
  t: number;
  /** `12.345 s` */
  time: string;
  lane: string;
  action: string;
  detail: string;
}

export interface TimelineModel {
  lanes: Lane[];
  rows: TimelineRow[];
}

/**
 * The lanes in the order a request travels through a cluster. A trace component maps to the
 * first kind whose prefix it starts with; per-node components get one lane per node.
 */
const KINDS: { prefix: string; label: string; perNode?: boolean }[] = [
  { prefix: 'kubectl', label: 'kubectl' },
  { prefix: 'kube-apiserver', label: 'API server' },
  { prefix: 'etcd', label: 'etcd' },
  { prefix: 'deployment-controller', label: 'Deployment controller' },
  { prefix: 'replicaset-controller', label: 'ReplicaSet controller' },
  { prefix: 'scheduler', label: 'scheduler' },
  { prefix: 'kubelet/', label: 'kubelet', perNode: true },
  { prefix: 'endpointslice', label: 'EndpointSlice controller' },
  { prefix: 'endpoints', label: 'Endpoints controller' },
  { prefix: 'kube-proxy/', label: 'kube-proxy', perNode: true },
  { prefix: 'coredns', label: 'CoreDNS' },
  { prefix: 'ingress', label: 'Ingress' },
  { prefix: 'app/', label: 'the app', perNode: false },
];

function laneFor(component: string): { lane: Lane; order: number } {
  const index = KINDS.findIndex((k) => component.startsWith(k.prefix));
  const kind = KINDS[index];
  if (kind === undefined) return { lane: { id: component, label: component }, order: KINDS.length };
  if (kind.perNode) {
    const node = component.slice(kind.prefix.length);
    return { lane: { id: component, label: `${kind.label} (${node})` }, order: index };
  }
  return { lane: { id: kind.prefix, label: kind.label }, order: index };
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}

/** Lanes that appear in the trace, in travel order (nodes by name), and one row per entry. */
export function timelineModel(entries: readonly TraceEntry[]): TimelineModel {
  const lanes = new Map<string, { lane: Lane; order: number }>();
  const rows = entries.map((e) => {
    const placed = laneFor(e.component);
    lanes.set(placed.lane.id, placed);
    return { t: e.t, time: formatSeconds(e.t), lane: placed.lane.id, action: e.action, detail: e.detail };
  });
  const ordered = [...lanes.values()].sort((a, b) => a.order - b.order || a.lane.id.localeCompare(b.lane.id)).map((l) => l.lane);
  return { lanes: ordered, rows };
}
