import { MinHeap } from '../sim/heap';

export interface QueuedPod {
  key: string;
  priority: number;
  /** When the pod entered the active queue; earlier goes first among equal priorities. */
  sinceMs: number;
  seq: number;
}

/** Higher priority first, then the longest waiting, then arrival order. */
function before(a: QueuedPod, b: QueuedPod): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  if (a.sinceMs !== b.sinceMs) return a.sinceMs < b.sinceMs;
  return a.seq < b.seq;
}

/**
 * The scheduler's activeQ: a heap for O(log n) pops plus a map for membership, with lazy
 * deletion (a popped entry that is no longer the map's entry for its key is skipped). Thousands
 * of pending pods from one Deployment must not make every add or bind cost O(n).
 */
export class ActiveQueue {
  #byKey = new Map<string, QueuedPod>();
  #heap = new MinHeap<QueuedPod>(before);

  has(key: string): boolean {
    return this.#byKey.has(key);
  }

  get length(): number {
    return this.#byKey.size;
  }

  push(entry: QueuedPod): void {
    this.#byKey.set(entry.key, entry);
    this.#heap.push(entry);
  }

  pop(): string | undefined {
    for (let next = this.#heap.pop(); next; next = this.#heap.pop()) {
      if (this.#byKey.get(next.key) !== next) continue;
      this.#byKey.delete(next.key);
      return next.key;
    }
    return undefined;
  }

  delete(key: string): void {
    this.#byKey.delete(key);
  }

  /** Entries in pop order, for snapshots. */
  entries(): QueuedPod[] {
    return [...this.#byKey.values()].sort((a, b) => (before(a, b) ? -1 : 1));
  }

  static from(entries: QueuedPod[]): ActiveQueue {
    const queue = new ActiveQueue();
    for (const e of entries) queue.push(e);
    return queue;
  }
}
