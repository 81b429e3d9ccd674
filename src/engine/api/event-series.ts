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

/** The fields getKey() compares, the regarding reference included whole. */
export interface IsomorphicKey {
  action: string;
  reason: string;
  regarding: string;
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

export type SeriesCacheState<E = unknown> = [string, SeriesEntry<E>][];

const keyOf = (k: IsomorphicKey) => `${k.action}\u0000${k.reason}\u0000${k.regarding}\u0000${k.note}`;

/** One broadcaster's cache of the Events it recorded (one per process: the scheduler, each kube-proxy). */
export class EventSeriesCache<E> {
  #entries = new Map<string, SeriesEntry<E>>();

  get size(): number {
    return this.#entries.size;
  }

  /** Whether any series is open, so a refresh has something to write. */
  get hasSeries(): boolean {
    for (const e of this.#entries.values()) if (e.series) return true;
    return false;
  }

  /** A new sighting of `key` at `nowMs`: write it new, start a series, or only count it. */
  observe(key: IsomorphicKey, nowMs: number): SeriesOutcome<E> {
    const entry = this.#entries.get(keyOf(key));
    if (!entry) return { kind: 'new' };
    if (entry.series) {
      entry.series = { count: entry.series.count + 1, lastObservedMs: nowMs };
      return { kind: 'counted' };
    }
    entry.series = { count: 2, lastObservedMs: nowMs };
    return { kind: 'series', write: { ...entry, series: { ...entry.series } } };
  }

  /** Remember the Event a first sighting was written as. */
  add(key: IsomorphicKey, entry: SeriesEntry<E>): void {
    this.#entries.set(keyOf(key), entry);
  }

  /**
   * finishSeries: a series quiet for six minutes is written with its final count and forgotten;
   * a singleton older than six minutes is forgotten.
   */
  finish(nowMs: number): SeriesWrite<E>[] {
    const writes: SeriesWrite<E>[] = [];
    for (const [key, entry] of this.#entries) {
      if (entry.series) {
        if (entry.series.lastObservedMs >= nowMs - FINISH_PERIOD_MS) continue;
        writes.push({ ...entry, series: { ...entry.series } });
      } else if (entry.eventTimeMs >= nowMs - FINISH_PERIOD_MS) continue;
      this.#entries.delete(key);
    }
    return writes;
  }

  /** refreshExistingEventSeries: every series still open is written with its current count. */
  refresh(): SeriesWrite<E>[] {
    return [...this.#entries.values()].filter((e): e is SeriesWrite<E> => e.series !== undefined).map((e) => ({ ...e, series: { ...e.series } }));
  }

  snapshot(): SeriesCacheState<E> {
    return [...this.#entries].map(([k, e]) => [k, { ...e, ...(e.series ? { series: { ...e.series } } : {}) }]);
  }

  restore(state: SeriesCacheState<E>): void {
    this.#entries = new Map(state.map(([k, e]) => [k, { ...e, ...(e.series ? { series: { ...e.series } } : {}) }]));
  }
}
