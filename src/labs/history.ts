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

  /** Versions of the object stored at `key`, oldest first. */
  versions(key: string): readonly ObjectVersion[] {
    return this.#state.versions[key] ?? [];
  }

  /** Every key that ever had a version under `prefix`. */
  keys(prefix: string): string[] {
    return Object.keys(this.#state.versions).filter((k) => k.startsWith(prefix)).sort();
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
