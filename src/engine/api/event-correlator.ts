import type { Event } from 'kubernetes-types/core/v1';
import { ObjectLru, type LruKey } from './object-lru';

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

/**
 * The distinct messages seen: one message is kept as the string itself, most objects never have
 * a second (an array of one per object and reason was 3 MB of a 5,000-pod rollout's heap).
 */
interface Similar {
  messages: string | string[];
  lastMs: number;
}

/** The same as upstream's `sets.String` of messages: `message` added once. */
function withMessage(messages: string | string[], message: string): string | string[] {
  if (typeof messages === 'string') return messages === message ? messages : [messages, message];
  if (!messages.includes(message)) messages.push(message);
  return messages;
}

const messageList = (messages: string | string[]) => (typeof messages === 'string' ? [messages] : [...messages]);
const fromMessageList = (messages: string[]) => (messages.length === 1 ? messages[0]! : [...messages]);

/** The state snapshots keep: the messages always as a list, as they always were. */
interface SimilarState {
  messages: string[];
  lastMs: number;
}

interface Bucket {
  tokens: number;
  lastMs: number;
}

export interface CorrelatorState {
  observed: [string, Observed][];
  similar: [string, SimilarState][];
  spam: [string, Bucket][];
}

/** What to send: a new Event, or an update of the one named (with the count it now has); undefined drops it. */
export type Correlated = { event: Event; update: boolean } | undefined;

export class EventCorrelator {
  #observed = new ObjectLru<Observed>(CACHE_SIZE);
  #similar = new ObjectLru<Similar>(CACHE_SIZE);
  #spam = new ObjectLru<Bucket>(CACHE_SIZE);

  /** `event` as the component built it, without a name; `newName` names it when it is a new Event. */
  correlate(event: Event, nowMs: number, newName: (event: Event) => string): Correlated {
    const aggregated = this.#aggregate(event, nowMs);
    const observed = this.#observe(aggregated.event, aggregated.combined, newName);
    return this.#allowed(observed.event, nowMs) ? observed : undefined;
  }

