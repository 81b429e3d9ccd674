import type { Actor, Message, Simulator } from '../sim/simulator';
import { Lessor, type LeaseState } from './lessor';

/**
 * An etcd-like multi-version key-value store. Every write bumps one global revision; each key
 * remembers when it was created and last modified; watchers receive the changes under a prefix
 * from a chosen revision, delivered through the simulator's event queue, never synchronously,
 * just as a real watch stream arrives after the write returns.
 */
export interface KeyValue<V = unknown> {
  key: string;
  value: V;
  createRevision: number;
  modRevision: number;
  version: number;
  /** The lease the key is attached to (etcd's int64 id, in decimal), if any. */
  lease?: string;
}

export interface WatchEvent<V = unknown> {
  type: 'PUT' | 'DELETE';
  kv: KeyValue<V>;
  /** The value before this change, when there was one. */
  prevKv?: KeyValue<V>;
}

export interface WatchMessage {
  type: 'watch';
  watchId: number;
  events: WatchEvent[];
  [field: string]: unknown;
}

interface Watcher {
  id: number;
  prefix: string;
  target: string;
}

export class StoreError extends Error {
  constructor(
    readonly code: 'Conflict' | 'NotFound' | 'Compacted',
    message: string,
  ) {
    super(message);
  }
}

export interface StoreSnapshot {
  revision: number;
  compacted: number;
  nextWatchId: number;
  kvs: KeyValue[];
  history: WatchEvent[];
  watchers: Watcher[];
  /** Absent in snapshots from before leases. */
  leases?: LeaseState[];
}

const EMPTY: ReadonlyMap<string, KeyValue> = new Map();

/** `/registry/pods/` of `/registry/pods/default/web-1` (up to the third slash), if it has one. */
function rootOf(key: string): string | undefined {
  const first = key.indexOf('/');
  const second = first < 0 ? -1 : key.indexOf('/', first + 1);
  const third = second < 0 ? -1 : key.indexOf('/', second + 1);
  return third < 0 ? undefined : key.slice(0, third + 1);
}

/** Changes kept for watchers that start from an older revision, until compaction. */
const HISTORY_MAX = 5_000;

/**
 * etcd's request ids, which lease ids are drawn from (idutil.Generator): the member id's low 16
 * bits, then the start time in ms shifted past an 8-bit counter, counting up with each request.
 */
const MEMBER_PREFIX = 0x694dn << 48n;
const SUFFIX_MASK = (1n << 48n) - 1n;

export class Store implements Actor {
  readonly id = 'etcd';
  #lessor = new Lessor();
  #revision = 1;
  #compacted = 0;
  #kvs = new Map<string, KeyValue>();
  /**
   * The same keys grouped by their first two segments (`/registry/pods/`), so listing pods does
   * not walk tens of thousands of Events. A prefix shorter than that falls back to a full scan.
   */
  #byRoot = new Map<string, Map<string, KeyValue>>();
  #history: WatchEvent[] = [];
  #watchers = new Map<number, Watcher>();
  /**
   * The same watchers grouped by prefix, each group in id order. A 100-node cluster has hundreds
   * of watchers (every kube-proxy watches Services and EndpointSlices) but only a couple of dozen
   * distinct prefixes, so a write tests each prefix once instead of every watcher.
   */
  #byPrefix = new Map<string, Watcher[]>();
  /** `#byPrefix` entries relevant to each key root; cleared whenever the watchers change. */
  #groupsByRoot = new Map<string, [string, Watcher[]][]>();
  #nextWatchId = 1;

  constructor(
    private readonly sim: Simulator,
    /** Virtual ms between a write and its delivery to watchers. */
    readonly watchLatencyMs = 1,
    /** Wall-clock ms at virtual time 0, when etcd started: the base of its lease ids. */
    private readonly epochMs = 0,
  ) {
    sim.register(this);
  }

