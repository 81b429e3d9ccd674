import type { Event, ObjectReference } from 'kubernetes-types/core/v1';
import type { Actor, Message } from '../sim/simulator';
import { rfc3339Micro } from '../sim/time';
import type { ApiServer } from './apiserver';
import { EventCorrelator, type CorrelatorState } from './event-correlator';
import { EventSeriesCache, FINISH_PERIOD_MS, REFRESH_PERIOD_MS, type SeriesCacheState, type SeriesWrite } from './event-series';
import { clone, type KubeObject } from './objects';

export interface EventInput {
  /** The object the event is about. */
  object: KubeObject;
  /** `spec.containers{nginx}` when the event concerns one container. */
  fieldPath?: string;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** Reporting component: `default-scheduler`, `kubelet`, `deployment-controller`, ... */
  component: string;
  /** Node name for kubelet events; the host a newer-API component runs on. */
  host?: string;
  /** events.k8s.io `action`, what the component did about the object: `Scheduling`, `Binding`, ... */
  action?: string;
}

interface Reporter {
  correlator: EventCorrelator;
  source: NonNullable<Event['source']>;
}

/** Components that record through events.k8s.io/v1 (no aggregation, no spam filter; repeats form a series). */
const NEW_EVENTS_API = new Set(['default-scheduler', 'kube-proxy']);

/** The deprecated `source` the newer API leaves empty: one object, as stored Events are never changed in place. */
const NO_SOURCE = Object.freeze({});

/** What snapshots keep of the recorder: each core/v1 correlator, and each newer-API series cache. */
export type RecorderState = [string, CorrelatorState | { series: SeriesCacheState<Event> }][];

/**
 * The event recorder components share, with one EventCorrelator per reporting instance (each
 * kubelet, each controller), as each process has its own: repeats bump `count`, floods of similar
 * events are combined and rate-limited (event-correlator.ts). The scheduler and kube-proxy, which
 * use the newer Events API, have a broadcaster each whose repeats form series (event-series.ts);
 * the recorder is also the actor their six- and thirty-minute tickers wake.
 */
export class EventRecorder implements Actor {
  readonly id = 'event-broadcaster';
  #correlators = new Map<string, EventCorrelator>();
  /** The events.k8s.io broadcasters' caches, by reporting instance. */
  #series = new Map<string, EventSeriesCache<Event>>();
  #clock = { ms: -1, seq: 0 };
  /** `<object>.<UnixNano in hex>`, the name of a new Event (one function, not one per Event). */
  readonly #newName = (event: Event): string => `${event.involvedObject.name}.${this.#nanos().toString(16)}`;

  /**
   * Each reporting instance's correlator and `source` (one object its Events share: stored objects
   * are never changed in place), found by component then host: strings that already exist, so no
   * `component/host` key is built and hashed for every Event.
   */
  #reporters = new Map<string, Map<string, Reporter>>();

  constructor(private readonly api: ApiServer) {
    api.sim.register(this);
  }

