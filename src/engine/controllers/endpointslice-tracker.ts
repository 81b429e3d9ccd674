import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { WatchEventType } from '../api/informer';

/** Per Service key: slices we wrote (name → resourceVersion) and slices we deleted, not yet seen. */
export interface SliceTrackerState {
  written: Record<string, Record<string, number>>;
  deleted: Record<string, string[]>;
}

function serviceKeyOf(slice: EndpointSlice): string {
  return `${slice.metadata?.namespace}/${slice.metadata?.labels?.['kubernetes.io/service-name'] ?? ''}`;
}

/**
 * endpointSliceTracker: remembers the controller's own writes until the informer has seen them.
 * Until then the cache is stale for that Service and a sync could create duplicate slices (a
 * generateName create is not idempotent), so the sync waits; and seeing our own write come back
 * is no reason to sync again.
 */
export class SliceTracker {
  #state: SliceTrackerState = { written: {}, deleted: {} };

  wrote(serviceKey: string, slice: EndpointSlice): void {
    (this.#state.written[serviceKey] ??= {})[slice.metadata!.name!] = Number(slice.metadata?.resourceVersion);
  }

  deleted(serviceKey: string, slice: EndpointSlice): void {
    (this.#state.deleted[serviceKey] ??= []).push(slice.metadata!.name!);
    delete this.#state.written[serviceKey]?.[slice.metadata!.name!];
  }

  /** Record what the informer saw; true when it was one of our own writes. */
  observe(type: WatchEventType, slice: EndpointSlice): boolean {
    const key = serviceKeyOf(slice);
    const name = slice.metadata!.name!;
    const written = this.#state.written[key];
    const deleted = this.#state.deleted[key] ?? [];
    let ours = false;
    if (type === 'DELETED') {
      ours = deleted.includes(name);
      this.#state.deleted[key] = deleted.filter((n) => n !== name);
      if (written) delete written[name];
    } else if (written?.[name] !== undefined && Number(slice.metadata?.resourceVersion) >= written[name]) {
      ours = Number(slice.metadata?.resourceVersion) === written[name];
      delete written[name];
    }
    this.#tidy(key);
    return ours;
  }

  /** Whether writes for this Service are still on their way to the cache. */
  stale(serviceKey: string): boolean {
    return Object.keys(this.#state.written[serviceKey] ?? {}).length > 0 || (this.#state.deleted[serviceKey] ?? []).length > 0;
  }

  #tidy(key: string): void {
    if (this.#state.written[key] && Object.keys(this.#state.written[key]).length === 0) delete this.#state.written[key];
    if (this.#state.deleted[key]?.length === 0) delete this.#state.deleted[key];
  }

  snapshot(): SliceTrackerState {
    return JSON.parse(JSON.stringify(this.#state)) as SliceTrackerState;
  }

  restore(state: SliceTrackerState | undefined): void {
    this.#state = state ?? { written: {}, deleted: {} };
  }
}
