import { MinHeap } from './heap';

/** What the queue orders: a virtual time, and a sequence number that rises with every push. */
export interface Timed {
  at: number;
  seq: number;
}

/** The events due at one virtual ms, in the order they were pushed, and how many have run. */
interface Bucket<T> {
  at: number;
  items: T[];
  head: number;
}

/**
 * The simulator's pending events, popped in (time, sequence) order. Events come in bursts at
 * the same ms (every watch delivery of a write, every informer's reaction to it), so they are
 * kept as one first-in-first-out list per ms plus a heap of the distinct times: a push is
 * usually an append, and the heap compares plain numbers, once per time rather than per event.
 * Within one time, push order is sequence order, since every push takes the next number.
 */
export class EventQueue<T extends Timed> {
  readonly #times = new MinHeap<number>((a, b) => a < b);
  readonly #buckets = new Map<number, Bucket<T>>();
  /** The bucket of the earliest time, or undefined when nothing is pending. */
  #front: Bucket<T> | undefined;
  #size = 0;

  constructor(items: readonly T[] = []) {
    for (const item of [...items].sort((a, b) => a.at - b.at || a.seq - b.seq)) this.push(item);
  }

  get size(): number {
    return this.#size;
  }

  push(item: T): void {
    this.#size++;
    const front = this.#front;
    if (front !== undefined && front.at === item.at) {
      front.items.push(item);
      return;
    }
    let bucket = this.#buckets.get(item.at);
    if (bucket === undefined) {
      bucket = { at: item.at, items: [], head: 0 };
      this.#buckets.set(item.at, bucket);
      this.#times.push(item.at);
      if (front === undefined || item.at < front.at) this.#front = bucket;
    }
    bucket.items.push(item);
  }

  peek(): T | undefined {
    const front = this.#front;
    return front === undefined ? undefined : front.items[front.head];
  }

  pop(): T | undefined {
    const front = this.#front;
    if (front === undefined) return undefined;
    const item = front.items[front.head]!;
    front.items[front.head++] = undefined as unknown as T;
    this.#size--;
    if (front.head === front.items.length) {
      this.#buckets.delete(front.at);
      this.#times.pop();
      const next = this.#times.peek();
      this.#front = next === undefined ? undefined : this.#buckets.get(next);
    }
    return item;
  }

  /** The pending items in (time, sequence) order (for snapshots). */
  toArray(): T[] {
    const out: T[] = [];
    for (const bucket of this.#buckets.values()) for (let i = bucket.head; i < bucket.items.length; i++) out.push(bucket.items[i]!);
    return out.sort((a, b) => a.at - b.at || a.seq - b.seq);
  }
}
