import type { Node, NodeCondition } from 'kubernetes-types/core/v1';
import { clone } from '../api/objects';

/** The four conditions a healthy kubelet posts (pkg/kubelet/nodestatus/setters.go). */
const HEALTHY: { type: string; status: string; reason: string; message: string }[] = [
  { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
  { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
  { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
  { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
];

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
