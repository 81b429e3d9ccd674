import { fnv32a } from '../../sim/hash';

/** One real server as the scheduler sees it. */
export interface Dest {
  /** `ip:port` */
  addr: string;
  weight: number;
  active: number;
  inactive: number;
}

/** Per virtual server scheduler memory (rr position, lblc assignments). */
export interface SchedState {
  last: number;
  assigned: Record<string, string>;
}

/** The schedulers kube-proxy accepts (`ipvs.scheduler`); '' means rr. */
export const SCHEDULERS = ['rr', 'wrr', 'lc', 'wlc', 'lblc', 'lblcr', 'sh', 'dh', 'sed', 'nq'];

/** IPVS's connection overhead: an active connection weighs 256 inactive ones. */
const overhead = (d: Dest) => d.active * 256 + d.inactive;

function leastBy(dests: Dest[], cost: (d: Dest) => number): Dest | undefined {
  let best: Dest | undefined;
  for (const d of dests) if (d.weight > 0 && (best === undefined || cost(d) < cost(best))) best = d;
  return best;
}

/**
 * Pick a real server the way the kernel's ip_vs_<name> module does, for a connection from
 * `src` to `dst`. rr walks the list in order from the last pick; weights are all 1 as
 * kube-proxy sets them, so wrr behaves like rr.
 */
export function schedule(name: string, dests: Dest[], state: SchedState, src: string, dst: string): Dest | undefined {
  const live = dests.filter((d) => d.weight > 0);
  if (live.length === 0) return undefined;
  switch (name) {
    case 'lc':
      return leastBy(live, overhead);
    case 'wlc':
      return leastBy(live, (d) => overhead(d) / d.weight);
    case 'sed':
      return leastBy(live, (d) => (d.active + 1) / d.weight);
    case 'nq':
      return live.find((d) => d.active === 0) ?? leastBy(live, (d) => (d.active + 1) / d.weight);
    case 'sh':
      return live[fnv32a(src) % live.length];
    case 'dh':
      return live[fnv32a(dst) % live.length];
    case 'lblc':
    case 'lblcr':
      return locality(live, state, dst);
    default: {
      const pick = live[state.last % live.length]!;
      state.last = (state.last % live.length) + 1;
      return pick;
    }
  }
}

/** lblc: stick to the server assigned to this destination unless it is overloaded. */
function locality(live: Dest[], state: SchedState, dst: string): Dest | undefined {
  const current = live.find((d) => d.addr === state.assigned[dst]);
  if (current && !(current.active > current.weight && live.some((d) => d.active < d.weight / 2))) return current;
  const pick = leastBy(live, (d) => overhead(d) / d.weight);
  if (pick) state.assigned[dst] = pick.addr;
  return pick;
}
