/**
 * The LRU of client-go's event correlator caches (tools/record/events_cache.go): at most `max`
 * keys, dropping the least recently used. Upstream keys are one string joining the object with
 * the Event's other fields. Here an entry is found through its object first, then by comparing
 * up to four fields: the object's uid is a string the API server already hashed, while joining
 * the fields meant building and hashing a new 200-character string three times for every Event
 * of a large rollout. The use order is a linked list, so each get and set is O(1) apart from the
 * (short) scan of one object's entries. Callers put the field that differs most often, and is a
 * shared string (the reason), first.
 */
export interface LruKey {
  object: string;
  a: string;
  b: string;
  c: string;
  d: string;
}

interface Entry<V> extends LruKey {
  value: V;
  older: Entry<V> | undefined;
  newer: Entry<V> | undefined;
  /** The next entry about the same object: a chain rather than an array per object, which cost more than the entries. */
  sameObject: Entry<V> | undefined;
}

export class ObjectLru<V> {
  #byObject = new Map<string, Entry<V>>();
  #oldest: Entry<V> | undefined;
  #newest: Entry<V> | undefined;
  #size = 0;

  constructor(readonly max: number) {}

  get size(): number {
    return this.#size;
  }

  /** The entry under this key, made the most recently used; undefined when there is none. */
  use(object: string, a = '', b = '', c = '', d = ''): { value: V } | undefined {
    const entry = this.#find(object, a, b, c, d);
    if (entry) this.#toNewest(entry);
    return entry;
  }

  get(object: string, a = '', b = '', c = '', d = ''): V | undefined {
    return this.use(object, a, b, c, d)?.value;
  }

  set(object: string, value: V, a = '', b = '', c = '', d = ''): void {
    const found = this.use(object, a, b, c, d);
    if (found) found.value = value;
    else this.add(object, value, a, b, c, d);
  }

  /** A key that use() just reported absent, as the most recently used. */
  add(object: string, value: V, a = '', b = '', c = '', d = ''): void {
    const entry: Entry<V> = { object, a, b, c, d, value, older: undefined, newer: undefined, sameObject: this.#byObject.get(object) };
    this.#byObject.set(object, entry);
    this.#link(entry);
    if (++this.#size > this.max) this.#evict(this.#oldest!);
  }

  /** Entries from the least to the most recently used. */
  *entries(): Generator<LruKey & { value: V }> {
    for (let e = this.#oldest; e; e = e.newer) yield e;
  }

  #find(object: string, a: string, b: string, c: string, d: string): Entry<V> | undefined {
    for (let e = this.#byObject.get(object); e; e = e.sameObject) if (e.a === a && e.b === b && e.c === c && e.d === d) return e;
    return undefined;
  }

  #toNewest(entry: Entry<V>): void {
    if (entry === this.#newest) return;
    this.#unlink(entry);
    this.#link(entry);
  }

  #link(entry: Entry<V>): void {
    entry.older = this.#newest;
    entry.newer = undefined;
    if (this.#newest) this.#newest.newer = entry;
    else this.#oldest = entry;
    this.#newest = entry;
  }

  #unlink(entry: Entry<V>): void {
    if (entry.older) entry.older.newer = entry.newer;
    else this.#oldest = entry.newer;
    if (entry.newer) entry.newer.older = entry.older;
    else this.#newest = entry.older;
  }

  #evict(entry: Entry<V>): void {
    this.#unlink(entry);
    this.#size--;
    const first = this.#byObject.get(entry.object)!;
    if (first === entry) {
      if (entry.sameObject) this.#byObject.set(entry.object, entry.sameObject);
      else this.#byObject.delete(entry.object);
      return;
    }
    let before = first;
    while (before.sameObject !== entry) before = before.sameObject!;
    before.sameObject = entry.sameObject;
  }
}
