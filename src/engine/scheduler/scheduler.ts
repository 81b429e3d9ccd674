import type { Node, Pod } from 'kubernetes-types/core/v1';
import { ApiError } from '../api/errors';
import type { Informer, WatchEventType } from '../api/informer';
import { isBeingDeleted, keyOf } from '../api/objects';
import type { ControlPlane } from '../control-plane';
import { Component } from '../controllers/component';
import { canonicalJson } from '../sim/hash';
import type { Message } from '../sim/simulator';
import { isTerminal, SchedulerCache } from './cache';
import { withPodScheduled } from './conditions';
import { schedulePod } from './schedule-one';
import { SchedulingQueue, MAX_IN_UNSCHEDULABLE_MS, UNSCHEDULABLE_FLUSH_PERIOD_MS, type SchedulingQueueState } from './scheduling-queue';
import { schedulerProfile } from './profile';
import type { SchedulerProfile } from './types';
import { podObservedGenerationTracking } from '../version';

export const SCHEDULER_NAME = 'default-scheduler';
/** Modelled virtual time of one scheduling cycle (filter + score), so the trace shows a pace. */
export const SCHEDULING_CYCLE_MS = 1;
/** Modelled latency of the binding call to the API server, after the decision. */
export const BIND_LATENCY_MS = 2;

interface SchedulerState {
  queue: SchedulingQueueState;
  assumed: [string, string][];
  cycleScheduled: boolean;
  flushScheduled: boolean;
}

/**
 * kube-scheduler: pops one pending pod at a time from its priority queue, filters and scores the
 * nodes, assumes the pod onto the winner and binds it a moment later (spec.nodeName plus the
 * PodScheduled condition). Pods that fit nowhere get FailedScheduling and wait for a cluster
 * change. Every step is written to the trace under `scheduler` so lessons can show the decision.
 */
export class Scheduler extends Component {
  readonly #queue = new SchedulingQueue();
  readonly #cache = new SchedulerCache();
  readonly #profile: SchedulerProfile;
  readonly #trackGeneration: boolean;
  readonly #pods: Informer<Pod>;
  readonly #nodes: Informer<Node>;
  /** The scheduler's hostname (its static pod uses the host network): its Events' reporting instance. */
  readonly #host: string;
  #cycleScheduled = false;
  #flushScheduled = false;

  constructor(cp: ControlPlane) {
    super(SCHEDULER_NAME, cp);
    this.#host = cp.config.nodes.find((n) => n.controlPlane)?.name ?? 'control-plane';
    this.#profile = schedulerProfile(cp.version);
    this.#trackGeneration = podObservedGenerationTracking(cp.version, cp.config.featureGates);
    this.#nodes = this.inform<Node>('nodes', (type, obj, old) => this.#onNode(type, obj as Node, old as Node | undefined));
    this.#pods = this.inform<Pod>('pods', (type, obj, old) => this.#onPod(type, obj as Pod, old as Pod | undefined));
  }

  /** Pods are popped from the scheduling queue, not from the generic work queue. */
  protected reconcile(_key: string): void {}

