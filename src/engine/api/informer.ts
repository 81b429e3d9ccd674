import type { WatchEvent, WatchMessage } from '../store/mvcc';
import type { ApiServer } from './apiserver';
import { keyOf, type KubeObject } from './objects';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export type InformerHandler = (type: WatchEventType, obj: KubeObject, old: KubeObject | undefined) => void;

export interface InformerSnapshot {
  watchId: number;
  items: KubeObject[];
}

/**
 * A component's local cache of one resource, kept current by a watch (client-go's shared
 * informer, minus the sharing). Components read from the cache, never from the store, so what a
 * controller acts on is what it has seen so far: that lag is part of what lessons show.
 */
export class Informer<T extends KubeObject = KubeObject> {
  #cache = new Map<string, T>();
  #watchId = -1;

  constructor(
    private readonly api: ApiServer,
    readonly resource: string,
    /** Actor id that receives the watch messages and routes them here. */
    private readonly owner: string,
    private readonly handler: InformerHandler,
    private readonly namespace?: string,
  ) {}

  /** List, fill the cache, tell the handler about every object, then watch from the list's revision. */
  start(): void {
    const list = this.api.list<T>(this.resource, this.namespace);
    for (const obj of list.items) {
      this.#cache.set(keyOf(obj), obj);
      this.handler('ADDED', obj, undefined);
    }
    this.#watchId = this.api.watch(this.resource, this.namespace, Number(list.resourceVersion), this.owner);
  }

  /** Handle a watch message if it belongs to this informer. */
  handle(message: WatchMessage): boolean {
    if (message.watchId !== this.#watchId) return false;
    for (const event of message.events) this.#apply(event);
    return true;
  }

  #apply(event: WatchEvent): void {
    if (event.type === 'DELETE') {
      const obj = event.prevKv!.value as T;
      this.#cache.delete(keyOf(obj));
      this.handler('DELETED', obj, undefined);
      return;
    }
    const obj = event.kv.value as T;
    const key = keyOf(obj);
    const old = this.#cache.get(key);
    this.#cache.set(key, obj);
    this.handler(old ? 'MODIFIED' : 'ADDED', obj, old);
  }

  get(key: string): T | undefined {
    return this.#cache.get(key);
  }

  /** Cached objects, optionally in one namespace, in key order. */
  list(namespace?: string): T[] {
    const out: T[] = [];
    for (const obj of this.#cache.values()) if (namespace === undefined || obj.metadata?.namespace === namespace) out.push(obj);
    return key0sort(out);
  }

  get size(): number {
    return this.#cache.size;
  }

  snapshot(): InformerSnapshot {
    return { watchId: this.#watchId, items: [...this.#cache.values()] };
  }

  restore(state: InformerSnapshot): void {
    this.#watchId = state.watchId;
    this.#cache = new Map(state.items.map((obj) => [keyOf(obj), obj as T]));
  }
}

function key0sort<T extends KubeObject>(items: T[]): T[] {
  // Each key built once, not twice per comparison: lists of thousands of pods are sorted here.
  const keyed = items.map((obj) => ({ key: keyOf(obj), obj }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (let i = 0; i < keyed.length; i++) items[i] = keyed[i]!.obj;
  return items;
}
