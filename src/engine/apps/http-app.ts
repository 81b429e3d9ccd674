import { acceptRequest, drainedAtMs, inflightCount } from './inflight';
import { appVersion, type AppContext, type AppModule, type HttpRequest, type HttpResponse, type ProcessState, type Signal } from './types';

/**
 * ghcr.io/clusterlab/http-app: a small web service whose behaviour labs set through env:
 * - PORT (8080): where it listens; START_DELAY (s): how long before it listens;
 * - READY_AFTER (s): /ready answers 503 until then; FAIL_LIVENESS_AFTER (s): /healthz answers 500 after;
 * - REQUEST_MS (0): how long a request to `/` takes to answer (it is in flight meanwhile);
 * - RESPONSE / STATUS: what `/` returns;
 * - SHUTDOWN, what the stop signal (SIGTERM) does:
 *   - `immediate` (default): no handler, the process dies by the signal: exit 143, in-flight requests reset;
 *   - `graceful`: Go's http.Server.Shutdown: closes the listener at once (new connections are
 *     refused), answers what is in flight, exits 0; past SHUTDOWN_TIMEOUT (s) it gives up, exit 1;
 *   - `drain`: keeps serving but fails /ready, exits 0 after DRAIN_SECONDS (default 5) once nothing is in flight;
 *   - `delay:N`: keeps serving normally for N s, then exits 0 once nothing is in flight;
 *   - `ignore`: handles and ignores the signal; only SIGKILL ends it (137 after the grace period).
 * ghcr.io/clusterlab/stubborn is this program with SHUTDOWN=ignore baked in.
 */
export const httpApp: AppModule = {
  start(ctx, proc) {
    ctx.log(`http-app ${appVersion(proc, '1.0.0')} starting (pid 1)`);
    const delayMs = seconds(proc.env.START_DELAY) * 1000;
    if (delayMs > 0) ctx.after(delayMs, { t: 'listen' });
    else listen(ctx, proc);
  },

  timer(ctx, proc, payload) {
    if (payload.t === 'listen' && !proc.stopping) listen(ctx, proc);
    if (payload.t === 'exit') exitWhenDrained(ctx, proc);
    if (payload.t === 'deadline') {
      ctx.log(`shutdown: context deadline exceeded (${inflightCount(proc, ctx.now())} requests still in flight)`);
      ctx.exit(1);
    }
  },

  signal(ctx, proc, signal) {
    if (proc.stopping) return;
    const mode = proc.env.SHUTDOWN ?? 'immediate';
    ctx.log(`received ${signal}, shutdown mode ${mode}`);
    if (mode === 'ignore') return;
    proc.stopping = signal;
    if (mode === 'graceful') return shutdownGracefully(ctx, proc);
    if (mode === 'drain') {
      proc.data.draining = true;
      ctx.after(seconds(proc.env.DRAIN_SECONDS ?? '5') * 1000, { t: 'exit' });
    } else if (mode.startsWith('delay:')) {
      ctx.after(seconds(mode.slice(6)) * 1000, { t: 'exit' });
    } else {
      // No handler installed: the default action kills the process, reported as 128+signal.
      ctx.exit(deathBy(signal));
    }
  },

  http(ctx, proc, req) {
    if (!proc.data.listening || req.port !== port(proc)) return undefined;
    const res = respond(ctx, proc, req);
    if (res.durationMs) acceptRequest(ctx, proc, res.durationMs);
    ctx.log(`${req.remoteAddr} "${req.method} ${req.path}" ${res.status} ${res.body.length} "${req.userAgent}"`);
    return res;
  },

  ports: (proc) => (proc.data.listening ? [port(proc)] : []),
};

/** Exit status of a process killed by a signal it does not handle. */
export function deathBy(signal: Signal): number {
  return signal === 'SIGQUIT' ? 131 : signal === 'SIGINT' ? 130 : 143;
}

function seconds(text: string | undefined): number {
  const n = Number(text ?? 0);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

function port(proc: ProcessState): number {
  return Number(proc.env.PORT ?? 8080);
}

function listen(ctx: AppContext, proc: ProcessState): void {
  proc.data.listening = true;
  ctx.log(`listening on :${port(proc)}`);
}

/** Stop accepting at once, answer what is in flight, then exit (Shutdown with a deadline). */
function shutdownGracefully(ctx: AppContext, proc: ProcessState): void {
  proc.data.listening = false;
  proc.data.draining = true;
  ctx.log(`closed listener on :${port(proc)}; waiting for ${inflightCount(proc, ctx.now())} in-flight requests`);
  const timeoutMs = seconds(proc.env.SHUTDOWN_TIMEOUT) * 1000;
  if (timeoutMs > 0 && drainedAtMs(proc, ctx.now()) - ctx.now() > timeoutMs) ctx.after(timeoutMs, { t: 'deadline' });
  else exitWhenDrained(ctx, proc);
}

/** Exit 0 once the last in-flight request is answered (now, if none is). */
function exitWhenDrained(ctx: AppContext, proc: ProcessState): void {
  const at = drainedAtMs(proc, ctx.now());
  if (at > ctx.now()) return ctx.after(at - ctx.now(), { t: 'exit' });
  ctx.log('shutdown complete');
  ctx.exit(0);
}

function respond(ctx: AppContext, proc: ProcessState, req: HttpRequest): HttpResponse {
  const upMs = ctx.now() - proc.startedAtMs;
  if (req.path === '/healthz' || req.path === '/livez') {
    const failAfter = seconds(proc.env.FAIL_LIVENESS_AFTER);
    return failAfter > 0 && upMs >= failAfter * 1000 ? { status: 500, body: 'unhealthy\n' } : { status: 200, body: 'ok\n' };
  }
  if (req.path === '/ready' || req.path === '/readyz') {
    const notYet = upMs < seconds(proc.env.READY_AFTER) * 1000;
    return notYet || proc.data.draining ? { status: 503, body: 'not ready\n' } : { status: 200, body: 'ready\n' };
  }
  if (req.path === '/') {
    const body = proc.env.RESPONSE ?? `Hello from ${proc.hostname} (version ${appVersion(proc, '1.0.0')})`;
    const durationMs = Number(proc.env.REQUEST_MS ?? 0);
    return { status: Number(proc.env.STATUS ?? 200), body: `${body}\n`, ...(durationMs > 0 ? { durationMs } : {}) };
  }
  return { status: 404, body: '404 page not found\n' };
}
