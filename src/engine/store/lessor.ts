/**
 * etcd's lessor: leases that expire after their TTL, taking every key attached to them along.
 * The API server stores Events under leases (--event-ttl, an hour by default), which is why a
 * cluster's Events vanish an hour after they were last written. Which lease a key is attached to
 * is on the key itself (KeyValue.lease): the lessor only knows when each lease expires.
 */
export interface LeaseState {
  id: string;
  expiresMs: number;
}

export class Lessor {
  #leases = new Map<string, number>();

  grant(id: string, expiresMs: number): void {
    this.#leases.set(id, expiresMs);
  }

  has(id: string): boolean {
    return this.#leases.has(id);
  }

  /** Forget a lease; the store deletes the keys still attached to it. */
  revoke(id: string): boolean {
    return this.#leases.delete(id);
  }

  snapshot(): LeaseState[] {
    return [...this.#leases].map(([id, expiresMs]) => ({ id, expiresMs }));
  }

  restore(state: LeaseState[]): void {
    this.#leases = new Map(state.map((l) => [l.id, l.expiresMs]));
  }
}
