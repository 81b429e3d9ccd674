/**
 * What client-go's events.k8s.io broadcaster (tools/events/event_broadcaster.go) does with the
 * Events a component records through the newer Events API, as the scheduler and kube-proxy do.
 * There is no aggregation and no spam filter, only isomorphic repeats: the same action, reason,
 * regarding object (resourceVersion and field path included) and note.
 * 1. The first sighting is created and cached.
 * 2. The second turns the cached Event into a series: `series: {count: 2, lastObservedTime}` is
 *    patched onto it at once.
 * 3. Later repeats only bump the cached count; the API server sees them when the series is
 *    refreshed (every 30 minutes) or finished (six minutes after its last repeat).
 * So `kubectl describe` shows `(x2 over 3m)` for a while even when the scheduler tried ten times.
 * Singletons leave the cache six minutes after they happened: a repeat after that is a new Event.
 */

export const FINISH_PERIOD_MS = 6 * 60_000;
export const REFRESH_PERIOD_MS = 30 * 60_000;

/**
 * The fields getKey() compares. Upstream compares the whole regarding reference; its uid stands
 * for kind, name and namespace, and its resourceVersion and field path are compared too.
 */
export interface IsomorphicKey {
  uid: string;
  resourceVersion: string;
  fieldPath: string;
  action: string;
  reason: string;
  note: string;
}

export interface SeriesEntry<E = unknown> {
  /** The Event this key was first written as (written anew if it is gone when the series is). */
  event: E;
  eventTimeMs: number;
  series?: { count: number; lastObservedMs: number };
}

/** A write the broadcaster sends: the Event named, with its series as it stands. */
export type SeriesWrite<E = unknown> = SeriesEntry<E> & { series: { count: number; lastObservedMs: number } };

export type SeriesOutcome<E> = { kind: 'new' } | { kind: 'series'; write: SeriesWrite<E> } | { kind: 'counted' };

type Keyed<E> = IsomorphicKey & SeriesEntry<E>;

/** An entry and the next one about the same object: a chain, not an array per object (most have one). */
type Link<E> = Keyed<E> & { next: Link<E> | undefined };

export type SeriesCacheState<E = unknown> = Keyed<E>[];

const sameKey = (a: IsomorphicKey, b: IsomorphicKey) =>
  a.resourceVersion === b.resourceVersion && a.reason === b.reason && a.action === b.action && a.fieldPath === b.fieldPath && a.note === b.note;

/**
 * One broadcaster's cache of the Events it recorded (one per process: the scheduler, each
 * kube-proxy). Entries are found by the regarding object's uid, then by comparing the other
 * fields: strings the Events already hold, where a joined key would be one more string per Event.
 */
export class EventSeriesCache<E> {
  #byUid = new Map<string, Link<E>>();
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** Whether any series is open, so a refresh has something to write. */
  get hasSeries(): boolean {
    return this.#all().some((e) => e.series !== undefined);
  }

  /** A new sighting of `key` at `nowMs`: write it new, start a series, or only count it. */
  observe(key: IsomorphicKey, nowMs: number): SeriesOutcome<E> {
    let entry = this.#byUid.get(key.uid);
    while (entry && !sameKey(entry, key)) entry = entry.next;
    if (!entry) return { kind: 'new' };
    if (entry.series) {
      entry.series = { count: entry.series.count + 1, lastObservedMs: nowMs };
      return { kind: 'counted' };
    }
    entry.series = { count: 2, lastObservedMs: nowMs };
    return { kind: 'series', write: writeOf(entry) };
  }

  /** Remember the Event a first sighting was written as. */
  add(key: IsomorphicKey, entry: SeriesEntry<E>): void {
    const { uid, resourceVersion, fieldPath, action, reason, note } = key;
    const link: Link<E> = { uid, resourceVersion, fieldPath, action, reason, note, ...entry, next: this.#byUid.get(uid) };
    this.#byUid.set(uid, link);
    this.#size++;
  }

  /**
   * finishSeries: a series quiet for six minutes is written with its final count and forgotten;
   * a singleton older than six minutes is forgotten.
   */
  finish(nowMs: number): SeriesWrite<E>[] {
    const writes: SeriesWrite<E>[] = [];
    const cutoff = nowMs - FINISH_PERIOD_MS;
    for (const [uid, first] of this.#byUid) {
      let kept: Link<E> | undefined;
      for (let e: Link<E> | undefined = first; e; ) {
        const next: Link<E> | undefined = e.next;
        const live = e.series ? e.series.lastObservedMs >= cutoff : e.eventTimeMs >= cutoff;
        if (live) {
          e.next = kept;
          kept = e;
        } else {
          if (e.series) writes.push(writeOf(e));
          this.#size--;
        }
        e = next;
      }
      if (kept) this.#byUid.set(uid, kept);
      else this.#byUid.delete(uid);
    }
    return writes;
  }

  /** refreshExistingEventSeries: every series still open is written with its current count. */
  refresh(): SeriesWrite<E>[] {
    return this.#all().filter((e) => e.series !== undefined).map(writeOf);
  }

  #all(): Link<E>[] {
    const out: Link<E>[] = [];
    for (const first of this.#byUid.values()) for (let e: Link<E> | undefined = first; e; e = e.next) out.push(e);
    return out;
  }

  snapshot(): SeriesCacheState<E> {
    return this.#all().map(({ next: _next, ...e }) => ({ ...e, ...(e.series ? { series: { ...e.series } } : {}) }));
  }

  restore(state: SeriesCacheState<E>): void {
    this.#byUid = new Map();
    this.#size = 0;
    // Objects in the order they were first cached, each chain in the order snapshot() walked it.
    const tails = new Map<string, Link<E>>();
    for (const e of state) {
      const link: Link<E> = { ...e, ...(e.series ? { series: { ...e.series } } : {}), next: undefined };
      const tail = tails.get(e.uid);
      if (tail) tail.next = link;
      else this.#byUid.set(e.uid, link);
      tails.set(e.uid, link);
      this.#size++;
    }
  }
}

function writeOf<E>(e: SeriesEntry<E>): SeriesWrite<E> {
  return { event: e.event, eventTimeMs: e.eventTimeMs, series: { ...e.series! } };
}
