import type { Node, Pod } from 'kubernetes-types/core/v1';
import { keyOf } from '../api/objects';
import { nodeAllocatable, podRequests, type Resources } from './resources';
import type { NodeInfo } from './types';

interface Accounted {
  node: string;
  requested: Resources;
  nonZero: Resources;
  /** The stored spec these were read from; undefined for an assumed pod. */
  spec: Pod['spec'] | undefined;
}

const plus = (a: Resources, b: Resources, sign: 1 | -1): Resources => ({
  cpuMillis: a.cpuMillis + sign * b.cpuMillis,
  memoryBytes: a.memoryBytes + sign * b.memoryBytes,
});

/** Terminal pods hold no resources: the scheduler's pod informer filters them out upstream. */
export function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/**
 * The scheduler cache: per-node sums of what bound and assumed pods request, kept incrementally
 * so a cycle costs O(nodes), not O(pods). It is derived state: rebuilt from the informers, never
 * snapshotted. An assumed pod (decided, bind not yet seen) counts at once, so the next cycle does
 * not hand the same room to another pod.
 */
export class SchedulerCache {
  #nodes = new Map<string, NodeInfo>();
  #pods = new Map<string, Accounted>();
  #assumed = new Set<string>();
  /** nodeInfos() as last sorted; only adding or removing a node changes it (infos change in place). */
  #sorted: readonly NodeInfo[] | undefined;

  setNode(node: Node): void {
    const name = node.metadata!.name!;
    const existing = this.#nodes.get(name);
    if (existing) {
      existing.node = node;
      existing.allocatable = nodeAllocatable(node);
      return;
    }
    const info: NodeInfo = { node, allocatable: nodeAllocatable(node), requested: zero(), nonZeroRequested: zero(), podCount: 0 };
    // Pods can be seen before their node (informers start in any order); fold them in now.
    for (const p of this.#pods.values()) if (p.node === name) this.#apply(info, p, 1);
    this.#nodes.set(name, info);
    this.#sorted = undefined;
  }

  removeNode(name: string): void {
    this.#nodes.delete(name);
    this.#sorted = undefined;
  }

  /** Account a pod on the node it is bound to; unbound or terminal pods hold nothing. */
  setPod(pod: Pod): void {
    const key = keyOf(pod);
    const node = pod.spec?.nodeName;
    if (!node || isTerminal(pod)) {
      if (!this.#assumed.has(key)) this.removePod(key);
      return;
    }
    this.#assumed.delete(key);
    // A status write keeps the stored spec: the pod asks for the same room on the same node.
    if (this.#pods.get(key)?.spec === pod.spec) return;
    this.#account(key, { node, requested: podRequests(pod), nonZero: podRequests(pod, true), spec: pod.spec });
  }

  /** Count a pod on `node` before the API server has confirmed the binding. */
  assume(pod: Pod, node: string): void {
    this.#assumed.add(keyOf(pod));
    this.#account(keyOf(pod), { node, requested: podRequests(pod), nonZero: podRequests(pod, true), spec: undefined });
  }

  /** The binding failed or the pod went away: give the room back. */
  forget(key: string): void {
    if (this.#assumed.delete(key)) this.removePod(key);
  }

  isAssumed(key: string): boolean {
    return this.#assumed.has(key);
  }

  removePod(key: string): void {
    const old = this.#pods.get(key);
    if (!old) return;
    const info = this.#nodes.get(old.node);
    if (info) this.#apply(info, old, -1);
    this.#pods.delete(key);
  }

  #account(key: string, entry: Accounted): void {
    this.removePod(key);
    this.#pods.set(key, entry);
    const info = this.#nodes.get(entry.node);
    if (info) this.#apply(info, entry, 1);
  }

  #apply(info: NodeInfo, p: Accounted, sign: 1 | -1): void {
    info.requested = plus(info.requested, p.requested, sign);
    info.nonZeroRequested = plus(info.nonZeroRequested, p.nonZero, sign);
    info.podCount += sign;
  }

  /** Every node's info in name order: the deterministic order filters and ties walk. */
  nodeInfos(): readonly NodeInfo[] {
    // Every scheduling cycle asks: sort when the set of nodes changed, not once per pod.
    this.#sorted ??= [...this.#nodes.values()].sort((a, b) => (a.node.metadata!.name! < b.node.metadata!.name! ? -1 : 1));
    return this.#sorted;
  }

  /** Assumed pods as [key, node], for snapshots: the binding messages in flight refer to them. */
  assumedPods(): [string, string][] {
    return [...this.#assumed].sort().map((key) => [key, this.#pods.get(key)!.node]);
  }
}

function zero(): Resources {
  return { cpuMillis: 0, memoryBytes: 0 };
}
