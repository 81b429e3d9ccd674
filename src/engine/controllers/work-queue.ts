/**
 * A de-duplicating FIFO of object keys (client-go's workqueue): adding a key already waiting is a
 * no-op, so a burst of events about one object costs one reconcile. Plain data, so snapshots keep it.
 */
export class WorkQueue {
  #order: string[] = [];
  #waiting = new Set<string>();

  add(key: string): boolean {
    if (this.#waiting.has(key)) return false;
    this.#waiting.add(key);
    this.#order.push(key);
    return true;
  }

  /** Take up to `max` keys off the front. */
  take(max: number): string[] {
    const batch = this.#order.splice(0, max);
    for (const key of batch) this.#waiting.delete(key);
    return batch;
  }

  get length(): number {
    return this.#order.length;
  }

  snapshot(): string[] {
    return [...this.#order];
  }

  restore(keys: string[]): void {
    this.#order = [...keys];
    this.#waiting = new Set(keys);
  }
}