  /**
   * Grant a lease of `ttlMs` (etcd's LeaseGrant); keys put under it are deleted when it expires,
   * all in one revision, as the lessor revokes a lease in one transaction.
   */
  grantLease(ttlMs: number): string {
    const id = String(MEMBER_PREFIX | (((BigInt(this.epochMs) << 8n) + BigInt(this.#revision)) & SUFFIX_MASK));
    this.#lessor.grant({ id, ttlMs, expiresMs: this.sim.now() + ttlMs });
    this.sim.schedule(ttlMs, this.id, { type: 'lease-expired', lease: id });
    return id;
  }

  /** etcd's LeaseLeases: every lease not yet expired. */
  leases(): LeaseState[] {
    return this.#lessor.list();
  }

  /** etcd's LeaseTimeToLive: the lease, if it has not expired, and the keys attached to it. */
  lease(id: string): (LeaseState & { keys: string[] }) | undefined {
    const lease = this.#lessor.get(id);
    if (!lease) return undefined;
    const keys = [...this.#kvs.values()].filter((kv) => kv.lease === id).map((kv) => kv.key);
    return { ...lease, keys };
  }

  receive(message: Message): void {
    if (message.type !== 'lease-expired' || !this.#lessor.revoke(message.lease as string)) return;
    // Few leases expire (the API server shares one per minute of writes), so a scan is cheap,
    // and spares a key index per lease.
    const keys = [...this.#kvs.values()].filter((kv) => kv.lease === message.lease).map((kv) => kv.key);
    if (keys.length === 0) return;
    const revision = ++this.#revision;
    for (const key of keys.sort()) this.#remove(key, revision);
  }

  get revision(): number {
    return this.#revision;
  }

  get compactedRevision(): number {
    return this.#compacted;
  }

  get(key: string): KeyValue | undefined {
    return this.#kvs.get(key);
  }

  /** Every key under `prefix`, sorted by key as etcd returns a range. */
  list(prefix: string): KeyValue[] {
    const out: KeyValue[] = [];
    for (const kv of this.#candidates(prefix).values()) if (kv.key.startsWith(prefix)) out.push(kv);
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Number of keys under a prefix without materialising them. */
  count(prefix: string): number {
    let n = 0;
    for (const key of this.#candidates(prefix).keys()) if (key.startsWith(prefix)) n++;
    return n;
  }

  /** The keys that can start with `prefix`: its root's group when it names one, else all. */
  #candidates(prefix: string): ReadonlyMap<string, KeyValue> {
    const root = rootOf(prefix);
    return root === undefined ? this.#kvs : (this.#byRoot.get(root) ?? EMPTY);
  }

  #index(kv: KeyValue): void {
    const root = rootOf(kv.key) ?? '';
    let group = this.#byRoot.get(root);
    if (!group) this.#byRoot.set(root, (group = new Map<string, KeyValue>()));
    group.set(kv.key, kv);
  }

  #unindex(key: string): void {
    this.#byRoot.get(rootOf(key) ?? '')?.delete(key);
  }

  /**
   * Write `value` at `key`. With `expectedModRevision` the write succeeds only if the key is
   * still at that revision (0 means "must not exist"), which is how the API server implements
   * optimistic concurrency.
   */
  put(key: string, value: unknown, expectedModRevision?: number, lease?: string): KeyValue {
    const prev = this.#kvs.get(key);
    if (expectedModRevision !== undefined && (prev?.modRevision ?? 0) !== expectedModRevision) {
      throw new StoreError('Conflict', `key ${key} is at revision ${prev?.modRevision ?? 0}, not ${expectedModRevision}`);
    }
    if (lease !== undefined && !this.#lessor.has(lease)) throw new StoreError('NotFound', `lease ${lease} not found`);
    const revision = ++this.#revision;
    const createRevision = prev?.createRevision ?? revision;
    const version = (prev?.version ?? 0) + 1;
    // A put without a lease leaves the key with none, as etcd's does.
    const kv: KeyValue =
      lease === undefined ? { key, value, createRevision, modRevision: revision, version } : { key, value, createRevision, modRevision: revision, version, lease };
    this.#kvs.set(key, kv);
    this.#index(kv);
    this.#emit(prev ? { type: 'PUT', kv, prevKv: prev } : { type: 'PUT', kv });
    return kv;
  }

  delete(key: string, expectedModRevision?: number): KeyValue {
    const prev = this.#kvs.get(key);
    if (!prev) throw new StoreError('NotFound', `key ${key} not found`);
    if (expectedModRevision !== undefined && prev.modRevision !== expectedModRevision) {
      throw new StoreError('Conflict', `key ${key} is at revision ${prev.modRevision}, not ${expectedModRevision}`);
    }
    this.#remove(key, ++this.#revision);
    return prev;
  }

  /** Delete a key at `revision`: its tombstone goes to watchers with the value it had. */
  #remove(key: string, revision: number): void {
    const prev = this.#kvs.get(key)!;
    this.#kvs.delete(key);
    this.#unindex(key);
    const { lease: _lease, ...rest } = prev;
    const tombstone: KeyValue = { ...rest, modRevision: revision, version: 0 };
    this.#emit({ type: 'DELETE', kv: tombstone, prevKv: prev });
  }

  /**
   * Watch every change under `prefix` after `fromRevision` (exclusive). Changes already in history
   * are replayed first; a revision older than the compaction point fails as etcd's does.
   */
  watch(prefix: string, fromRevision: number, target: string): number {
    if (fromRevision < this.#compacted) {
      throw new StoreError('Compacted', `required revision ${fromRevision} has been compacted (compacted at ${this.#compacted})`);
    }
    const watcher: Watcher = { id: this.#nextWatchId++, prefix, target };
    this.#addWatcher(watcher);
    const backlog = this.#history.filter((e) => e.kv.modRevision > fromRevision && e.kv.key.startsWith(prefix));
    if (backlog.length > 0) this.#deliver(watcher, backlog);
    return watcher.id;
  }

  cancelWatch(watchId: number): void {
    const watcher = this.#watchers.get(watchId);
    if (!watcher) return;
    this.#watchers.delete(watchId);
    this.#groupsByRoot.clear();
    const group = this.#byPrefix.get(watcher.prefix)!.filter((w) => w.id !== watchId);
    if (group.length > 0) this.#byPrefix.set(watcher.prefix, group);
    else this.#byPrefix.delete(watcher.prefix);
  }

  #addWatcher(watcher: Watcher): void {
    this.#groupsByRoot.clear();
    this.#watchers.set(watcher.id, watcher);
    const group = this.#byPrefix.get(watcher.prefix);
    if (group) group.push(watcher);
    else this.#byPrefix.set(watcher.prefix, [watcher]);
  }

  /** Forget history at or below `revision`; watches from before it will be refused. */
  compact(revision: number): void {
    this.#compacted = Math.max(this.#compacted, Math.min(revision, this.#revision));
    this.#history = this.#history.filter((e) => e.kv.modRevision > this.#compacted);
  }

  #emit(event: WatchEvent): void {
    this.#history.push(event);
    // Compact in chunks, as the API server compacts etcd periodically, not on every write.
    if (this.#history.length > HISTORY_MAX * 1.5) this.compact(this.#history[this.#history.length - HISTORY_MAX]!.kv.modRevision);
    // One read-only batch shared by every watcher's message: a pod write reaches ten watchers.
    const events = [event];
    for (const watcher of this.#watchersOf(event.kv.key)) this.#deliver(watcher, events);
  }

  /**
   * The watcher groups that can cover keys under `key`'s root: the prefix list is scanned once per
   * root (pods, events, ...) and again only after a watch starts or stops, not on every write.
   */
  #groupsFor(key: string): [string, Watcher[]][] {
    const root = rootOf(key) ?? key;
    let groups = this.#groupsByRoot.get(root);
    if (!groups) {
      groups = [...this.#byPrefix].filter(([prefix]) => prefix.startsWith(root) || root.startsWith(prefix));
      this.#groupsByRoot.set(root, groups);
    }
    return groups;
  }

  /** Watchers whose prefix covers `key`, in id (registration) order, as delivery order is observable. */
  #watchersOf(key: string): Watcher[] {
    let matched: Watcher[] | undefined;
    let groups = 0;
    for (const [prefix, group] of this.#groupsFor(key)) {
      if (!key.startsWith(prefix)) continue;
      matched = groups++ === 0 ? group : [...matched!, ...group];
    }
    if (groups > 1) matched!.sort((a, b) => a.id - b.id);
    return matched ?? [];
  }

  #deliver(watcher: Watcher, events: WatchEvent[]): void {
    const message: WatchMessage = { type: 'watch', watchId: watcher.id, events };
    this.sim.schedule(this.watchLatencyMs, watcher.target, message);
  }

  snapshot(): StoreSnapshot {
    return {
      revision: this.#revision,
      compacted: this.#compacted,
      nextWatchId: this.#nextWatchId,
      kvs: [...this.#kvs.values()],
      history: this.#history,
      watchers: [...this.#watchers.values()],
      leases: this.#lessor.snapshot(),
    };
  }

  restore(state: StoreSnapshot): void {
    this.#revision = state.revision;
    this.#compacted = state.compacted;
    this.#nextWatchId = state.nextWatchId;
    this.#kvs = new Map(state.kvs.map((kv) => [kv.key, kv]));
    this.#byRoot = new Map();
    for (const kv of this.#kvs.values()) this.#index(kv);
    this.#history = [...state.history];
    this.#watchers = new Map();
    this.#byPrefix = new Map();
    for (const w of state.watchers) this.#addWatcher(w);
    this.#lessor.restore(state.leases ?? []);
  }
}
