import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Node, NodeCondition } from 'kubernetes-types/core/v1';
import { clone } from '../api/objects';

/** The Lease a kubelet renews: 40 s long, renewed every quarter of that (nodeLeaseRenewIntervalFraction). */
export const NODE_LEASE_DURATION_SECONDS = 40;
/** nodeStatusReportFrequency: without a change, the Node status is only posted this often. */
export const NODE_STATUS_REPORT_MS = 5 * 60_000;

/** The node's Lease in kube-node-lease, owned by its Node, renewed at `renewTime` (MicroTime). */
export function nodeLease(node: Node, renewTime: string, existing?: Lease): Lease {
  if (existing) return { ...clone(existing), spec: { ...existing.spec, renewTime } };
  return {
    metadata: {
      name: node.metadata!.name!,
      namespace: 'kube-node-lease',
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.metadata!.name!, uid: node.metadata!.uid! }],
    },
    spec: { holderIdentity: node.metadata!.name!, leaseDurationSeconds: NODE_LEASE_DURATION_SECONDS, renewTime },
  };
}

/**
 * Whether the posted status differs from what a healthy kubelet reports (another writer, such as
 * the node lifecycle controller marking it Unknown, or a first report): then it is posted at once.
 */
export function nodeStatusChanged(node: Node): boolean {
  const posted = new Map((node.status?.conditions ?? []).map((c) => [c.type, c]));
  return !node.status?.daemonEndpoints || HEALTHY.some((h) => posted.get(h.type)?.status !== h.status || posted.get(h.type)?.reason !== h.reason);
}

interface HealthyCondition {
  type: string;
  status: string;
  reason: string;
  message: string;
}

/** The four conditions a healthy kubelet posts (pkg/kubelet/nodestatus/setters.go). */
const HEALTHY: HealthyCondition[] = [
  { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
  { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
  { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
  { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
];

/** The event each setter records when its condition becomes healthy: `Node <name> status is now: <reason>`. */
const EVENT_OF: Record<string, string> = {
  MemoryPressure: 'NodeHasSufficientMemory',
  DiskPressure: 'NodeHasNoDiskPressure',
  PIDPressure: 'NodeHasSufficientPID',
  Ready: 'NodeReady',
};

/**
 * The events the kubelet's setters record as it posts healthy conditions over `node`'s: a pressure
 * condition that was not False (absent, or Unknown after the node lifecycle controller gave up on
 * the node), and Ready that was not True. Upstream a node's very first Ready is silent, but it is
 * NotReady until its network plugin is up, so every new node shows NodeReady; here the network is
 * ready at once, and an absent Ready stands for that NotReady.
 */
export function conditionEvents(node: Node): string[] {
  const posted = new Map((node.status?.conditions ?? []).map((c) => [c.type, c.status]));
  return HEALTHY.filter((h) => posted.get(h.type) !== h.status).map((h) => EVENT_OF[h.type]!);
}

/**
 * The node object with this kubelet's conditions and a fresh heartbeat. A condition keeps its
 * lastTransitionTime unless its status changes (e.g. the node lifecycle controller set Unknown).
 */
export function nodeWithHeartbeat(node: Node, now: string): Node {
  const updated = clone(node);
  const status = (updated.status ??= {});
  const old = new Map((node.status?.conditions ?? []).map((c) => [c.type, c]));
  const conditions: NodeCondition[] = HEALTHY.map((h) => {
    const prev = old.get(h.type);
    return { ...h, lastHeartbeatTime: now, lastTransitionTime: prev && prev.status === h.status ? prev.lastTransitionTime! : now };
  });
  status.conditions = conditions;
  status.daemonEndpoints = { kubeletEndpoint: { Port: 10250 } };
  return updated;
}
