import { completedBefore } from '../apps/inflight';
import { upstreamResetReply } from '../ingress/pages';
import type { HeldResponse } from './http-exchange';
import type { RequestOutcome } from './network';
import type { NetEnv } from './route';
import type { TrafficRecord } from './types';

/**
 * Responses a server is still working on. A request to a slow handler (REQUEST_MS, a transcode)
 * is answered only if the process that took it is still alive when the response is due; one
 * killed first (SIGKILL, or dying of SIGTERM with no handler) resets the connection, and a
 * proxy in front of it answers 502 instead. The network settles each one at its due time.
 */
export interface PendingResponse {
  id: number;
  held: HeldResponse;
  sentAtMs: number;
  dueAtMs: number;
  /** A recorded request's record, kept once the outcome is known. */
  record?: TrafficRecord;
  /** Whether the response went through a proxy (the ingress controller). */
  proxied: boolean;
  /** Nobody waits on it (a background generator): only its record matters. */
  background?: boolean;
}

/** How a held response ended: delivered, or reset when the process ended at `atMs`. */
export interface Settlement {
  delivered: boolean;
  atMs: number;
}

/** The part of a kubelet that knows what became of a container run. */
interface FateSource {
  instanceFate(podUid: string, container: string, containerId: string): { running: true } | { running: false; finishedAtMs: number } | undefined;
}

/** Decide a held response at its due time from what became of the process that took it. */
export function settle(env: NetEnv, p: PendingResponse): Settlement {
  const kubelet = env.lookup(`kubelet/${p.held.node}`) as Partial<FateSource> | undefined;
  const fate = kubelet?.instanceFate?.(p.held.podUid, p.held.container, p.held.containerId);
  // No trace of the run any more: its pod was torn down before the answer was due.
  if (!fate) return { delivered: false, atMs: p.dueAtMs };
  if (fate.running) return { delivered: true, atMs: p.dueAtMs };
  const delivered = completedBefore(p.dueAtMs, fate.finishedAtMs);
  return { delivered, atMs: delivered ? p.dueAtMs : fate.finishedAtMs };
}

/** The outcome the client saw, given how its held response was settled. */
export function settledOutcome(o: RequestOutcome, s: Settlement, dueAtMs: number, wallMs: number): RequestOutcome {
  if (s.delivered || !o.reply) return o;
  const ms = Math.max(0, o.ms - (dueAtMs - s.atMs));
  if (o.reply.upstream) return { ...o, reply: upstreamResetReply(o.reply, wallMs), ms };
  const { reply: _lost, ...rest } = o;
  return { ...rest, error: 'connection-reset', ms };
}

/** The record of a recorded request once its held response is settled. */
export function settledRecord(p: PendingResponse, s: Settlement): TrafficRecord {
  const rec: TrafficRecord = { ...p.record! };
  if (s.delivered) return rec;
  rec.latencyMs = Math.round(Math.max(0, rec.latencyMs - (p.dueAtMs - s.atMs)) * 1000) / 1000;
  if (p.proxied) rec.status = 502;
  else {
    delete rec.status;
    rec.error = 'connection-reset';
  }
  return rec;
}
