import type { ApiServer } from '../api/apiserver';
import type { EventRecorder } from '../api/events';
import { Informer, type InformerHandler, type InformerSnapshot } from '../api/informer';
import type { Actor, Message, Simulator } from '../sim/simulator';
import type { WatchMessage } from '../store/mvcc';
import type { SharedInformers } from './shared-informers';
import { WorkQueue } from './work-queue';

/** What every component gets from the cluster. */
export interface ComponentContext {
  sim: Simulator;
  api: ApiServer;
  events: EventRecorder;
  /** The process's shared informers, for components that run inside kube-controller-manager. */
  informers?: SharedInformers;
}

interface ComponentSnapshot {
  informers: InformerSnapshot[];
  queue: string[];
  workPending: boolean;
  busyUntil: number;
  extra: unknown;
}

/** Keys reconciled per `work` message, so one huge burst does not starve other components. */
const BATCH = 50;

/**
 * The shape of every control loop (sample-controller's): informers whose handlers only enqueue
 * keys, a de-duplicating work queue, and a level-based `reconcile(key)` that reads current state
 * from the caches and converges it. Subclasses add informers in their constructor and implement
 * reconcile; timers are messages to self (`requeue`, `tick`), never closures.
 */
export abstract class Component implements Actor {
  protected readonly sim: Simulator;
  protected readonly api: ApiServer;
  protected readonly events: EventRecorder;
  /** Informers this component owns (and snapshots); shared ones belong to `#shared`. */
  readonly #informers: Informer[] = [];
  readonly #shared: SharedInformers | undefined;
  readonly #queue = new WorkQueue();
  #workPending = false;
  /** Virtual time until which the worker is still busy with what it last reconciled. */
  #busyUntil = 0;
  #spentMs = 0;

  constructor(
    readonly id: string,
    ctx: ComponentContext,
    /** Virtual ms between a key being queued and the worker picking it up. */
    protected readonly workDelayMs = 1,
  ) {
    this.sim = ctx.sim;
    this.api = ctx.api;
    this.events = ctx.events;
    this.#shared = ctx.informers;
  }

  /**
   * Register an informer; it starts listing and watching when the component starts. Inside a
   * process with shared informers the handler joins that process's informer instead.
   */
  protected inform<T extends import('../api/objects').KubeObject>(resource: string, handler: InformerHandler | undefined, namespace?: string): Informer<T> {
    if (this.#shared && handler) {
      const shared = this.#shared.informerFor<T>(resource, namespace);
      shared.addHandler(handler);
      return shared;
    }
    const informer = new Informer<T>(this.api, resource, this.id, handler, namespace);
    this.#informers.push(informer);
    return informer;
  }

  /** Begin: list and watch everything, then let subclasses schedule their periodic work. */
  start(): void {
    for (const informer of this.#informers) informer.start();
    this.onStart();
  }

  protected onStart(): void {}

  enqueue(key: string): void {
    this.#queue.add(key);
    if (!this.#workPending) this.#scheduleWork();
  }

  #scheduleWork(): void {
    this.#workPending = true;
    const delay = Math.max(this.workDelayMs, this.#busyUntil - this.sim.now());
    this.sim.schedule(delay, this.id, { type: 'work' });
  }

  /**
   * Account virtual time a reconcile costs (e.g. per pod it examined). The worker takes no new key
   * until that time has passed, so changes that arrive meanwhile coalesce into one later sync, as
   * they do behind a busy controller worker. Without it, a 5,000-pod ReplicaSet would be
   * re-synced for every single pod event.
   */
  protected spend(ms: number): void {
    this.#spentMs += ms;
  }

  /** Reconcile `key` again after `delayMs` (rate-limited retries, progress deadlines, backoffs). */
  enqueueAfter(key: string, delayMs: number): void {
    this.sim.schedule(delayMs, this.id, { type: 'requeue', key });
  }

  receive(message: Message): void {
    switch (message.type) {
      case 'watch':
        for (const informer of this.#informers) if (informer.handle(message as WatchMessage)) break;
        return;
      case 'work':
        this.#work();
        return;
      case 'requeue':
        this.enqueue(message.key as string);
        return;
      default:
        this.onMessage(message);
    }
  }

  /** Messages other than watch/work/requeue: timers a subclass scheduled for itself. */
  protected onMessage(_message: Message): void {}

  #work(): void {
    this.#workPending = false;
    this.#spentMs = 0;
    for (const key of this.#queue.take(BATCH)) this.reconcile(key);
    this.#busyUntil = this.sim.now() + Math.round(this.#spentMs);
    if (this.#queue.length > 0 && !this.#workPending) this.#scheduleWork();
  }

  /** Converge the object named by `key` (`namespace/name`) towards its desired state. */
  protected abstract reconcile(key: string): void;

  /** State beyond informers and queue that a subclass keeps (must be plain JSON). */
  protected snapshotExtra(): unknown {
    return undefined;
  }

  protected restoreExtra(_state: unknown): void {}

  snapshot(): ComponentSnapshot {
    return {
      informers: this.#informers.map((i) => i.snapshot()),
      queue: this.#queue.snapshot(),
      workPending: this.#workPending,
      busyUntil: this.#busyUntil,
      extra: this.snapshotExtra(),
    };
  }

  restore(state: unknown): void {
    const s = state as ComponentSnapshot;
    this.#informers.forEach((informer, i) => informer.restore(s.informers[i]!));
    this.#queue.restore(s.queue);
    this.#workPending = s.workPending;
    this.#busyUntil = s.busyUntil;
    this.restoreExtra(s.extra);
  }
}
