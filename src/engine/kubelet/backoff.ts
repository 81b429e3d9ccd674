import type { BackoffEntry } from './types';

/**
 * client-go's flowcontrol.Backoff as the kubelet uses it for image pulls and crash loops:
 * 10 s doubling to 300 s; an entry untouched for twice the maximum (10 min) starts over.
 */
export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;

function expired(entry: BackoffEntry, atMs: number): boolean {
  return atMs - entry.lastUpdateMs > 2 * BACKOFF_MAX_MS;
}

/** Record a failure at `atMs`: start at the initial delay or double, up to the maximum. */
export function backoffNext(table: Record<string, BackoffEntry>, key: string, atMs: number): BackoffEntry {
  const entry = table[key];
  const next = !entry || expired(entry, atMs) ? BACKOFF_INITIAL_MS : Math.min(entry.durationMs * 2, BACKOFF_MAX_MS);
  return (table[key] = { durationMs: next, lastUpdateMs: atMs });
}

/** IsInBackOffSince: still inside the back-off window that started at `sinceMs`? */
export function inBackoffSince(table: Record<string, BackoffEntry>, key: string, sinceMs: number, nowMs: number): boolean {
  const entry = table[key];
  if (!entry || expired(entry, nowMs)) return false;
  return nowMs - sinceMs < entry.durationMs;
}

/** IsInBackOffSinceUpdate: inside the window that began at the last recorded failure? */
export function inBackoffSinceUpdate(table: Record<string, BackoffEntry>, key: string, nowMs: number): boolean {
  const entry = table[key];
  return entry !== undefined && nowMs - entry.lastUpdateMs < entry.durationMs;
}
