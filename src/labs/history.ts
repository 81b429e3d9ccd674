import { deepFreeze, type KubeObject } from '../engine/api/objects';
import type { Actor, Message } from '../engine/sim/simulator';
import type { Cluster } from '../engine/cluster';
import type { WatchMessage } from '../engine/store/mvcc';

/** One version of an object as the store saw it change. */
export interface ObjectVersion {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  /** Virtual ms of the write. */
  atMs: number;
  revision: number;
  /** The object after the change (before it, for DELETED). Frozen. */
  object: KubeObject;
}

interface HistoryState {
  watchId: number;
  versions: Record<string, ObjectVersion[]>;
}

export const HISTORY_ACTOR_ID = 'lab/history';
/** Versions kept per object: the first one, and the newest after it (node heartbeats go on forever). */
const MAX_VERSIONS = 200;

/**
 * Records every change of every object from the moment the lab's cluster is created, through
 * a store-wide watch like any other component's. Checks read it to grade what happened
 * ("the Pod was Pending, then bound to node-2"), which recreating the end state cannot fake.
 */
export class ObjectHistory implements Actor {
  readonly id = HISTORY_ACTOR_ID;
  #state: HistoryState = { watchId: 0, versions: {} };

  constructor(private readonly cluster: Cluster) {
    cluster.sim.register(this);
  }

  /** Watch everything since the store's first revision (a new cluster's history is complete). */
  start(): void {
    this.#state.watchId = this.cluster.store.watch('/registry/', 0, this.id);
  }

  receive(message: Message): void {
    if (message.type !== 'watch') return;
    const atMs = this.cluster.now() - this.cluster.store.watchLatencyMs;
    for (const event of (message as WatchMessage).events) {
      const list = (this.#state.versions[event.kv.key] ??= []);
      const type = event.type === 'DELETE' ? 'DELETED' : event.prevKv ? 'MODIFIED' : 'ADDED';
      const object = (event.type === 'DELETE' ? event.prevKv?.value : event.kv.value) as KubeObject;
      list.push({ type, atMs, revision: event.kv.modRevision, object });
      if (list.length > MAX_VERSIONS) list.splice(1, 1);
    }
  }

  /**
   * Versions of the object stored at `key`, oldest first. A write made within the last watch
   * latency has not reached this watcher yet; the store's current value stands in for it, so a
   * check run right after a command sees what the command did.
   */
  versions(key: string): readonly ObjectVersion[] {
    const recorded = this.#state.versions[key] ?? [];
    const last = recorded.at(-1);
    const kv = this.cluster.store.get(key);
    const atMs = this.cluster.now();
    if (kv && (!last || kv.modRevision > last.revision)) {
      const type = !last || last.type === 'DELETED' || kv.createRevision > last.revision ? 'ADDED' : 'MODIFIED';
      return [...recorded, { type, atMs, revision: kv.modRevision, object: kv.value as KubeObject }];
    }
    if (!kv && last && last.type !== 'DELETED') return [...recorded, { type: 'DELETED', atMs, revision: this.cluster.store.revision, object: last.object }];
    return recorded;
  }

  /** Every key that ever had a version under `prefix` (or has one now). */
  keys(prefix: string): string[] {
    const keys = new Set(Object.keys(this.#state.versions).filter((k) => k.startsWith(prefix)));
    for (const kv of this.cluster.store.list(prefix)) keys.add(kv.key);
    return [...keys].sort();
  }

  snapshot(): HistoryState {
    return this.#state;
  }

  restore(state: unknown): void {
    const s = JSON.parse(JSON.stringify(state)) as HistoryState;
    for (const list of Object.values(s.versions)) for (const v of list) deepFreeze(v.object);
    this.#state = s;
  }
}
