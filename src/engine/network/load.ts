import type { NetClient } from './model';

/** A background load generator (as a lab's traffic source): plain JSON, kept in snapshots. */
export interface LoadSpec {
  name: string;
  url: string;
  rps: number;
  client: NetClient;
  /** Virtual ms at which it stops by itself; undefined runs until stopped. */
  untilMs?: number;
  /** Distinguishes a restarted generator from the ticks of the old one. */
  generation: number;
  sent: number;
  /** Fraction of a ms carried between ticks so the rate stays exact. */
  carryMs: number;
}

interface Requester {
  request(client: NetClient, url: string, options: { record: boolean; label: string; userAgent: string; background: boolean }): unknown;
}

/** Fire one request; returns ms until the next one, or undefined when the generator is done. */
export function fireLoad(net: Requester, spec: LoadSpec, nowMs: number): number | undefined {
  if (spec.untilMs !== undefined && nowMs >= spec.untilMs) return undefined;
  net.request(spec.client, spec.url, { record: true, label: `load/${spec.name}`, userAgent: `clusterlab-load/${spec.name}`, background: true });
  spec.sent++;
  const interval = 1000 / Math.max(spec.rps, 0.001) + spec.carryMs;
  const whole = Math.max(1, Math.floor(interval));
  spec.carryMs = interval - whole;
  return whole;
}
