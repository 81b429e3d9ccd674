import type { Protocol } from '../kube-proxy/types';

/** One conntrack entry as `conntrack -L` shows it: original tuple and the DNATed reply. */
export interface ConntrackEntry {
  node: string;
  protocol: Protocol;
  state: 'ESTABLISHED' | 'TIME_WAIT' | 'UNREPLIED';
  src: string;
  dst: string;
  /** Where the reply comes from after DNAT (`ip:port`). */
  reply: string;
  expiresAtMs: number;
}

/** nf_conntrack_tcp_timeout_time_wait (120 s) and the UDP stream timeout (120 s). */
export const TIME_WAIT_MS = 120_000;
export const ESTABLISHED_MS = 432_000_000;
const MAX_ENTRIES = 4096;

/** Add an entry, dropping the oldest ones once expired or beyond the table size. */
export function track(table: ConntrackEntry[], entry: ConntrackEntry, nowMs: number): void {
  table.push(entry);
  // Pruned in batches: splicing the front of a 4,096-entry array on every connection is costly.
  if (table.length < MAX_ENTRIES + 256 && (table[0]?.expiresAtMs ?? Infinity) > nowMs) return;
  let drop = Math.max(0, table.length - MAX_ENTRIES);
  while (drop < table.length && table[drop]!.expiresAtMs <= nowMs) drop++;
  if (drop > 0) table.splice(0, drop);
}
