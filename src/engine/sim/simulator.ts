import { EventQueue } from './event-queue';
import { Rng, type RngState } from './rng';
import { Trace, type TraceEntry } from './trace';

/**
 * A message delivered to an actor at a virtual time. Messages are plain data, never closures,
 * so the pending queue is part of a JSON snapshot and a restored cluster continues identically.
 */
export interface Message {
  type: string;
  [field: string]: unknown;
}

/** A component that reacts to messages: the store's watchers, controllers, kubelets, kube-proxies. */
export interface Actor {
  readonly id: string;
  receive(message: Message): void;
  /** Plain-JSON state; restore() must accept exactly what snapshot() returned. */
  snapshot?(): unknown;
  restore?(state: unknown): void;
}

interface ScheduledEvent {
  at: number;
  seq: number;
  target: string;
  message: Message;
}

export interface SimulatorSnapshot {
  now: number;
  seq: number;
  rng: RngState;
  /** Absent in snapshots from before Events had their own stream. */
  eventRng?: RngState;
  queue: ScheduledEvent[];
  trace: TraceEntry[];
}

/** Events run per advance() before we decide the cluster is looping forever. */
export const MAX_EVENTS_PER_ADVANCE = 5_000_000;

/** What a cluster that runs MAX_EVENTS_PER_ADVANCE events without reaching its target throws. */
export function didNotSettle(sim: Simulator): Error {
  return new Error(`simulation did not settle (seed=${sim.seed}, t=${sim.now()}ms)`);
}

/**
 * The discrete-event core: a virtual clock in ms and an event queue ordered by (time, sequence).
 * Time moves only through advance(), runUntil() and step(); nothing reads the wall clock.
 */
export class Simulator {
  readonly rng: Rng;
  /**
   * The random draws of Events (their uids and the low digits of their names) come from a stream
   * of their own: Events are recorded beside everything else, and recording one more must not
   * change every pod name, uid and ClusterIP drawn after it.
   */
  readonly eventRng: Rng;
  readonly trace = new Trace();
  #now = 0;
  #seq = 0;
  #queue = new EventQueue<ScheduledEvent>();
  #actors = new Map<string, Actor>();
  #eventsRun = 0;

  constructor(readonly seed: number) {
    this.rng = new Rng(seed);
    this.eventRng = new Rng((seed ^ 0x6576656e) >>> 0);
  }

  now(): number {
    return this.#now;
  }

  /** How many events have run since the start: a cheap measure of simulated work. */
  get eventsRun(): number {
    return this.#eventsRun;
  }

  register(actor: Actor): void {
    if (this.#actors.has(actor.id)) throw new Error(`actor ${actor.id} is already registered`);
    this.#actors.set(actor.id, actor);
  }

  unregister(id: string): void {
    this.#actors.delete(id);
  }

  actor(id: string): Actor | undefined {
    return this.#actors.get(id);
  }

  /** Deliver `message` to actor `target` after `delayMs` of virtual time. */
  schedule(delayMs: number, target: string, message: Message): void {
    if (!(delayMs >= 0)) throw new Error(`cannot schedule ${message.type} ${delayMs} ms in the past`);
    this.#queue.push({ at: this.#now + Math.round(delayMs), seq: this.#seq++, target, message });
  }

  /** Virtual time of the next pending event, if any. */
  nextEventAt(): number | undefined {
    return this.#queue.peek()?.at;
  }

  /** Run every event due within the next `ms`, then set the clock to now + ms. */
  advance(ms: number): void {
    this.runUntil(this.#now + Math.max(0, ms));
  }

  runUntil(targetMs: number): void {
    // The clock counts whole ms; a host driving it from a fractional wall clock must not leak
    // fractions into timestamps and ids.
    const timeMs = Math.floor(targetMs);
    let budget = MAX_EVENTS_PER_ADVANCE;
    for (let next = this.#queue.peek(); next && next.at <= timeMs; next = this.#queue.peek()) {
      if (--budget < 0) throw didNotSettle(this);
      this.#runNext();
    }
    if (timeMs > this.#now) this.#now = timeMs;
  }

  /** Run the next event, jumping the clock to it. Returns false when nothing is pending. */
  step(): boolean {
    if (this.#queue.size === 0) return false;
    this.#runNext();
    return true;
  }

  /**
   * Run events until the queue is empty or `maxMs` of virtual time has passed; periodic loops
   * (heartbeats, resyncs) never empty the queue, so the bound is what usually stops it.
   */
  runUntilIdle(maxMs: number): void {
    const deadline = this.#now + maxMs;
    while (this.#queue.size > 0 && this.#queue.peek()!.at <= deadline) this.#runNext();
  }

  record(component: string, action: string, detail: string, object?: string): void {
    if (!this.trace.enabled) return;
    const entry: TraceEntry = { t: this.#now, component, action, detail };
    if (object !== undefined) entry.object = object;
    this.trace.record(entry);
  }

  #runNext(): void {
    const event = this.#queue.pop()!;
    this.#now = event.at;
    this.#eventsRun++;
    // An actor that has gone (a deleted node's kubelet) simply never hears its late messages.
    this.#actors.get(event.target)?.receive(event.message);
  }

  snapshot(): SimulatorSnapshot {
    const queue = this.#queue.toArray();
    return { now: this.#now, seq: this.#seq, rng: this.rng.snapshot(), eventRng: this.eventRng.snapshot(), queue, trace: this.trace.snapshot() };
  }

  restore(state: SimulatorSnapshot): void {
    this.#now = state.now;
    this.#seq = state.seq;
    this.rng.restore(state.rng);
    if (state.eventRng) this.eventRng.restore(state.eventRng);
    this.#queue = new EventQueue<ScheduledEvent>(state.queue);
    this.trace.restore(state.trace);
  }
}
