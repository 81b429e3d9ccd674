import type { Event, ObjectReference } from 'kubernetes-types/core/v1';
import type { ApiServer } from './apiserver';
import { EventCorrelator, type CorrelatorState } from './event-correlator';
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
  /** Node name for kubelet events. */
  host?: string;
}

interface Reporter {
  correlator: EventCorrelator;
  source: NonNullable<Event['source']>;
}

/** Components that record through events.k8s.io/v1 (no aggregation, no spam filter; repeats form a series). */
const NEW_EVENTS_API = new Set(['default-scheduler']);

/**
 * The event recorder components share, with one EventCorrelator per reporting instance (each
 * kubelet, each controller), as each process has its own: repeats bump `count`, floods of similar
 * events are combined and rate-limited (event-correlator.ts). The scheduler, which uses the newer
 * Events API, only has its repeats counted.
 */
export class EventRecorder {
  #correlators = new Map<string, EventCorrelator>();
  #clock = { ms: -1, seq: 0 };
  /** `<object>.<UnixNano in hex>`, the name of a new Event (one function, not one per Event). */
  readonly #newName = (event: Event): string => `${event.involvedObject.name}.${this.#nanos().toString(16)}`;

  /**
   * Each reporting instance's correlator and `source` (one object its Events share: stored objects
   * are never changed in place), found by component then host: strings that already exist, so no
   * `component/host` key is built and hashed for every Event.
   */
  #reporters = new Map<string, Map<string, Reporter>>();

  constructor(private readonly api: ApiServer) {}

  #reporter(input: EventInput): Reporter {
    const host = input.host ?? '';
    let byHost = this.#reporters.get(input.component);
    if (!byHost) this.#reporters.set(input.component, (byHost = new Map<string, Reporter>()));
    let reporter = byHost.get(host);
    if (!reporter) {
      const instance = `${input.component}/${host}`;
      let correlator = this.#correlators.get(instance);
      if (!correlator) this.#correlators.set(instance, (correlator = new EventCorrelator(!NEW_EVENTS_API.has(input.component))));
      reporter = { correlator, source: input.host ? { component: input.component, host: input.host } : { component: input.component } };
      byHost.set(host, reporter);
    }
    return reporter;
  }

  /** Record an Event; undefined when the correlator dropped it as spam. */
  record(input: EventInput): Event | undefined {
    const api = this.api;
    const meta = input.object.metadata!;
    const namespace = meta.namespace ?? 'default';
    const now = api.timestamp();
    const reporter = this.#reporter(input);
    const event: Event = {
      metadata: { namespace },
      involvedObject: involvedObject(input),
      reason: input.reason,
      message: input.message,
      source: reporter.source,
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type: input.type,
      reportingComponent: input.component,
      reportingInstance: input.host ?? '',
    };
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
   * lists by name), so within one virtual ms a counter orders them; the low digits stay random.
   */
  #nanos(): bigint {
    const wallMs = this.api.epochMs + this.api.sim.now();
    this.#clock = this.#clock.ms === wallMs ? { ms: wallMs, seq: this.#clock.seq + 1 } : { ms: wallMs, seq: 0 };
    const jitter = this.api.sim.rng.int(1_000_000) % 1000;
    return BigInt(wallMs) * 1_000_000n + BigInt(Math.min(this.#clock.seq, 999) * 1000 + jitter);
  }

  snapshot(): [string, CorrelatorState][] {
    return [...this.#correlators].map(([k, c]) => [k, c.snapshot()]);
  }

  /** The name clock, kept in cluster snapshots next to the correlators. */
  get clock(): { ms: number; seq: number } {
    return { ...this.#clock };
  }

  set clock(value: { ms: number; seq: number }) {
    this.#clock = { ...value };
  }

  restore(state: [string, CorrelatorState][]): void {
    // Snapshots from before the correlator kept a plain dedup map; starting its caches afresh is harmless.
    const current = state.filter(([, s]) => typeof s === 'object' && s !== null && 'observed' in s);
    this.#reporters.clear();
    this.#correlators = new Map(current.map(([k, s]) => {
      const c = new EventCorrelator(!NEW_EVENTS_API.has(k.split('/')[0]!));
      c.restore(s);
      return [k, c];
    }));
  }
}

function involvedObject(input: EventInput): ObjectReference {
  const meta = input.object.metadata!;
  const ref: ObjectReference = {
    kind: input.object.kind!,
    name: meta.name!,
    uid: meta.uid!,
  };
  // The kubelet's nodeRef names neither (kubelet.ts): only a reference to a stored object has them.
  if (input.object.apiVersion) ref.apiVersion = input.object.apiVersion;
  if (meta.resourceVersion) ref.resourceVersion = meta.resourceVersion;
  if (meta.namespace) ref.namespace = meta.namespace;
  if (input.fieldPath) ref.fieldPath = input.fieldPath;
  return ref;
}
