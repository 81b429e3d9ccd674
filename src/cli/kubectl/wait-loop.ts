/**
 * Waiting in virtual time. kubectl's waiting verbs (delete --wait, wait, rollout status, get -w,
 * logs -f) watch the API server; here they let the cluster run in small steps and look again,
 * stopping as soon as the condition holds so scripts stay fast and deterministic.
 */
import { parseDuration } from '../../engine/sim/time';
import type { CommandHost } from '../types';
import { usageError } from './errors';

/** Step sizes: 100 ms at first, growing to 1 s, so short waits end precisely and long ones stay cheap. */
function stepFor(elapsedMs: number): number {
  return Math.min(1000, Math.max(100, Math.floor(elapsedMs / 10 / 100) * 100));
}

/**
 * Advance time until `done()` returns true or `timeoutMs` has passed. `done` runs once before any
 * time passes. Returns whether the condition was met.
 */
export function waitUntil(host: CommandHost, timeoutMs: number, done: () => boolean): boolean {
  if (done()) return true;
  let elapsed = 0;
  while (elapsed < timeoutMs) {
    const step = Math.min(stepFor(elapsed), timeoutMs - elapsed);
    host.advance(step);
    elapsed += step;
    if (done()) return true;
  }
  return false;
}

/** kubectl's "forever" (a week) is capped here so a stuck wait cannot hang a learner's terminal. */
export const MAX_WAIT_MS = 60 * 60 * 1000;

/** A `--timeout` value in ms, refused with pflag's wording when it is not a Go duration. */
export function timeoutMs(text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined) throw usageError(`invalid argument "${text}" for "--timeout" flag: time: invalid duration "${text}"`);
  return ms;
}