  #aggregate(event: Event, nowMs: number): { event: Event; combined: boolean } {
    const object = objectKey(event);
    const reason = event.reason ?? '';
    const type = event.type ?? '';
    const message = event.message ?? '';
    const seen = this.#similar.use(object, reason, type);
    let record = seen?.value;
    if (!record || nowMs - record.lastMs > AGGREGATE_WINDOW_MS) {
      record = { messages: message, lastMs: nowMs };
      if (seen) seen.value = record;
      else this.#similar.add(object, record, reason, type);
    } else record.messages = withMessage(record.messages, message);
    record.lastMs = nowMs;
    if (typeof record.messages === 'string' || record.messages.length < MAX_SIMILAR) return { event, combined: false };
    // Keep the set from growing past the threshold.
    record.messages.shift();
    const combined: Event = { ...event, message: `${COMBINED_PREFIX}${message}`, count: 1 };
    return { event: combined, combined: true };
  }

  /**
   * Names the Event, new or the one it repeats; `event` is the recorder's own fresh object. A
   * combined Event is keyed by object and reason alone (upstream's aggregate key), marked by a
   * field path no real one can be.
   */
  #observe(event: Event, combined: boolean, newName: (event: Event) => string): { event: Event; update: boolean } {
    const object = objectKey(event);
    const reason = event.reason ?? '';
    const type = event.type ?? '';
    const fieldPath = combined ? AGGREGATE : (event.involvedObject.fieldPath ?? '');
    const message = combined ? '' : (event.message ?? '');
    const last = this.#observed.use(object, reason, type, fieldPath, message)?.value;
    if (!last) {
      event.metadata.name = newName(event);
      this.#observed.add(object, { name: event.metadata.name, count: event.count ?? 1, firstTimestamp: event.firstTimestamp! }, reason, type, fieldPath, message);
      return { event, update: false };
    }
    last.count++;
    event.metadata.name = last.name;
    event.count = last.count;
    event.firstTimestamp = last.firstTimestamp;
    return { event, update: true };
  }

  /** getSpamKey: the source and the object only; every reason draws on the same bucket. */
  #allowed(event: Event, nowMs: number): boolean {
    const object = objectKey(event);
    const seen = this.#spam.use(object);
    const bucket = seen?.value ?? { tokens: SPAM_BURST, lastMs: nowMs };
    const tokens = Math.min(SPAM_BURST, bucket.tokens + (nowMs - bucket.lastMs) / SPAM_REFILL_MS);
    const allowed = tokens >= 1;
    const next = { tokens: allowed ? tokens - 1 : tokens, lastMs: nowMs };
    if (seen) seen.value = next;
    else this.#spam.add(object, next);
    return allowed;
  }

  /** The caches as upstream keys them (one joined string per key), oldest first. */
  snapshot(): CorrelatorState {
    return {
      observed: [...this.#observed.entries()].map((e) => [observedKey(e), { ...e.value }]),
      similar: [...this.#similar.entries()].map((e) => [similarKey(e), { ...e.value, messages: messageList(e.value.messages) }]),
      spam: [...this.#spam.entries()].map((e) => [spamKey(e), { ...e.value }]),
    };
  }

  restore(state: CorrelatorState): void {
    this.#observed = restoreLru(state.observed, (v) => ({ ...v }), observedFields);
    this.#similar = restoreLru<SimilarState, Similar>(state.similar, (v) => ({ ...v, messages: fromMessageList(v.messages) }), ([type = '', reason = '']) => [reason, type]);
    this.#spam = restoreLru(state.spam, (v) => ({ ...v }), () => []);
  }
}

/**
 * Stands in the field path of an aggregate key in #observed: components build field paths as
 * `spec.containers{name}`, never with a NUL. (Snapshots write aggregate keys with three fields,
 * as upstream joins them, so the marker itself is never stored.)
 */
const AGGREGATE = '\u0000aggregate';
/** What upstream joins a key's fields with; fields other than the message never contain it. */
const SEP = '\u0000';

/**
 * The caches' keys as upstream's joined strings, which snapshots keep (and always have): object,
 * field path, type, reason, message for a dedup key (getEventKey); object, type, reason for an
 * aggregate key. The LRU keeps the fields reason first (it tells entries apart soonest).
 */
const observedKey = (k: LruKey) => (k.c === AGGREGATE && k.d === '' ? [k.object, k.b, k.a] : [k.object, k.c, k.b, k.a, k.d]).join(SEP);
const similarKey = (k: LruKey) => [k.object, k.b, k.a].join(SEP);
const spamKey = (k: LruKey) => k.object;

/** Rebuild a cache from joined keys, oldest first; `fields` splits one back into the LRU's. */
function restoreLru<S, V = S>(entries: [string, S][], copy: (v: S) => V, fields: (parts: string[]) => string[]): ObjectLru<V> {
  const lru = new ObjectLru<V>(CACHE_SIZE);
  for (const [key, value] of entries) {
    const [object = '', ...rest] = key.split(SEP);
    const [a, b, c, d] = fields(rest);
    lru.set(object, copy(value), a, b, c, d);
  }
  return lru;
}

/** Back to the LRU's fields: a dedup key has five fields (the message last), an aggregate key three. */
function observedFields(rest: string[]): string[] {
  const [fieldPathOrType = '', typeOrReason = '', reason = '', ...message] = rest;
  return rest.length === 2 ? [typeOrReason, fieldPathOrType, AGGREGATE] : [reason, typeOrReason, fieldPathOrType, message.join(SEP)];
}

/**
 * client-go's keys also join the source and the object's kind, namespace, name and apiVersion;
 * here a correlator belongs to one source, and a uid names one object, so these are left out.
 */
function objectKey(e: Event): string {
  return e.involvedObject.uid ?? e.involvedObject.name ?? '';
}
