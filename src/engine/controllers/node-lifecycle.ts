import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Node, NodeCondition, Pod, Taint, Toleration } from 'kubernetes-types/core/v1';
import type { Informer } from '../api/informer';
import { clone, isBeingDeleted, keyOf, type Mutable } from '../api/objects';
import type { ControlPlane } from '../control-plane';
import type { ComponentFactory } from '../components';
import { toleratesTaint } from '../scheduler/plugins/taint-toleration';
import type { Message } from '../sim/simulator';
import { atLeast, type KubeVersion } from '../version';
import { Component } from './component';
import { inControllerManager } from './shared-informers';

/** How often the controller looks at every node's health (--node-monitor-period). */
export const NODE_MONITOR_PERIOD_MS = 5_000;
/** A node that never posted status is given this long after it was first seen (--node-startup-grace-period). */
export const NODE_STARTUP_GRACE_PERIOD_MS = 60_000;
/** NoExecute tainting is rate limited to 0.1 nodes per second (--node-eviction-rate). */
const NO_EXECUTE_TAINT_INTERVAL_MS = 10_000;
const UNREACHABLE = 'node.kubernetes.io/unreachable';
const NOT_READY = 'node.kubernetes.io/not-ready';

/** --node-monitor-grace-period: 40 s until kubernetes#126287 raised it to 50 s in v1.32. */
export function nodeMonitorGracePeriodMs(version: KubeVersion): number {
  return atLeast(version, 32) ? 50_000 : 40_000;
}

/** Condition → NoSchedule taint (TaintNodesByCondition); `spec.unschedulable` adds its own. */
const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: NOT_READY, Unknown: UNREACHABLE },
  MemoryPressure: { True: 'node.kubernetes.io/memory-pressure' },
  DiskPressure: { True: 'node.kubernetes.io/disk-pressure' },
  PIDPressure: { True: 'node.kubernetes.io/pid-pressure' },
  NetworkUnavailable: { True: 'node.kubernetes.io/network-unavailable' },
};
const MANAGED_NO_SCHEDULE = new Set([...Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m)), 'node.kubernetes.io/unschedulable']);

interface Health {
  heartbeat: string;
  probeMs: number;
  ready: string;
  /** The Node's uid, for the RemovingNode event once it is gone. */
  uid: string;
}

interface LifecycleState {
  health: [string, Health][];
  evictions: [string, { createdMs: number; fireMs: number }][];
  lastNoExecuteMs: number | null;
}

/**
 * The node lifecycle controller with its taint-based eviction: it watches each node's Ready
 * heartbeat, marks nodes that went quiet Unknown ("Kubelet stopped posting node status."), taints
 * them unreachable (NoSchedule and NoExecute), and deletes pods on NoExecute-tainted nodes once their
 * tolerationSeconds (300 s from DefaultTolerationSeconds) run out. Recovery removes the taints.
 */
export class NodeLifecycleController extends Component {
  readonly #nodes: Informer<Node>;
  readonly #pods: Informer<Pod>;
  readonly #leases: Informer<Lease>;
  readonly #graceMs: number;
  #health = new Map<string, Health>();
  #evictions = new Map<string, { createdMs: number; fireMs: number }>();
  #lastNoExecuteMs: number | null = null;

