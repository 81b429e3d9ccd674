import type { AppContext, ProcessState } from './types';

/**
 * Requests a server process is still working on. A request that takes `durationMs` is accepted
 * now and answered at now+durationMs; until then it is in flight. Graceful servers wait for these
 * before they exit; a process that dies first (SIGKILL, or exiting at once on SIGTERM) resets
 * them. The end times live in proc.data.inflight (plain JSON, so snapshots keep them).
 */

function ends(proc: ProcessState): number[] {
  const list = proc.data.inflight;
  return Array.isArray(list) ? (list as number[]) : [];
}

/** Track a request accepted now that finishes after `durationMs`; finished ones are forgotten. */
export function acceptRequest(ctx: AppContext, proc: ProcessState, durationMs: number): void {
  const now = ctx.now();
  const open = ends(proc).filter((t) => t > now);
  if (durationMs > 0) open.push(now + durationMs);
  proc.data.inflight = open;
}

/** How many requests are still being served at `nowMs`. */
export function inflightCount(proc: ProcessState, nowMs: number): number {
  return ends(proc).filter((t) => t > nowMs).length;
}

/** When the last request in flight at `nowMs` will be answered (`nowMs` when none is). */
export function drainedAtMs(proc: ProcessState, nowMs: number): number {
  return Math.max(nowMs, ...ends(proc));
}

/**
 * Whether a request answered at `doneAtMs` by a process that ended at `exitedAtMs` (undefined while
 * it runs) got its response: the process must still be alive when the response is written. The
 * network calls this when an in-flight request completes; false means the connection was reset.
 */
export function completedBefore(doneAtMs: number, exitedAtMs: number | undefined): boolean {
  return exitedAtMs === undefined || doneAtMs <= exitedAtMs;
}
