import type { Event, ObjectReference } from 'kubernetes-types/core/v1';
import type { ApiServer } from './apiserver';
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

/**
 * The event recorder components share. Like client-go's, it aggregates repeats: the same reason and
 * message about the same object bumps `count` and `lastTimestamp` instead of creating a new Event.
 * It remembers which Event it wrote per aggregation key, so recording stays O(1) on big clusters.
 */
export class EventRecorder {
  #written = new Map<string, { namespace: string; name: string }>();

  constructor(private readonly api: ApiServer) {}

  record(input: EventInput): Event {
    const api = this.api;
    const meta = input.object.metadata!;
    const namespace = meta.namespace ?? 'default';
    const now = api.timestamp();
    const aggregationKey = [meta.uid, input.fieldPath ?? '', input.component, input.reason, input.message].join('\u0000');
    const seen = this.#written.get(aggregationKey);
    const existing = seen && api.tryGet<Event>('events', seen.namespace, seen.name);
    if (existing) {
      const updated = clone(existing);
      updated.count = (existing.count ?? 1) + 1;
      updated.lastTimestamp = now;
      return api.update('events', updated, input.component);
    }
    const nanos = BigInt(api.epochMs + api.sim.now()) * 1_000_000n + BigInt(api.sim.rng.int(1_000_000));
    const event: Event = {
      metadata: { name: `${meta.name}.${nanos.toString(16)}`, namespace },
      involvedObject: involvedObject(input),
      reason: input.reason,
      message: input.message,
      source: input.host ? { component: input.component, host: input.host } : { component: input.component },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type: input.type,
      reportingComponent: input.component,
      reportingInstance: input.host ?? '',
    };
    const created = api.create('events', event, input.component);
    this.#written.set(aggregationKey, { namespace, name: created.metadata.name! });
    return created;
  }

  snapshot(): [string, { namespace: string; name: string }][] {
    return [...this.#written];
  }

  restore(state: [string, { namespace: string; name: string }][]): void {
    this.#written = new Map(state);
  }
}

function involvedObject(input: EventInput): ObjectReference {
  const meta = input.object.metadata!;
  const ref: ObjectReference = {
    kind: input.object.kind!,
    name: meta.name!,
    uid: meta.uid!,
    apiVersion: input.object.apiVersion!,
    resourceVersion: meta.resourceVersion!,
  };
  if (meta.namespace) ref.namespace = meta.namespace;
  if (input.fieldPath) ref.fieldPath = input.fieldPath;
  return ref;
}
