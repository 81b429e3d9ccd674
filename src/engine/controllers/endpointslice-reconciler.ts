import type { Endpoint, EndpointPort, EndpointSlice } from 'kubernetes-types/discovery/v1';
import { portsKey } from './endpointslice-util';

/** --max-endpoints-per-slice default. */
export const MAX_ENDPOINTS_PER_SLICE = 100;

/** The endpoints a Service should have for one set of ports. */
export interface DesiredGroup {
  ports: EndpointPort[];
  endpoints: Endpoint[];
}

/** What to write: slices to create (endpoints and ports), update (new endpoints) and delete. */
export interface SlicePlan {
  create: DesiredGroup[];
  update: { slice: EndpointSlice; endpoints: Endpoint[] }[];
  remove: EndpointSlice[];
  /** Existing slices left as they are. */
  unchanged: EndpointSlice[];
}

/** Identity of an endpoint across syncs: the pod it stands for, or its address. */
function endpointKey(e: Endpoint): string {
  return e.targetRef?.uid ?? e.addresses.join(',');
}

/**
 * The EndpointSlice reconciler's plan (k8s.io/endpointslice reconciler.reconcileByPortMapping):
 * existing slices keep their endpoints in place (updated where the pod changed, dropped where it
 * left); new endpoints first fill slices already being updated, then one unchanged slice with room
 * for all of them, then new slices of at most `max`. Slices for port sets no longer wanted go.
 * With no endpoints at all one empty placeholder slice remains, so the Service still has a slice
 * (the mirroring controller does without).
 */
export function planSlices(existing: readonly EndpointSlice[], desired: readonly DesiredGroup[], max = MAX_ENDPOINTS_PER_SLICE, placeholder = true): SlicePlan {
  const plan: SlicePlan = { create: [], update: [], remove: [], unchanged: [] };
  const wanted = new Map(desired.filter((g) => g.endpoints.length > 0).map((g) => [portsKey(g.ports), g]));
  const existingByPorts = new Map<string, EndpointSlice[]>();
  for (const slice of existing) {
    const k = portsKey(slice.ports ?? []);
    if (!wanted.has(k)) plan.remove.push(slice);
    else existingByPorts.set(k, [...(existingByPorts.get(k) ?? []), slice]);
  }
  for (const [k, group] of wanted) planGroup(plan, existingByPorts.get(k) ?? [], group, max);
  if (placeholder) keepPlaceholder(plan, wanted.size === 0);
  return plan;
}

function planGroup(plan: SlicePlan, slices: EndpointSlice[], group: DesiredGroup, max: number): void {
  const pending = new Map(group.endpoints.map((e) => [endpointKey(e), e]));
  const updating: { slice: EndpointSlice; endpoints: Endpoint[] }[] = [];
  const unchanged: EndpointSlice[] = [];
  for (const slice of slices) {
    let changed = false;
    const kept: Endpoint[] = [];
    for (const e of slice.endpoints ?? []) {
      const want = pending.get(endpointKey(e));
      if (!want) {
        changed = true;
        continue;
      }
      pending.delete(endpointKey(e));
      if (!sameEndpoint(want, e)) changed = true;
      kept.push(want);
    }
    if (!changed) unchanged.push(slice);
    else if (kept.length === 0) plan.remove.push(slice);
    else updating.push({ slice, endpoints: kept });
  }
  let rest = [...pending.values()];
  // Fill slices that are written anyway, fullest first, so fewer writes carry new endpoints.
  for (const u of [...updating].sort((a, b) => b.endpoints.length - a.endpoints.length)) {
    const room = max - u.endpoints.length;
    if (room > 0 && rest.length > 0) {
      u.endpoints.push(...rest.slice(0, room));
      rest = rest.slice(room);
    }
  }
  if (rest.length > 0) {
    // One unchanged slice with room for everything left takes it all (the fullest that fits).
    const fits = unchanged.filter((s) => max - (s.endpoints ?? []).length >= rest.length).sort((a, b) => (b.endpoints ?? []).length - (a.endpoints ?? []).length)[0];
    if (fits) {
      unchanged.splice(unchanged.indexOf(fits), 1);
      updating.push({ slice: fits, endpoints: [...(fits.endpoints ?? []), ...rest] });
      rest = [];
    }
  }
  for (let i = 0; i < rest.length; i += max) plan.create.push({ ports: group.ports, endpoints: rest.slice(i, i + max) });
  plan.update.push(...updating);
  plan.unchanged.push(...unchanged);
}

/** A Service without endpoints keeps exactly one empty slice (the placeholder). */
function keepPlaceholder(plan: SlicePlan, noEndpoints: boolean): void {
  if (!noEndpoints) return;
  const placeholder = plan.remove.find((s) => (s.endpoints ?? []).length === 0 && (s.ports ?? []).length === 0);
  if (placeholder) {
    plan.remove.splice(plan.remove.indexOf(placeholder), 1);
    plan.unchanged.push(placeholder);
    return;
  }
  plan.create.push({ ports: [], endpoints: [] });
}

/** Endpoint equality over the fields controllers write (cheaper than serialising thousands). */
function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  const ca = a.conditions ?? {};
  const cb = b.conditions ?? {};
  return (
    a.addresses.length === b.addresses.length &&
    a.addresses.every((x, i) => x === b.addresses[i]) &&
    ca.ready === cb.ready &&
    ca.serving === cb.serving &&
    ca.terminating === cb.terminating &&
    a.nodeName === b.nodeName &&
    a.hostname === b.hostname &&
    a.zone === b.zone &&
    a.targetRef?.uid === b.targetRef?.uid &&
    a.targetRef?.name === b.targetRef?.name
  );
}
