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
 * A local cache of one resource, kept current by one watch (client-go's shared informer).
 * Components read from the cache, never from the store, so what a controller acts on is what it
 * has seen so far: that lag is part of what lessons show. Several handlers may share one
 * informer, as the controllers of one kube-controller-manager share its informer factory.
 */
export class Informer<T extends KubeObject = KubeObject> {
  #cache = new Map<string, T>();
  #watchId = -1;
  readonly #handlers: InformerHandler[] = [];

  constructor(
    private readonly api: ApiServer,
    readonly resource: string,
    /** Actor id that receives the watch messages and routes them here. */
    private readonly owner: string,
    handler: InformerHandler | undefined,
    private readonly namespace?: string,
  ) {
    if (handler) this.#handlers.push(handler);
  }

  get started(): boolean {
    return this.#watchId >= 0;
  }

  /** Add a handler; one added after the start hears ADDED for what is cached, as client-go replays. */
  addHandler(handler: InformerHandler): void {
    this.#handlers.push(handler);
    if (this.started) for (const obj of this.#cache.values()) handler('ADDED', obj, undefined);
  }

  /** List, fill the cache, tell the handlers about every object, then watch from the list's revision. */
  start(): void {
    if (this.started) return;
    const list = this.api.list<T>(this.resource, this.namespace);
    for (const obj of list.items) {
      this.#cache.set(keyOf(obj), obj);
      this.#notify('ADDED', obj, undefined);
    }
    this.#watchId = this.api.watch(this.resource, this.namespace, Number(list.resourceVersion), this.owner);
  }

  #notify(type: WatchEventType, obj: KubeObject, old: KubeObject | undefined): void {
    for (const handler of this.#handlers) handler(type, obj, old);
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
      this.#notify('DELETED', obj, undefined);
      return;
    }
    const obj = event.kv.value as T;
    const key = keyOf(obj);
    const old = this.#cache.get(key);
    this.#cache.set(key, obj);
    this.#notify(old ? 'MODIFIED' : 'ADDED', obj, old);
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
