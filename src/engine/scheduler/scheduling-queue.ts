import { ActiveQueue, type QueuedPod } from './active-queue';
/** Backoff of a pod that failed: 1 s, doubling per attempt, at most 10 s (podInitial/MaxBackoffDuration). */
export const INITIAL_BACKOFF_MS = 1_000;
export const MAX_BACKOFF_MS = 10_000;
/** An unschedulable pod nobody woke is retried after 5 min (podMaxInUnschedulablePodsDuration)... */
export const MAX_IN_UNSCHEDULABLE_MS = 5 * 60_000;
/** ...which flushUnschedulablePodsLeftover checks every 30 s. */
export const UNSCHEDULABLE_FLUSH_PERIOD_MS = 30_000;


/** Plain-JSON state of the queue for cluster snapshots. */
export interface SchedulingQueueState {
  active: QueuedPod[];
  backoff: [string, { priority: number; untilMs: number }][];
  unschedulable: [string, { priority: number; sinceMs: number }][];
  attempts: [string, { count: number; lastMs: number }][];
  seq: number;
}

/**
 * The scheduling queue in miniature (PriorityQueue): activeQ ordered by priority, then arrival;
 * backoffQ for pods that failed recently; unschedulablePods parked until a cluster event (a node
 * added or changed, a bound pod gone) might help them, or until five minutes have passed.
 */
export class SchedulingQueue {
  #active = new ActiveQueue();
  #backoff = new Map<string, { priority: number; untilMs: number }>();
  #unschedulable = new Map<string, { priority: number; sinceMs: number }>();
  #attempts = new Map<string, { count: number; lastMs: number }>();
  #seq = 0;

  /** A new or changed pending pod: straight to activeQ unless it is already waiting there. */
  add(key: string, priority: number, nowMs: number): void {
    this.#backoff.delete(key);
    this.#unschedulable.delete(key);
    if (this.#active.has(key)) return;
    this.#active.push({ key, priority, sinceMs: nowMs, seq: this.#seq++ });
  }

  /** Take the highest-priority, longest-waiting pod off activeQ. */
  pop(): string | undefined {
    return this.#active.pop();
  }

  get activeLength(): number {
    return this.#active.length;
  }

  /** Forget a pod entirely: it was bound, deleted or handed to another scheduler. */
  delete(key: string): void {
    this.#active.delete(key);
    this.#backoff.delete(key);
    this.#unschedulable.delete(key);
    this.#attempts.delete(key);
  }

  /** Record a failed attempt; returns the backoff it earned. */
  #fail(key: string, nowMs: number): number {
    const attempts = { count: (this.#attempts.get(key)?.count ?? 0) + 1, lastMs: nowMs };
    this.#attempts.set(key, attempts);
    return backoffMs(attempts.count);
  }

  /** No node fits: park the pod until something changes. */
  addUnschedulable(key: string, priority: number, nowMs: number): void {
    this.#fail(key, nowMs);
    this.#unschedulable.set(key, { priority, sinceMs: nowMs });
  }

  /** A transient error (a conflict while binding): retry after the backoff. Returns when. */
  addBackoff(key: string, priority: number, nowMs: number): number {
    const untilMs = nowMs + this.#fail(key, nowMs);
    this.#backoff.set(key, { priority, untilMs });
    return untilMs;
  }

  /**
   * A cluster event that may help: every unschedulable pod moves to activeQ, or to backoffQ if its
   * backoff has not run out yet. Returns the backoff expiries the caller should wake up for.
   */
  moveAllUnschedulable(nowMs: number, olderThanMs = 0): number[] {
    const wake: number[] = [];
    for (const [key, entry] of [...this.#unschedulable].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (nowMs - entry.sinceMs < olderThanMs) continue;
      this.#unschedulable.delete(key);
      const a = this.#attempts.get(key);
      const untilMs = a ? a.lastMs + backoffMs(a.count) : nowMs;
      if (untilMs > nowMs) {
        this.#backoff.set(key, { priority: entry.priority, untilMs });
        wake.push(untilMs);
      } else this.#active.push({ key, priority: entry.priority, sinceMs: nowMs, seq: this.#seq++ });
    }
    return wake;
  }

  /** Move pods whose backoff has run out to activeQ (flushBackoffQCompleted). */
  flushBackoff(nowMs: number): void {
    for (const [key, entry] of [...this.#backoff].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (entry.untilMs > nowMs) continue;
      this.#backoff.delete(key);
      this.#active.push({ key, priority: entry.priority, sinceMs: nowMs, seq: this.#seq++ });
    }
  }

  get unschedulableCount(): number {
    return this.#unschedulable.size;
  }

  /** Where a pod waits: `active`, `backoff`, `unschedulable`, or undefined. */
  where(key: string): 'active' | 'backoff' | 'unschedulable' | undefined {
    if (this.#active.has(key)) return 'active';
    if (this.#backoff.has(key)) return 'backoff';
    return this.#unschedulable.has(key) ? 'unschedulable' : undefined;
  }

  snapshot(): SchedulingQueueState {
    return { active: this.#active.entries(), backoff: [...this.#backoff], unschedulable: [...this.#unschedulable], attempts: [...this.#attempts], seq: this.#seq };
  }

  restore(state: SchedulingQueueState): void {
    this.#active = ActiveQueue.from(state.active);
    this.#backoff = new Map(state.backoff);
    this.#unschedulable = new Map(state.unschedulable);
    this.#attempts = new Map(state.attempts);
    this.#seq = state.seq;
  }
}

/** 1 s for the first failure, doubling, capped at 10 s. */
export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, INITIAL_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
}
