import type { Endpoints } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { CheckFn } from '../schema';
import type { LabView } from '../view';
import { describeObject } from './objects';
import { failed, labTime, passed } from './result';

/** Ready endpoint addresses of a Service, from its EndpointSlices (or Endpoints when it has none). */
export function readyEndpoints(view: LabView, namespace: string, service: string): string[] {
  const slices = view.list<EndpointSlice>('endpointslices', namespace).filter((s) => s.metadata?.labels?.['kubernetes.io/service-name'] === service);
  if (slices.length > 0) {
    const ready = slices.flatMap((s) => s.endpoints.filter((e) => e.conditions?.ready !== false).flatMap((e) => e.addresses));
    return [...new Set(ready)].sort();
  }
  const ep = view.get<Endpoints>('endpoints', namespace, service);
  return [...new Set((ep?.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip)))].sort();
}

/** The Service exists and exactly `n` ready endpoints back it. */
export function serviceHasReadyEndpoints(namespace: string, name: string, n: number): CheckFn {
  return (view) => {
    const what = describeObject('services', namespace, name);
    if (!view.get('services', namespace, name)) return failed(`there is no ${what}`);
    const ready = readyEndpoints(view, namespace, name);
    if (ready.length !== n) return failed(`${what} has ${ready.length} ready endpoints${ready.length > 0 ? ` (${ready.join(', ')})` : ''}, expected ${n}`);
    return passed(`${what} has ${n} ready endpoints: ${ready.join(', ') || 'none'}`);
  };
}

export interface RequestWindow {
  /** Virtual ms (absolute); default the lab's start. */
  fromMs?: number;
  toMs?: number;
  /** Only requests from this client (`load/web`, `workstation`). */
  client?: string;
  /** Fewer requests than this in the window fails: no traffic proves nothing. Default 1. */
  minRequests?: number;
}

/** No request in the window failed (no error, no 5xx), and some were sent. */
export function noFailedRequests(window: RequestWindow = {}): CheckFn {
  return (view) => {
    const from = window.fromMs ?? view.startMs;
    const to = window.toMs ?? Number.POSITIVE_INFINITY;
    const records = view.traffic().filter((r) => r.t >= from && r.t <= to && (window.client === undefined || r.client === window.client));
    const span = `between ${labTime(from)} and ${to === Number.POSITIVE_INFINITY ? 'now' : labTime(to)}`;
    const min = window.minRequests ?? 1;
    if (records.length < min) return failed(`only ${records.length} requests were sent ${span}; at least ${min} are needed to judge`);
    const bad = records.filter((r) => r.error !== undefined || (r.status ?? 0) >= 500);
    if (bad.length === 0) return passed(`all ${records.length} requests ${span} succeeded`);
    const first = bad[0]!;
    const how = first.error ?? `HTTP ${first.status}`;
    return failed(`${bad.length} of ${records.length} requests ${span} failed; the first at ${labTime(first.t)}: ${first.method} ${first.url} → ${how}${first.endpoint ? ` (endpoint ${first.endpoint})` : ''}`);
  };
}

/** No node's programmed proxy rules mention `ip` any more (as a Service IP or an endpoint). */
export function rulesOnEveryNodeExclude(ip: string): CheckFn {
  return (view) => {
    const proxies = view.proxies();
    if (proxies.length === 0) return failed('no node runs kube-proxy in this lab, so no rules can be checked');
    const still = proxies.filter((p) => p.programmed().some((sp) => sp.clusterIP === ip || sp.endpoints.some((e) => e.split(':')[0] === ip)));
    if (still.length > 0) return failed(`the rules on ${still.map((p) => p.nodeName).join(', ')} still mention ${ip}`);
    return passed(`no node's rules mention ${ip} (${proxies.length} nodes checked)`);
  };
}
