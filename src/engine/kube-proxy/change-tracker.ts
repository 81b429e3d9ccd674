import { serviceKey } from './proxier';
import type { EndpointInfo, ServicePortInfo } from './service-info';

/**
 * Upstream's ServiceChangeTracker and EndpointsChangeTracker: informer events only record, per
 * Service (`namespace/name`), the state before the first unsynced change (`previous`) and the
 * latest (`current`). A change that returns to `previous` cancels out; a sync applies the rest.
 */
export interface Change<T> {
  previous: T;
  current: T;
  /** Virtual ms of the first change since the last sync (network programming latency starts here). */
  sinceMs: number;
}

export interface ChangeTrackerState {
  services: Record<string, Change<Record<string, ServicePortInfo>>>;
  endpoints: Record<string, Change<Record<string, EndpointInfo[]>>>;
}

export interface AppliedMaps {
  services: Record<string, ServicePortInfo>;
  endpoints: Record<string, EndpointInfo[]>;
}

/** What one sync applied, for the trace and kube-proxy's log. */
export interface UpdateResult {
  updatedServices: string[];
  /** Earliest change the sync made effective. */
  oldestChangeMs?: number;
}

export function emptyTracker(): ChangeTrackerState {
  return { services: {}, endpoints: {} };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Record a Service's new ports; true when some change is pending. */
export function trackService(t: ChangeTrackerState, key: string, applied: AppliedMaps, current: ServicePortInfo[], nowMs: number): boolean {
  const next = Object.fromEntries(current.map((p) => [serviceKey(p), p]));
  const change = (t.services[key] ??= { previous: portsOf(applied.services, key), current: {}, sinceMs: nowMs });
  change.current = next;
  if (same(change.previous, change.current)) delete t.services[key];
  return Object.keys(t.services).length + Object.keys(t.endpoints).length > 0;
}

/** Record a Service's new endpoints (all its slices merged); true when some change is pending. */
export function trackEndpoints(t: ChangeTrackerState, key: string, applied: AppliedMaps, current: Record<string, EndpointInfo[]>, nowMs: number): boolean {
  const change = (t.endpoints[key] ??= { previous: portsOf(applied.endpoints, key), current: {}, sinceMs: nowMs });
  change.current = current;
  if (same(change.previous, change.current)) delete t.endpoints[key];
  return Object.keys(t.services).length + Object.keys(t.endpoints).length > 0;
}

/** Entries of a map whose key belongs to Service `namespace/name` (`ns/name:port/TCP`, `ns/name/TCP`). */
function portsOf<T>(map: Record<string, T>, key: string): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [k, v] of Object.entries(map)) if (k.startsWith(`${key}:`) || k.startsWith(`${key}/`)) out[k] = v;
  return out;
}

/** Apply every pending change to the maps (svcPortMap.Update + endpointsMap.Update). */
export function applyChanges(t: ChangeTrackerState, maps: AppliedMaps): UpdateResult {
  const result: UpdateResult = { updatedServices: [] };
  const note = (ms: number) => (result.oldestChangeMs = Math.min(result.oldestChangeMs ?? ms, ms));
  for (const [key, change] of Object.entries(t.services)) {
    for (const k of Object.keys(portsOf(maps.services, key))) delete maps.services[k];
    Object.assign(maps.services, change.current);
    result.updatedServices.push(key);
    note(change.sinceMs);
  }
  for (const [key, change] of Object.entries(t.endpoints)) {
    for (const k of Object.keys(portsOf(maps.endpoints, key))) delete maps.endpoints[k];
    Object.assign(maps.endpoints, change.current);
    if (!result.updatedServices.includes(key)) result.updatedServices.push(key);
    note(change.sinceMs);
  }
  t.services = {};
  t.endpoints = {};
  result.updatedServices.sort();
  return result;
}