  #reporter(input: EventInput): Reporter {
    const host = input.host ?? '';
    let byHost = this.#reporters.get(input.component);
    if (!byHost) this.#reporters.set(input.component, (byHost = new Map<string, Reporter>()));
    let reporter = byHost.get(host);
    if (!reporter) {
      const instance = `${input.component}/${host}`;
      let correlator = this.#correlators.get(instance);
      if (!correlator) this.#correlators.set(instance, (correlator = new EventCorrelator()));
      reporter = { correlator, source: input.host ? { component: input.component, host: input.host } : { component: input.component } };
      byHost.set(host, reporter);
    }
    return reporter;
  }

  /**
   * A reporting process started again (a restarted kubelet, a new kube-proxy pod): its recorder
   * starts with empty caches, so its first Events are new ones, not repeats of the last process's.
   */
  processStarted(component: string, host: string): void {
    const instance = `${component}/${host}`;
    this.#reporters.get(component)?.delete(host);
    this.#correlators.delete(instance);
    this.#series.delete(instance);
  }

  /** Record an Event; undefined when it was dropped as spam or only counted in a series. */
  record(input: EventInput): Event | undefined {
    if (NEW_EVENTS_API.has(input.component)) return this.#recordSeries(input);
    const api = this.api;
    const meta = input.object.metadata!;
    const namespace = meta.namespace ?? 'default';
    const now = api.timestamp();
    const reporter = this.#reporter(input);
    const event: Event = {
      metadata: eventMeta(namespace),
      involvedObject: involvedObject(input),
      reason: input.reason,
      message: input.message,
      source: reporter.source,
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type: input.type,
      // A MicroTime the core/v1 recorder leaves zero, which serialises as null.
      eventTime: null as unknown as string,
      reportingComponent: input.component,
      reportingInstance: input.host ?? '',
      // Set by the API server; here so that it finds a place for them (see eventMeta).
      apiVersion: undefined,
      kind: undefined,
    };
    withoutEmptyMessage(event);
    const sent = reporter.correlator.correlate(event, api.sim.now(), this.#newName);
    if (!sent) return undefined;
    const existing = sent.update ? api.tryGet<Event>('events', namespace, sent.event.metadata.name!) : undefined;
    if (existing) {
      const updated = clone(existing);
      updated.count = sent.event.count;
      updated.lastTimestamp = now;
      updated.message = sent.event.message;
      return api.update('events', updated, input.component);
    }
    // A first sighting, or an update of an Event that was dropped as spam: written new, with its count.
    return api.create('events', sent.event, input.component, { owned: true });
  }

  /**
   * The UnixNano an Event's name ends with. Real names are in recording order (kubectl get events
   * lists by name), so within one virtual ms a counter orders them; the low digits stay random
   * (drawn from the Events' own stream).
   */
  #nanos(): bigint {
    const wallMs = this.api.epochMs + this.api.sim.now();
    this.#clock = this.#clock.ms === wallMs ? { ms: wallMs, seq: this.#clock.seq + 1 } : { ms: wallMs, seq: 0 };
    const jitter = this.api.sim.eventRng.int(1_000_000) % 1000;
    return BigInt(wallMs) * 1_000_000n + BigInt(Math.min(this.#clock.seq, 999) * 1000 + jitter);
  }

  /**
   * An Event of the newer API: `eventTime`, an `action`, no `source`, timestamps or count, and
   * `reportingInstance` `<component>-<hostname>` (NewRecorder). Repeats go through the series cache.
   */
  #recordSeries(input: EventInput): Event | undefined {
    const instance = `${input.component}/${input.host ?? ''}`;
    let cache = this.#series.get(instance);
    if (!cache) this.#series.set(instance, (cache = new EventSeriesCache<Event>()));
    const regarding = involvedObject(input);
    const key = {
      uid: regarding.uid ?? '',
      resourceVersion: regarding.resourceVersion ?? '',
      fieldPath: regarding.fieldPath ?? '',
      action: input.action ?? '',
      reason: input.reason,
      note: input.message,
    };
    const nowMs = this.api.sim.now();
    const outcome = cache.observe(key, nowMs);
    if (outcome.kind === 'counted') return undefined;
    if (outcome.kind === 'series') {
      // An open series is written again by the 30-minute refresh until it finishes.
      this.#tick('refresh-series', REFRESH_PERIOD_MS);
      return this.#writeSeries(outcome.write, input.component);
    }
    const event: Event = {
      metadata: eventMeta(regarding.namespace || 'default'),
      involvedObject: regarding,
      reason: input.reason,
      message: input.message,
      source: NO_SOURCE,
      firstTimestamp: null as unknown as string,
      lastTimestamp: null as unknown as string,
      eventTime: rfc3339Micro(this.api.epochMs, nowMs),
      type: input.type,
      action: input.action ?? '',
      reportingComponent: input.component,
      reportingInstance: this.#reportingInstance(instance, input),
      apiVersion: undefined,
      kind: undefined,
    };
    withoutEmptyMessage(event);
    event.metadata.name = this.#newName(event);
    const created = this.api.create('events', event, input.component, { owned: true });
    cache.add(key, { event: created, eventTimeMs: nowMs });
    this.#tick('finish-series', FINISH_PERIOD_MS);
    return created;
  }

  /** NewRecorder's `<controller>-<hostname>`, one string per instance that all its Events share. */
  #reportingInstance(instance: string, input: EventInput): string {
    let name = this.#instanceNames.get(instance);
    if (name === undefined) this.#instanceNames.set(instance, (name = `${input.component}-${input.host ?? ''}`));
    return name;
  }

  #instanceNames = new Map<string, string>();

  /** Patch a series onto its Event, or create the Event again (with it) if it is gone. */
  #writeSeries(write: SeriesWrite<Event>, component: string): Event {
    const series = { count: write.series.count, lastObservedTime: rfc3339Micro(this.api.epochMs, write.series.lastObservedMs) };
    const meta = write.event.metadata;
    const existing = this.api.tryGet<Event>('events', meta.namespace, meta.name!);
    if (existing) return this.api.update('events', { ...clone(existing), series }, component);
    const again = clone(write.event);
    delete again.metadata.resourceVersion;
    delete again.metadata.uid;
    delete again.metadata.creationTimestamp;
    return this.api.create('events', { ...again, series }, component, { owned: true });
  }

  /** The broadcaster's tickers run from process start: the next multiple of the period. */
  #tick(type: 'finish-series' | 'refresh-series', periodMs: number): void {
    if (this.#ticking.has(type)) return;
    this.#ticking.add(type);
    const nowMs = this.api.sim.now();
    this.api.sim.schedule(periodMs - (nowMs % periodMs), this.id, { type });
  }

  #ticking = new Set<string>();

  receive(message: Message): void {
    const type = message.type;
    this.#ticking.delete(type);
    const nowMs = this.api.sim.now();
    for (const [instance, cache] of this.#series) {
      const component = instance.slice(0, instance.indexOf('/'));
      for (const write of type === 'finish-series' ? cache.finish(nowMs) : cache.refresh()) this.#writeSeries(write, component);
    }
    const caches = [...this.#series.values()];
    if (type === 'finish-series' && caches.some((c) => c.size > 0)) this.#tick(type, FINISH_PERIOD_MS);
    if (type === 'refresh-series' && caches.some((c) => c.hasSeries)) this.#tick(type, REFRESH_PERIOD_MS);
  }

  snapshot(): RecorderState {
    return [
      ...[...this.#correlators].map(([k, c]): RecorderState[number] => [k, c.snapshot()]),
      ...[...this.#series].map(([k, c]): RecorderState[number] => [k, { series: c.snapshot() }]),
    ];
  }

  /** The name clock and which tickers are pending, kept in cluster snapshots next to the caches. */
  get clock(): { ms: number; seq: number; ticking?: string[] } {
    return { ...this.#clock, ticking: [...this.#ticking] };
  }

  set clock(value: { ms: number; seq: number; ticking?: string[] }) {
    this.#clock = { ms: value.ms, seq: value.seq };
    this.#ticking = new Set(value.ticking ?? []);
  }

  restore(state: RecorderState): void {
    this.#reporters.clear();
    this.#series = new Map();
    for (const [k, s] of state) {
      if (typeof s !== 'object' || s === null || !('series' in s)) continue;
      const cache = new EventSeriesCache<Event>();
      cache.restore(s.series);
      this.#series.set(k, cache);
    }
    // Snapshots from before the correlator kept a plain dedup map; starting its caches afresh is harmless.
    const current = state.filter((entry): entry is [string, CorrelatorState] => typeof entry[1] === 'object' && entry[1] !== null && 'observed' in entry[1]);
    this.#correlators = new Map(current.map(([k, s]) => {
      const c = new EventCorrelator();
      c.restore(s);
      return [k, c];
    }));
  }
}

