import type { Store } from '../store/mvcc';

/** --event-ttl: how long an Event lives after its last write. */
export const EVENT_TTL_MS = 60 * 60_000;
/** --lease-reuse-duration-seconds: objects written within this long of a grant share its lease. */
const LEASE_REUSE_MS = 60_000;
/** The most objects attached to one lease before a new one is granted. */
const LEASE_MAX_OBJECTS = 1000;

export interface LeaseManagerState {
  id: string;
  expiresMs: number;
  attached: number;
}

/**
 * The API server's etcd lease manager (storage/etcd3/lease_manager.go): rather than one lease
 * per Event, a lease granted for the TTL plus the reuse window is shared by every object written
 * while it would still outlive the TTL, up to a thousand. So an Event goes an hour to an hour and
 * a minute after its last write.
 */
export class LeaseManager {
  #previous: LeaseManagerState | undefined;

  constructor(private readonly store: Store) {}

  leaseFor(nowMs: number, ttlMs: number): string {
    const p = this.#previous;
    // Upstream asks for now+ttl+reuse to be after the expiry: on a real clock time has moved on
    // since the grant, here the same virtual ms often follows, which counts as well.
    if (p && nowMs + ttlMs < p.expiresMs && nowMs + ttlMs + LEASE_REUSE_MS >= p.expiresMs && p.attached < LEASE_MAX_OBJECTS) {
      p.attached++;
      return p.id;
    }
    const id = this.store.grantLease(ttlMs + LEASE_REUSE_MS);
    this.#previous = { id, expiresMs: nowMs + ttlMs + LEASE_REUSE_MS, attached: 1 };
    return id;
  }

  get state(): LeaseManagerState | undefined {
    return this.#previous && { ...this.#previous };
  }

  set state(value: LeaseManagerState | undefined) {
    this.#previous = value && { ...value };
  }
}