  constructor(cp: ControlPlane) {
    super('node-lifecycle-controller', cp);
    this.#graceMs = nodeMonitorGracePeriodMs(cp.version);
    this.#nodes = this.inform<Node>('nodes', (_t, node) => this.enqueue(`node/${node.metadata!.name!}`));
    this.#leases = this.inform<Lease>('leases', () => {}, 'kube-node-lease');
    this.#pods = this.inform<Pod>('pods', (type, pod, old) => {
      this.#indexPod(type === 'DELETED' ? undefined : (pod as Pod), (old ?? pod) as Pod);
      if ((pod as Pod).spec?.nodeName || (old as Pod | undefined)?.spec?.nodeName) this.enqueue(`pod/${keyOf(pod)}`);
    });
  }

  /** Pod keys per node, kept from the informer's events so a node's pass never scans every pod. */
  #podsByNode = new Map<string, Set<string>>();

  #indexPod(pod: Pod | undefined, previous: Pod): void {
    const key = keyOf(previous);
    const before = previous.spec?.nodeName;
    if (before) this.#podsByNode.get(before)?.delete(key);
    const node = pod?.spec?.nodeName;
    if (node) (this.#podsByNode.get(node) ?? this.#podsByNode.set(node, new Set()).get(node)!).add(key);
  }

  /** Keys of the pods bound to a node, sorted so passes over them are deterministic. */
  #podKeysOn(nodeName: string): string[] {
    return [...(this.#podsByNode.get(nodeName) ?? [])].sort();
  }

  protected override onStart(): void {
    this.sim.schedule(NODE_MONITOR_PERIOD_MS, this.id, { type: 'tick' });
  }

  protected override onMessage(message: Message): void {
    if (message.type === 'tick') {
      this.#monitorNodeHealth();
      this.sim.schedule(NODE_MONITOR_PERIOD_MS, this.id, { type: 'tick' });
    } else if (message.type === 'evict') this.#evict(message.key as string, message.fireMs as number);
  }

  protected reconcile(key: string): void {
    if (key.startsWith('pod/')) return this.#processPod(key.slice(4));
    const node = this.#nodes.get(key.slice(5));
    if (!node) return;
    this.#noScheduleTaintingPass(node);
    for (const key of this.#podKeysOn(node.metadata!.name!)) this.#processPod(key);
  }

  /** Keep the condition-derived NoSchedule taints in step with the conditions (doNoScheduleTaintingPass). */
  #noScheduleTaintingPass(node: Node): void {
    const wanted = new Set<string>();
    for (const c of node.status?.conditions ?? []) {
      const key = CONDITION_TAINTS[c.type]?.[c.status];
      if (key) wanted.add(key);
    }
    if (node.spec?.unschedulable) wanted.add('node.kubernetes.io/unschedulable');
    const taints = node.spec?.taints ?? [];
    const has = new Set(taints.filter((t) => t.effect === 'NoSchedule' && MANAGED_NO_SCHEDULE.has(t.key)).map((t) => t.key));
    const add = [...wanted].filter((k) => !has.has(k)).map((key): Taint => ({ key, effect: 'NoSchedule' }));
    const remove = [...has].filter((k) => !wanted.has(k));
    this.#swapTaints(node.metadata!.name!, add, (t) => t.effect === 'NoSchedule' && remove.includes(t.key));
  }

  #swapTaints(name: string, add: Taint[], remove: (t: Taint) => boolean): void {
    if (add.length === 0 && !(this.#nodes.get(name)?.spec?.taints ?? []).some(remove)) return;
    const node = this.api.tryGet<Node>('nodes', undefined, name);
    if (!node) return;
    const updated = clone(node);
    const kept = (updated.spec?.taints ?? []).filter((t) => !remove(t) && !add.some((a) => a.key === t.key && a.effect === t.effect));
    const taints = [...kept, ...add];
    (updated.spec ??= {}).taints = taints.length > 0 ? taints : undefined;
    if (taints.length === 0) delete updated.spec.taints;
    this.api.update('nodes', updated, this.id);
    this.sim.record('node-lifecycle-controller', 'taint', `node ${name} taints: ${taints.map((t) => `${t.key}:${t.effect}`).join(', ') || '<none>'}`, `nodes/${name}`);
  }

  /** Every monitor period: notice silent nodes, mark them Unknown and (rate-limited) taint them NoExecute. */
  #monitorNodeHealth(): void {
    const nodes = this.#nodes.list();
    this.#classifyNodes(nodes);
    const observed = new Map(nodes.map((n) => [n.metadata!.name!, this.#updateNodeHealth(n)]));
    const notReady = [...observed.values()].filter((s) => s !== 'True').length;
    // Zone disruption: with every node down the controller assumes it, not the nodes, is cut off.
    const fullDisruption = nodes.length > 0 && notReady === nodes.length;
    const partialDisruption = notReady > 2 && notReady / nodes.length >= 0.55;
    for (const node of nodes) {
      const name = node.metadata!.name!;
      const status = observed.get(name)!;
      const isNoExecute = (t: Taint) => t.effect === 'NoExecute' && (t.key === UNREACHABLE || t.key === NOT_READY);
      if (status === 'True' || fullDisruption) this.#swapTaints(name, [], isNoExecute);
      else if (!partialDisruption && this.#mayTaintNoExecute(node, status)) {
        const key = status === 'False' ? NOT_READY : UNREACHABLE;
        this.#swapTaints(name, [{ key, effect: 'NoExecute', timeAdded: this.api.timestamp() }], isNoExecute);
      }
    }
  }

  /**
   * classifyNodes: a node seen for the first time is announced as registered, one no longer listed
   * as removed (RecordNodeEvent: the Node's real uid, its name in the message).
   */
  #classifyNodes(nodes: Node[]): void {
    const names = new Set(nodes.map((n) => n.metadata!.name!));
    for (const [name, health] of this.#health) {
      if (names.has(name)) continue;
      this.#health.delete(name);
      this.#recordRegistration(name, health.uid, 'RemovingNode', `Removing Node ${name} from Controller`);
    }
    for (const node of nodes) {
      const name = node.metadata!.name!;
      if (!this.#health.has(name)) this.#recordRegistration(name, node.metadata!.uid!, 'RegisteredNode', `Registered Node ${name} in Controller`);
    }
  }

  #recordRegistration(name: string, uid: string, reason: string, event: string): void {
    const ref = { apiVersion: 'v1', kind: 'Node', metadata: { name, uid } };
    this.events.record({ object: ref, type: 'Normal', reason, message: `Node ${name} event: ${event}`, component: 'node-controller' });
  }

  #mayTaintNoExecute(node: Node, status: string): boolean {
    const key = status === 'False' ? NOT_READY : UNREACHABLE;
    if ((node.spec?.taints ?? []).some((t) => t.key === key && t.effect === 'NoExecute')) return false;
    const now = this.sim.now();
    if (this.#lastNoExecuteMs !== null && now - this.#lastNoExecuteMs < NO_EXECUTE_TAINT_INTERVAL_MS) return false;
    this.#lastNoExecuteMs = now;
    return true;
  }

  /** tryUpdateNodeHealth: returns the Ready status the controller now believes. */
  #updateNodeHealth(node: Node): string {
    const name = node.metadata!.name!;
    const now = this.sim.now();
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
    // Either a posted status or a renewed Lease proves the kubelet alive (tryUpdateNodeHealth).
    const lease = this.#leases.get(`kube-node-lease/${name}`);
    const beat = `${ready?.lastHeartbeatTime ?? ''}|${lease?.spec?.renewTime ?? ''}`;
    let health = this.#health.get(name);
    if (!health || health.heartbeat !== beat) health = { heartbeat: beat, probeMs: now, ready: health?.ready ?? '', uid: node.metadata!.uid! };
    this.#health.set(name, health);
    let status = ready?.status ?? '';
    const graceMs = ready ? this.#graceMs : NODE_STARTUP_GRACE_PERIOD_MS;
    if (now - health.probeMs > graceMs && status !== 'Unknown') {
      status = 'Unknown';
      this.#markUnknown(name, ready === undefined);
    }
    // Only the way down is announced here; the kubelet records NodeReady when it posts Ready again.
    if (health.ready === 'True' && status !== 'True') this.#nodeBecameNotReady(node);
    health.ready = status;
    return status;
  }

  #markUnknown(name: string, never: boolean): void {
    const node = this.api.tryGet<Node>('nodes', undefined, name);
    if (!node) return;
    const updated = clone(node);
    const now = this.api.timestamp();
    const [reason, message] = never ? ['NodeStatusNeverUpdated', 'Kubelet never posted node status.'] : ['NodeStatusUnknown', 'Kubelet stopped posting node status.'];
    const conditions = (updated.status ??= {}).conditions ?? [];
    for (const type of ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']) {
      const existing = conditions.find((c) => c.type === type);
      const unknown: Mutable<NodeCondition> = { type, status: 'Unknown', reason, message, lastHeartbeatTime: existing?.lastHeartbeatTime ?? node.metadata!.creationTimestamp!, lastTransitionTime: now };
      if (existing) Object.assign(existing, unknown);
      else conditions.push(unknown);
    }
    updated.status.conditions = conditions;
    this.api.updateStatus('nodes', updated, this.id);
    this.sim.record('node-lifecycle-controller', 'node-unknown', `node ${name}: ${message}`, `nodes/${name}`);
  }

  #recordNodeEvent(node: Node, status: 'NodeNotReady'): void {
    this.events.record({ object: node, type: 'Normal', reason: status, message: `Node ${node.metadata!.name} status is now: ${status}`, component: 'node-controller' });
  }

  /** MarkPodsNotReady: the node's pods lose Ready at once, so Endpoints drop them. */
  #nodeBecameNotReady(node: Node): void {
    this.#recordNodeEvent(node, 'NodeNotReady');
    for (const key of this.#podKeysOn(node.metadata!.name!)) {
      const cached = this.#pods.get(key);
      if (!cached) continue;
      const pod = this.api.tryGet<Pod>('pods', cached.metadata?.namespace, cached.metadata!.name!);
      const ready = pod?.status?.conditions?.find((c) => c.type === 'Ready');
      if (!pod || !ready || ready.status === 'False') continue;
      const updated = clone(pod);
      const cond = updated.status!.conditions!.find((c) => c.type === 'Ready')!;
      cond.status = 'False';
      cond.lastTransitionTime = this.api.timestamp();
      this.api.updateStatus('pods', updated, this.id);
      this.events.record({ object: pod, type: 'Warning', reason: 'NodeNotReady', message: 'Node is not ready', component: 'node-controller' });
    }
  }

  /** processPodOnNode: evict now, after the shortest tolerationSeconds, or never. */
  #processPod(key: string): void {
    const pod = this.#pods.get(key);
    const node = pod?.spec?.nodeName ? this.#nodes.get(pod.spec.nodeName) : undefined;
    const taints = (node?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
    if (!pod || isBeingDeleted(pod) || taints.length === 0) return this.#cancel(key, pod !== undefined && !isBeingDeleted(pod));
    const used: Toleration[] = [];
    for (const taint of taints) {
      const toleration = (pod.spec?.tolerations ?? []).find((t) => toleratesTaint(t, taint));
      if (!toleration) return this.#schedule(key, 0, true);
      used.push(toleration);
    }
    const seconds = used.filter((t) => t.tolerationSeconds !== undefined).map((t) => Math.max(0, t.tolerationSeconds!));
    if (seconds.length === 0) return this.#cancel(key, true);
    this.#schedule(key, Math.min(...seconds) * 1000, false);
  }

  #schedule(key: string, delayMs: number, replace: boolean): void {
    if (this.#evictions.has(key) && !replace) return;
    const now = this.sim.now();
    this.#evictions.set(key, { createdMs: now, fireMs: now + delayMs });
    this.sim.schedule(delayMs, this.id, { type: 'evict', key, fireMs: now + delayMs });
  }

  #cancel(key: string, withEvent: boolean): void {
    if (!this.#evictions.delete(key) || !withEvent) return;
    const pod = this.#pods.get(key);
    if (pod) this.events.record({ object: pod, type: 'Normal', reason: 'TaintManagerEviction', message: `Cancelling deletion of Pod ${key}`, component: 'taint-eviction-controller' });
  }

  /** The eviction: a DisruptionTarget condition, the event, then an ordinary graceful delete. */
  #evict(key: string, fireMs: number): void {
    if (this.#evictions.get(key)?.fireMs !== fireMs) return;
    this.#evictions.delete(key);
    const [namespace, name] = key.split('/') as [string, string];
    const pod = this.api.tryGet<Pod>('pods', namespace, name);
    if (!pod || isBeingDeleted(pod)) return;
    this.events.record({ object: pod, type: 'Normal', reason: 'TaintManagerEviction', message: `Marking for deletion Pod ${key}`, component: 'taint-eviction-controller' });
    const updated = clone(pod);
    const conditions = ((updated.status ??= {}).conditions ??= []);
    if (!conditions.some((c) => c.type === 'DisruptionTarget')) {
      conditions.push({ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint', lastTransitionTime: this.api.timestamp() });
      this.api.updateStatus('pods', updated, 'taint-eviction-controller');
    }
    this.api.delete('pods', namespace, name, { actor: 'taint-eviction-controller' });
    this.sim.record('taint-eviction-controller', 'evict', `deleting pod ${key}: NoExecute taint on node ${pod.spec?.nodeName}`, `pods/${key}`);
  }

  protected override snapshotExtra(): LifecycleState {
    return { health: [...this.#health], evictions: [...this.#evictions], lastNoExecuteMs: this.#lastNoExecuteMs };
  }

  protected override restoreExtra(state: unknown): void {
    const s = state as LifecycleState;
    this.#health = new Map(s.health);
    this.#evictions = new Map(s.evictions);
    this.#lastNoExecuteMs = s.lastNoExecuteMs;
    this.#podsByNode = new Map();
    for (const pod of this.#pods.list()) this.#indexPod(pod, pod);
  }
}

/** One node lifecycle controller per cluster (kube-controller-manager). */
export const nodeLifecycleComponents: ComponentFactory = (cp) => inControllerManager(cp, (ctx) => [new NodeLifecycleController(ctx)]);