function involvedObject(input: EventInput): ObjectReference {
  const meta = input.object.metadata!;
  const { kind, apiVersion } = input.object;
  const { name, uid, resourceVersion, namespace } = meta;
  const fieldPath = input.fieldPath;
  // The usual references (to a namespaced object as stored) in one literal each: fields added
  // one by one took a second backing store per Event, 3 MB of a 5,000-pod rollout's.
  if (apiVersion && resourceVersion && namespace) {
    return fieldPath ? { kind, name, uid, apiVersion, resourceVersion, namespace, fieldPath } : { kind, name, uid, apiVersion, resourceVersion, namespace };
  }
  // The kubelet's nodeRef names neither apiVersion nor resourceVersion (kubelet.ts): only a
  // reference to a stored object has them.
  const ref: ObjectReference = { kind: kind!, name: name!, uid: uid! };
  if (apiVersion) ref.apiVersion = apiVersion;
  if (resourceVersion) ref.resourceVersion = resourceVersion;
  if (namespace) ref.namespace = namespace;
  if (fieldPath) ref.fieldPath = fieldPath;
  return ref;
}

/**
 * An Event recorded without a message has no such field at all (kube-proxy's Starting). Built in
 * the literal and deleted here: rare, so the slower object a delete leaves costs nothing much.
 */
function withoutEmptyMessage(event: Event): void {
  if (!event.message) delete event.message;
}

/**
 * A new Event's metadata, with a place for each field the correlator and the API server fill
 * in (name, uid, creationTimestamp, resourceVersion), in the order they are filled in.
 */
function eventMeta(namespace: string): Event['metadata'] {
  return { namespace, name: undefined, uid: undefined, creationTimestamp: undefined, resourceVersion: undefined };
}