  #responsibleFor(pod: Pod): boolean {
    return !pod.spec?.nodeName && (pod.spec?.schedulerName ?? SCHEDULER_NAME) === SCHEDULER_NAME && !isBeingDeleted(pod) && !isTerminal(pod);
  }

  #onPod(type: WatchEventType, pod: Pod, old: Pod | undefined): void {
    const key = keyOf(pod);
    if (type === 'DELETED') {
      const held = Boolean(pod.spec?.nodeName) || this.#cache.isAssumed(key);
      this.#cache.forget(key);
      this.#cache.removePod(key);
      this.#queue.delete(key);
      if (held && !isTerminal(pod)) this.#moveAll('a bound pod was deleted');
      return;
    }
    this.#cache.setPod(pod);
    if (pod.spec?.nodeName) {
      this.#queue.delete(key);
      if (isTerminal(pod) && old && !isTerminal(old)) this.#moveAll('a bound pod finished');
      return;
    }
    if (!this.#responsibleFor(pod)) return this.#queue.delete(key);
    if (this.#cache.isAssumed(key)) return;
    // Our own status writes must not wake a parked pod; a change to what it asks for should.
    if (type === 'MODIFIED' && old && this.#queue.where(key) && schedulingInputs(old) === schedulingInputs(pod)) return;
    this.#queue.add(key, pod.spec?.priority ?? 0, this.sim.now());
    this.#kick();
  }

  #onNode(type: WatchEventType, node: Node, old: Node | undefined): void {
    if (type === 'DELETED') return this.#cache.removeNode(node.metadata!.name!);
    this.#cache.setNode(node);
    if (type === 'ADDED') this.#moveAll(`node ${node.metadata?.name} was added`);
    else if (old && nodeSchedulingProperties(old) !== nodeSchedulingProperties(node)) this.#moveAll(`node ${node.metadata?.name} changed`);
  }

  #moveAll(why: string): void {
    if (this.#queue.unschedulableCount === 0) return;
    this.sim.record('scheduler', 'requeue', `${why}: retrying ${this.#queue.unschedulableCount} unschedulable pod(s)`);
    this.#wakeAt(this.#queue.moveAllUnschedulable(this.sim.now()));
    this.#kick();
  }

  #wakeAt(times: number[]): void {
    for (const at of new Set(times)) this.sim.schedule(at - this.sim.now(), this.id, { type: 'backoff' });
  }

  #kick(): void {
    if (this.#cycleScheduled || this.#queue.activeLength === 0) return;
    this.#cycleScheduled = true;
    this.sim.schedule(SCHEDULING_CYCLE_MS, this.id, { type: 'schedule' });
  }

  protected override onMessage(message: Message): void {
    switch (message.type) {
      case 'schedule':
        this.#cycleScheduled = false;
        this.#scheduleNext();
        this.#kick();
        return;
      case 'bind':
        return this.#bind(message.key as string, message.uid as string, message.node as string);
      case 'backoff':
        this.#queue.flushBackoff(this.sim.now());
        return this.#kick();
      case 'flush-unschedulable':
        this.#flushScheduled = false;
        this.#wakeAt(this.#queue.moveAllUnschedulable(this.sim.now(), MAX_IN_UNSCHEDULABLE_MS));
        this.#ensureFlushTimer();
        return this.#kick();
    }
  }

  /** One scheduling cycle: the pure decision, then assume and a binding message, or the failure. */
  #scheduleNext(): void {
    const key = this.#queue.pop();
    const pod = key === undefined ? undefined : this.#pods.get(key);
    if (!key || !pod || !this.#responsibleFor(pod)) return;
    const ref = `pods/${key}`;
    const decision = schedulePod(pod, this.#cache.nodeInfos(), this.#profile, (n) => this.sim.rng.int(n));
    const traced = this.sim.trace.enabled; // the details are built on read: skip them when untraced
    if (traced) this.sim.record('scheduler', 'filter', decision.filterDetail, ref);
    if (decision.node === undefined) return this.#unschedulable(pod, decision.message);
    if (traced) this.sim.record('scheduler', 'score', decision.scoreDetail, ref);
    this.#cache.assume(pod, decision.node);
    this.sim.schedule(BIND_LATENCY_MS, this.id, { type: 'bind', key, uid: pod.metadata!.uid!, node: decision.node });
  }

  #unschedulable(pod: Pod, message: string): void {
    const key = keyOf(pod);
    this.sim.record('scheduler', 'unschedulable', message, `pods/${key}`);
    this.#queue.addUnschedulable(key, pod.spec?.priority ?? 0, this.sim.now());
    this.#ensureFlushTimer();
    this.events.record({ object: pod, type: 'Warning', reason: 'FailedScheduling', message, component: SCHEDULER_NAME, host: this.#host, action: 'Scheduling' });
    const current = this.api.tryGet<Pod>('pods', pod.metadata?.namespace, pod.metadata!.name!);
    const updated = current && withPodScheduled(current, 'False', this.api.timestamp(), 'Unschedulable', message, this.#trackGeneration);
    if (updated) this.api.updateStatus('pods', updated, SCHEDULER_NAME);
  }

  #ensureFlushTimer(): void {
    if (this.#flushScheduled || this.#queue.unschedulableCount === 0) return;
    this.#flushScheduled = true;
    this.sim.schedule(UNSCHEDULABLE_FLUSH_PERIOD_MS, this.id, { type: 'flush-unschedulable' });
  }

  /** The binding cycle: POST pods/<name>/binding, one write of spec.nodeName and PodScheduled. */
  #bind(key: string, uid: string, node: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const current = this.api.tryGet<Pod>('pods', namespace, name);
    if (!current || current.metadata?.uid !== uid || current.spec?.nodeName || isBeingDeleted(current)) return this.#cache.forget(key);
    try {
      this.api.bind(namespace, name, node, SCHEDULER_NAME);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      this.#cache.forget(key);
      this.sim.record('scheduler', 'bind', `binding ${key} to ${node} failed: ${e.message}`, `pods/${key}`);
      this.#wakeAt([this.#queue.addBackoff(key, current.spec?.priority ?? 0, this.sim.now())]);
      return;
    }
    this.sim.record('scheduler', 'bind', `bound ${key} to ${node}`, `pods/${key}`);
    this.events.record({ object: current, type: 'Normal', reason: 'Scheduled', message: `Successfully assigned ${key} to ${node}`, component: SCHEDULER_NAME, host: this.#host, action: 'Binding' });
  }

  protected override snapshotExtra(): SchedulerState {
    return { queue: this.#queue.snapshot(), assumed: this.#cache.assumedPods(), cycleScheduled: this.#cycleScheduled, flushScheduled: this.#flushScheduled };
  }

  protected override restoreExtra(state: unknown): void {
    const s = state as SchedulerState;
    this.#queue.restore(s.queue);
    this.#cycleScheduled = s.cycleScheduled;
    this.#flushScheduled = s.flushScheduled;
    // The cache is derived: rebuild it from the restored informers, then re-assume in-flight binds.
    for (const node of this.#nodes.list()) this.#cache.setNode(node);
    for (const pod of this.#pods.list()) this.#cache.setPod(pod);
    for (const [key, node] of s.assumed) {
      const pod = this.#pods.get(key);
      if (pod) this.#cache.assume(pod, node);
    }
  }
}

/** What a pending pod asks of the scheduler; status and resourceVersion changes do not count. */
function schedulingInputs(pod: Pod): string {
  return canonicalJson({ spec: pod.spec, labels: pod.metadata?.labels, annotations: pod.metadata?.annotations });
}

/** The node fields a pending pod's fate depends on (nodeSchedulingPropertiesChange). */
function nodeSchedulingProperties(node: Node): string {
  const conditions = (node.status?.conditions ?? []).map((c) => [c.type, c.status]);
  return canonicalJson({ u: node.spec?.unschedulable ?? false, t: node.spec?.taints ?? [], l: node.metadata?.labels ?? {}, a: node.status?.allocatable ?? {}, conditions });
}
