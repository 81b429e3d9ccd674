import { goDuration } from '../kubelet/texts';
import { deathBy } from './http-app';
import { appVersion, type AppContext, type AppModule, type ProcessState } from './types';

/**
 * ghcr.io/clusterlab/stream-server: a WebSocket-style live stream with long-lived viewers, the
 * workload where a restart is felt by everyone connected. Simulated viewers connect one by one
 * after start and stay for SESSION_SECONDS (0: until the server goes away). Env knobs:
 * - PORT (8080): `/` says how many viewers are connected, `/stats` gives the counters as JSON;
 * - CLIENTS (20) viewers, one connecting every CONNECT_MS (250) ms; SESSION_SECONDS (0);
 * - SHUTDOWN on SIGTERM: `close` (default) sends every viewer a close frame 1001 "going away" so
 *   they reconnect elsewhere, then exits 0; `wait` stops accepting and keeps streaming until the
 *   last viewer leaves (the rainbow-deployment behaviour; SIGKILL at the grace period drops the
 *   rest); `immediate` dies by the signal (143) and every viewer sees 1006 abnormal closure.
 * Viewers still connected when the process ends without closing them were dropped: see sessionsOf.
 */
export const streamServer: AppModule = {
  start(ctx, proc) {
    ctx.log(`stream-server ${appVersion(proc, '1.0.0')} listening on :${port(proc)}`);
    proc.data.viewers = {};
    proc.data.next = 1;
    proc.data.closedNormally = 0;
    if (clients(proc) > 0) ctx.after(connectMs(proc), { t: 'connect' });
  },

  timer(ctx, proc, payload) {
    if (payload.t === 'connect') return connectViewer(ctx, proc);
    if (payload.t === 'leave') return viewerLeaves(ctx, proc, payload.id as number);
    if (payload.t === 'closed') {
      ctx.log('all viewers closed, exiting');
      return ctx.exit(0);
    }
    if (payload.t === 'waiting' && proc.stopping) {
      ctx.log(`${connected(proc)} viewers still connected`);
      ctx.after(10_000, { t: 'waiting' });
    }
  },

  signal(ctx, proc, signal) {
    if (proc.stopping) return;
    proc.stopping = signal;
    const mode = proc.env.SHUTDOWN ?? 'close';
    const n = connected(proc);
    if (mode === 'immediate') return ctx.exit(deathBy(signal));
    if (mode === 'wait') {
      ctx.log(`received ${signal}: no longer accepting viewers; waiting for ${n} viewers to disconnect`);
      if (n === 0) return ctx.after(0, { t: 'closed' });
      ctx.after(10_000, { t: 'waiting' });
      return;
    }
    ctx.log(`received ${signal}: sending close 1001 (going away) to ${n} viewers`);
    proc.data.closedNormally = (proc.data.closedNormally as number) + n;
    proc.data.viewers = {};
    ctx.after(1000, { t: 'closed' });
  },

  http(ctx, proc, req) {
    if (req.port !== port(proc)) return undefined;
    if (req.path === '/stats') {
      const body = JSON.stringify({ connected: connected(proc), served: (proc.data.next as number) - 1, closedNormally: proc.data.closedNormally, uptimeSeconds: Math.floor((ctx.now() - proc.startedAtMs) / 1000) });
      return { status: 200, body: `${body}\n`, headers: { 'Content-Type': 'application/json' } };
    }
    if (req.path === '/' || req.path === '/stream') return { status: 200, body: `stream ${proc.hostname}: ${connected(proc)} viewers connected\n` };
    return { status: 404, body: '404 page not found\n' };
  },

  ports: (proc) => (proc.stopping && (proc.env.SHUTDOWN ?? 'close') !== 'close' ? [] : [port(proc)]),
};

type Viewers = Record<string, number>;

const port = (proc: ProcessState) => Number(proc.env.PORT ?? 8080);
const clients = (proc: ProcessState) => Math.max(0, Number(proc.env.CLIENTS ?? 20) || 0);
const connectMs = (proc: ProcessState) => Math.max(1, Number(proc.env.CONNECT_MS ?? 250) || 250);
const connected = (proc: ProcessState) => Object.keys(proc.data.viewers as Viewers).length;

/** A viewer's made-up public address, stable per id. */
const viewerAddr = (id: number) => `203.0.113.${(id % 250) + 1}`;

function connectViewer(ctx: AppContext, proc: ProcessState): void {
  if (proc.stopping) return;
  const id = proc.data.next as number;
  proc.data.next = id + 1;
  (proc.data.viewers as Viewers)[String(id)] = ctx.now();
  ctx.log(`viewer ${id} connected from ${viewerAddr(id)} (${connected(proc)} connected)`);
  const session = Number(proc.env.SESSION_SECONDS ?? 0);
  if (session > 0) ctx.after(session * 1000, { t: 'leave', id });
  if (id < clients(proc)) ctx.after(connectMs(proc), { t: 'connect' });
}

function viewerLeaves(ctx: AppContext, proc: ProcessState, id: number): void {
  const viewers = proc.data.viewers as Viewers;
  const since = viewers[String(id)];
  if (since === undefined) return;
  delete viewers[String(id)];
  proc.data.closedNormally = (proc.data.closedNormally as number) + 1;
  ctx.log(`viewer ${id} disconnected after ${goDuration(ctx.now() - since)} (${connected(proc)} connected)`);
  if (proc.stopping && connected(proc) === 0) {
    ctx.log('last viewer disconnected, exiting');
    ctx.exit(0);
  }
}

/**
 * What the viewers of a stream-server process experienced; `ended` when the process is gone (a
 * container instance with finishedAtMs): viewers it never closed were dropped (1006).
 */
export function sessionsOf(proc: ProcessState, ended: boolean): { connected: number; closedNormally: number; dropped: number } {
  const stillOpen = Object.keys(proc.data.viewers ?? {}).length;
  return { connected: ended ? 0 : stillOpen, closedNormally: (proc.data.closedNormally as number | undefined) ?? 0, dropped: ended ? stillOpen : 0 };
}
