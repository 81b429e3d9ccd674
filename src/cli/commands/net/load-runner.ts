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
  /** Send on the rate's schedule whether or not earlier answers came back (a rate generator, not a worker pool). */
  openLoop?: boolean;
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
/** How often the runner looks in on replies servers are still working on. */
const POLL_MS = 100;

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
  const held: { result: LoadResult; worker: number; nth: number }[] = [];
  // Held replies settle when due or when their process dies (a reset); a closed-loop worker then moves on.
  const settleDue = () => {
    for (let i = held.length - 1; i >= 0; i--) {
      const h = held[i]!;
      if (!net.settled(h.result.outcome)) continue;
      held.splice(i, 1);
      h.result.outcome = net.settle(h.result.outcome);
      h.result.ms = Math.min(h.result.outcome.ms, plan.timeoutMs);
      if (!plan.openLoop && sent[h.worker] === h.nth) next[h.worker] = Math.max(h.result.startMs + h.result.ms, start + h.nth * interval);
    }
  };
  while (results.length < total) {
    let w = 0;
    for (let i = 1; i < next.length; i++) if (next[i]! < next[w]!) w = i;
    const at = next[w]!;
    if (at >= end - 1e-6) break;
    const whole = Math.floor(at);
    if (held.length > 0 && whole > host.now() + POLL_MS) {
      // Look in on the held replies on the way: one may end early in a reset.
      host.advance(POLL_MS);
      settleDue();
      continue;
    }
    if (whole > host.now()) host.advance(whole - host.now());
    settleDue();
    const outcome = net.request(plan.client, plan.url, { method: plan.method, userAgent: plan.userAgent, label: plan.label, record: true, keepOpen: plan.keepAlive, ...(conns[w] ? { keepAlive: conns[w] } : {}) });
    const timedOut = outcome.ms > plan.timeoutMs;
    const ms = Math.min(outcome.ms, plan.timeoutMs);
    conns[w] = plan.keepAlive && outcome.reply && outcome.keepAlive ? outcome.keepAlive : undefined;
    const result = { startMs: at, ms, outcome, timedOut };
    results.push(result);
    sent[w]!++;
    if (outcome.pending && !timedOut) held.push({ result, worker: w, nth: sent[w]! });
    // Scheduled from the start, not from the last send, so float steps never add up to an extra request.
    next[w] = plan.openLoop ? start + sent[w]! * interval : Math.max(at + ms, start + sent[w]! * interval);
  }
  // Like hey, wait for the requests still in flight when the duration ends.
  while (held.length > 0) {
    const due = Math.min(...held.map((h) => h.result.outcome.pending!.dueAtMs));
    host.advance(Math.max(1, Math.min(POLL_MS, due - host.now())));
    settleDue();
  }
  const lastAnswer = results.reduce((m, r) => Math.max(m, r.startMs + r.ms), 0);
  const finish = Math.max(Math.min(end, Math.max(...next)), lastAnswer);
  if (Math.ceil(finish) > host.now()) host.advance(Math.ceil(finish) - host.now());
  return results;
}

/** Percentile (nearest rank) of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
