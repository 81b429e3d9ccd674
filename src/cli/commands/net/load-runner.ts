import type { KeepAlive, NetClient, Network, RequestOutcome } from '../../../engine/network/index';
import type { CommandHost } from '../../types';

export interface LoadPlan {
  client: NetClient;
  url: string;
  label: string;
  userAgent: string;
  method: string;
  workers: number;
  /** Requests a second per worker; undefined = as fast as responses come back. */
  rpsPerWorker?: number;
  durationMs?: number;
  /** Total requests when no duration is given. */
  requests?: number;
  keepAlive: boolean;
  timeoutMs: number;
}

export interface LoadResult {
  startMs: number;
  ms: number;
  outcome: RequestOutcome;
  /** Set when the client gave up waiting. */
  timedOut: boolean;
}

/** Most requests one run simulates: a closed loop at ~1 ms latency would otherwise be millions. */
const MAX_REQUESTS = 100_000;

/**
 * Fire a load plan in virtual time: each worker sends its next request when the previous one
 * returned and its rate limit allows. The clock advances to every send time first, so the
 * cluster (rollouts, kube-proxy syncs, pods dying) moves on while the load runs.
 */
export function runLoad(host: CommandHost, net: Network, plan: LoadPlan): LoadResult[] {
  const start = host.now();
  const end = plan.durationMs !== undefined ? start + plan.durationMs : Infinity;
  const total = Math.min(plan.requests ?? MAX_REQUESTS, MAX_REQUESTS);
  const closedLoopFloorMs = plan.durationMs !== undefined ? (plan.durationMs * plan.workers) / MAX_REQUESTS : 0;
  const interval = plan.rpsPerWorker ? 1000 / plan.rpsPerWorker : closedLoopFloorMs;
  const next = Array.from({ length: plan.workers }, () => start);
  const sent = Array.from({ length: plan.workers }, () => 0);
  const conns: (KeepAlive | undefined)[] = Array.from({ length: plan.workers }, () => undefined);
  const results: LoadResult[] = [];
  while (results.length < total) {
    let w = 0;
    for (let i = 1; i < next.length; i++) if (next[i]! < next[w]!) w = i;
    const at = next[w]!;
    if (at >= end - 1e-6) break;
    const whole = Math.floor(at);
    if (whole > host.now()) host.advance(whole - host.now());
    const outcome = net.request(plan.client, plan.url, { method: plan.method, userAgent: plan.userAgent, label: plan.label, record: true, keepOpen: plan.keepAlive, ...(conns[w] ? { keepAlive: conns[w] } : {}) });
    const timedOut = outcome.ms > plan.timeoutMs;
    const ms = Math.min(outcome.ms, plan.timeoutMs);
    conns[w] = plan.keepAlive && outcome.reply && outcome.keepAlive ? outcome.keepAlive : undefined;
    results.push({ startMs: at, ms, outcome, timedOut });
    sent[w]!++;
    // Scheduled from the start, not from the last send, so float steps never add up to an extra request.
    next[w] = Math.max(at + ms, start + sent[w]! * interval);
  }
  const finish = Math.min(end === Infinity ? Math.max(...next) : end, Math.max(...next));
  if (Math.ceil(finish) > host.now()) host.advance(Math.ceil(finish) - host.now());
  return results;
}

/** Percentile (nearest rank) of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
