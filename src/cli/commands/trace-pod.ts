import type { TraceEntry } from '../../engine/sim/trace';

const ASSIGNED = /CNI assigned (\d+\.\d+\.\d+\.\d+)/;

/**
 * `sim trace pod/NAME`: the pod's own entries, and every other component's entry that names one
 * of its IPs while the pod held it (an EndpointSlice, each node's proxy rules, DNS, the Ingress),
 * so a deleted pod can be watched leaving each component at its own time. An IP handed to
 * another pod later belongs to that pod from then on.
 */
export function podTrace(all: readonly TraceEntry[], object: string): TraceEntry[] {
  const own = (e: TraceEntry) => e.object === object || (e.object?.endsWith(`/${object}`) ?? false);
  const windows: { ip: RegExp; from: number; to: number }[] = [];
  for (const e of all) {
    const ip = own(e) ? ASSIGNED.exec(e.detail)?.[1] : undefined;
    if (!ip) continue;
    const reused = all.find((x) => x.t > e.t && !own(x) && x.detail.includes(`CNI assigned ${ip}`));
    windows.push({ ip: new RegExp(`(^|[^\\d.])${ip.replace(/\./g, '\\.')}(?![\\d])`), from: e.t, to: reused?.t ?? Infinity });
  }
  return all.filter((e) => own(e) || windows.some((w) => e.t >= w.from && e.t < w.to && w.ip.test(e.detail)));
}
