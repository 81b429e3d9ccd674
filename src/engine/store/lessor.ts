/**
 * etcd's lessor: leases that expire after their TTL, taking every key attached to them along.
 * The API server stores Events under leases (--event-ttl, an hour by default), which is why a
 * cluster's Events vanish an hour after they were last written. Which lease a key is attached to
 * is on the key itself (KeyValue.lease): the lessor only knows when each lease expires.
 */
export interface LeaseState {
  id: string;
  /** The TTL it was granted with. */
  ttlMs: number;
  expiresMs: number;
}

export class Lessor {
  #leases = new Map<string, LeaseState>();

  grant(lease: LeaseState): void {
    this.#leases.set(lease.id, { ...lease });
  }

  /** The leases not yet expired, in the order they were granted. */
  list(): LeaseState[] {
    return [...this.#leases.values()].map((l) => ({ ...l }));
  }

  get(id: string): LeaseState | undefined {
    const lease = this.#leases.get(id);
    return lease && { ...lease };
  }

  has(id: string): boolean {
    return this.#leases.has(id);
  }

  /** Forget a lease; the store deletes the keys still attached to it. */
  revoke(id: string): boolean {
    return this.#leases.delete(id);
  }

  snapshot(): LeaseState[] {
    return this.list();
  }

  restore(state: LeaseState[]): void {
    this.#leases = new Map(state.map((l) => [l.id, { ...l }]));
  }
}
