import type { Event } from 'kubernetes-types/core/v1';

/**
 * What client-go's EventCorrelator (tools/record/events_cache.go) does to every Event a component
 * records through the core/v1 API, before anything reaches the API server:
 * 1. aggregate: from the 10th different message of the same reason about one object (with no
 *    10-minute pause between them), they become one Event, "(combined from similar events): <latest>";
 * 2. deduplicate: an Event equal to one already written bumps its count and lastTimestamp;
 * 3. rate-limit spam: per source and object (whatever the reason) a token bucket of 25 that
 *    refills one token every 5 minutes; an Event past it is dropped (its count still advances).
 * That is why `kubectl describe rs` of a 5,000-replica ReplicaSet shows nine SuccessfulCreate
 * lines and one "(x16 over 2s)". Each of the three caches is an LRU of 4,096 keys, per component.
 */

const MAX_SIMILAR = 10;
const AGGREGATE_WINDOW_MS = 600_000;
const SPAM_BURST = 25;
const SPAM_REFILL_MS = 300_000;
const CACHE_SIZE = 4096;
export const COMBINED_PREFIX = '(combined from similar events): ';

/** The Event last written under a dedup key. */
interface Observed {
  name: string;
  count: number;
  firstTimestamp: string;
}

interface Similar {
  messages: string[];
  lastMs: number;
}

interface Bucket {
  tokens: number;
  lastMs: number;
}

export interface CorrelatorState {
  observed: [string, Observed][];
  similar: [string, Similar][];
  spam: [string, Bucket][];
}

/** A Map kept in use order, dropping the least recently used key beyond `max`. */
class Lru<V> {
  /** The key used last, which is already at the end of the map's order. */
  #last: string | undefined;

  constructor(
    readonly max: number,
    public map = new Map<string, V>(),
  ) {}

  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) this.#touch(key, v);
    return v;
  }

  set(key: string, v: V): void {
    this.#touch(key, v);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }

  /**
   * Move `key` to the end (most recent). Every Event gets and then sets the same key: the set
   * finds it last already and only updates it in place.
   */
  #touch(key: string, v: V): void {
    if (key !== this.#last) this.map.delete(key);
    this.map.set(key, v);
    this.#last = key;
  }
}

/** What to send: a new Event, or an update of the one named (with the count it now has); undefined drops it. */
export type Correlated = { event: Event; update: boolean } | undefined;

export class EventCorrelator {
  /** False for the events.k8s.io recorder, which only counts repeats. */
  constructor(private readonly correlateFloods = true) {}

  #observed = new Lru<Observed>(CACHE_SIZE);
  #similar = new Lru<Similar>(CACHE_SIZE);
  #spam = new Lru<Bucket>(CACHE_SIZE);

  /** `event` as the component built it, without a name; `newName` names it when it is a new Event. */
  correlate(event: Event, nowMs: number, newName: (event: Event) => string): Correlated {
    const aggregated = this.correlateFloods ? this.#aggregate(event, nowMs) : { event, key: dedupKey(event) };
    const observed = this.#observe(aggregated.event, aggregated.key, newName);
    return !this.correlateFloods || this.#allowed(observed.event, nowMs) ? observed : undefined;
  }

  #aggregate(event: Event, nowMs: number): { event: Event; key: string } {
    const key = aggregateKey(event);
    const seen = this.#similar.get(key);
    const record: Similar = seen && nowMs - seen.lastMs <= AGGREGATE_WINDOW_MS ? seen : { messages: [], lastMs: nowMs };
    if (!record.messages.includes(event.message ?? '')) record.messages.push(event.message ?? '');
    record.lastMs = nowMs;
    this.#similar.set(key, record);
    if (record.messages.length < MAX_SIMILAR) return { event, key: dedupKey(event) };
    // Keep the set from growing past the threshold.
    record.messages.shift();
    const combined: Event = { ...event, message: `${COMBINED_PREFIX}${event.message ?? ''}`, count: 1 };
    return { event: combined, key };
  }

  /** Names the Event, new or the one it repeats; `event` is the recorder's own fresh object. */
  #observe(event: Event, key: string, newName: (event: Event) => string): { event: Event; update: boolean } {
    const last = this.#observed.get(key);
    if (!last) {
      event.metadata.name = newName(event);
      this.#observed.set(key, { name: event.metadata.name, count: event.count ?? 1, firstTimestamp: event.firstTimestamp! });
      return { event, update: false };
    }
    last.count++;
    event.metadata.name = last.name;
    event.count = last.count;
    event.firstTimestamp = last.firstTimestamp;
    this.#observed.set(key, last);
    return { event, update: true };
  }

  #allowed(event: Event, nowMs: number): boolean {
    const key = spamKey(event);
    const bucket = this.#spam.get(key) ?? { tokens: SPAM_BURST, lastMs: nowMs };
    const tokens = Math.min(SPAM_BURST, bucket.tokens + (nowMs - bucket.lastMs) / SPAM_REFILL_MS);
    const allowed = tokens >= 1;
    this.#spam.set(key, { tokens: allowed ? tokens - 1 : tokens, lastMs: nowMs });
    return allowed;
  }

  snapshot(): CorrelatorState {
    return { observed: [...this.#observed.map].map(([k, v]) => [k, { ...v }]), similar: [...this.#similar.map].map(([k, v]) => [k, { ...v, messages: [...v.messages] }]), spam: [...this.#spam.map] };
  }

  restore(state: CorrelatorState): void {
    this.#observed = new Lru(CACHE_SIZE, new Map(state.observed.map(([k, v]) => [k, { ...v }])));
    this.#similar = new Lru(CACHE_SIZE, new Map(state.similar));
    this.#spam = new Lru(CACHE_SIZE, new Map(state.spam));
  }
}

/**
 * client-go's keys also join the source and the object's kind, namespace, name and apiVersion;
 * here a correlator belongs to one source, and a uid names one object, so these are left out.
 * Keys are built with template strings: every Event of a big rollout computes three of them.
 */
function objectKey(e: Event): string {
  return e.involvedObject.uid ?? e.involvedObject.name ?? '';
}

/** getEventKey: everything that makes two Events the same one. */
function dedupKey(e: Event): string {
  return `${objectKey(e)}\u0000${e.involvedObject.fieldPath ?? ''}\u0000${e.type ?? ''}\u0000${e.reason ?? ''}\u0000${e.message ?? ''}`;
}

/**
 * EventAggregatorByReasonFunc: the same object and reason, whatever the message. Upstream also
 * joins the reporting component and instance, which are this correlator's own for every Event.
 */
function aggregateKey(e: Event): string {
  return `${objectKey(e)}\u0000${e.type ?? ''}\u0000${e.reason ?? ''}`;
}

/** getSpamKey: the source and the object only; every reason draws on the same bucket. */
function spamKey(e: Event): string {
  return objectKey(e);
}
