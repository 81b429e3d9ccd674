import type { Node, Pod, PodCondition } from 'kubernetes-types/core/v1';
import { ApiError } from '../api/errors';
import type { Informer } from '../api/informer';
import { clone, keyOf } from '../api/objects';
import type { Message } from '../sim/simulator';
import type { ComponentFactory } from '../components';
import { Component, type ComponentContext } from './component';
import { inControllerManager } from './shared-informers';

const COMPONENT = 'pod-garbage-collector';
/** gcCheckPeriod: how often the controller looks at every pod. */
const GC_PERIOD_MS = 20_000;
/** quarantineTime: how long a node must stay missing before its pods are orphans. */
const QUARANTINE_MS = 40_000;

const ORPHANED: PodCondition = { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' };

/**
 * The pod garbage collector (upstream pkg/controller/podgc), its gcOrphaned pass: every 20 s it
 * finds pods bound to a node that no longer exists and, once the node has stayed missing through
 * a 40 s quarantine, marks them Failed with a DisruptionTarget condition and force-deletes them,
 * since no kubelet is left to finish them. (Terminated-pod thresholds, out-of-service taints and
 * unscheduled pods held by finalizers, its other passes, do not arise in these clusters.)
 */
export class PodGarbageCollector extends Component {
  readonly #pods: Informer<Pod>;
  readonly #nodes: Informer<Node>;
  /** Missing node names, and when their quarantine ends (the delaying queue of upstream). */
  #quarantine = new Map<string, number>();

  constructor(ctx: ComponentContext) {
    super(COMPONENT, ctx);
    // Handlers that do nothing: the controller polls, and joins the process's shared caches.
    this.#pods = this.inform<Pod>('pods', () => {});
    this.#nodes = this.inform<Node>('nodes', () => {});
  }

  protected override onStart(): void {
    this.sim.schedule(GC_PERIOD_MS, this.id, { type: 'gc' });
  }

  protected override onMessage(message: Message): void {
    if (message.type !== 'gc') return;
    this.#gc();
    this.sim.schedule(GC_PERIOD_MS, this.id, { type: 'gc' });
  }

  /** Nothing is reconciled by key: the work is the periodic pass. */
  protected reconcile(): void {}

  #gc(): void {
    const pods = this.#pods.list();
    const existing = new Set(this.#nodes.list().map((n) => n.metadata?.name ?? ''));
    const deleted = this.#discoverDeletedNodes(pods, existing);
    for (const pod of pods) {
      const node = pod.spec?.nodeName;
      if (node && deleted.has(node)) this.#failAndDelete(pod, ORPHANED);
    }
  }

  /** gcOrphaned's bookkeeping: quarantine newly missing nodes; those still missing after it, checked against the API, are gone. */
  #discoverDeletedNodes(pods: Pod[], existing: Set<string>): Set<string> {
    const now = this.sim.now();
    for (const pod of pods) {
      const node = pod.spec?.nodeName;
      if (node && !existing.has(node) && !this.#quarantine.has(node)) this.#quarantine.set(node, now + QUARANTINE_MS);
    }
    const deleted = new Set<string>();
    for (const [node, readyMs] of [...this.#quarantine].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (readyMs > now) continue;
      this.#quarantine.delete(node);
      if (!existing.has(node) && !this.api.tryGet<Node>('nodes', undefined, node)) deleted.add(node);
    }
    return deleted;
  }

  /** markFailedAndDeletePodWithCondition: phase Failed (with the condition) unless finished, then a delete with grace 0. */
  #failAndDelete(pod: Pod, condition: PodCondition): void {
    const meta = pod.metadata!;
    try {
      const phase = pod.status?.phase;
      if (phase !== 'Succeeded' && phase !== 'Failed') {
        const updated = clone(pod);
        const status = (updated.status ??= {});
        status.phase = 'Failed';
        const stamped = { ...condition, lastProbeTime: null as unknown as string, lastTransitionTime: this.api.timestamp() };
        status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), stamped];
        this.api.updateStatus('pods', updated, COMPONENT);
      }
      this.api.delete('pods', meta.namespace, meta.name ?? '', { gracePeriodSeconds: 0, actor: COMPONENT });
      this.sim.record(this.id, 'delete', `force-deleted pod ${keyOf(pod)}: node ${pod.spec?.nodeName} no longer exists`, `pods/${keyOf(pod)}`);
    } catch (e) {
      // Gone already (404) or changed meanwhile (409): the next pass looks again.
      if (!(e instanceof ApiError)) throw e;
    }
  }

  protected override snapshotExtra(): [string, number][] {
    return [...this.#quarantine];
  }

  protected override restoreExtra(state: unknown): void {
    this.#quarantine = new Map(state as [string, number][]);
  }
}

/** The pod garbage collector of kube-controller-manager. */
export const podGcComponents: ComponentFactory = (cp) => inControllerManager(cp, (ctx) => [new PodGarbageCollector(ctx)]);
