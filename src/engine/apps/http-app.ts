import { appVersion, type AppContext, type AppModule, type HttpRequest, type HttpResponse, type ProcessState } from './types';

/**
 * ghcr.io/clusterlab/http-app: a small web service whose behaviour labs set through env:
 * - PORT (8080): where it listens; START_DELAY (s): how long before it listens;
 * - READY_AFTER (s): /ready answers 503 until then; FAIL_LIVENESS_AFTER (s): /healthz answers 500 after;
 * - SHUTDOWN on SIGTERM: `immediate` (dies by the signal, 143), `drain` (fails /ready and exits 0
 *   after DRAIN_SECONDS, default 5), `ignore` (needs SIGKILL), `delay:N` (exits 0 after N s);
 * - RESPONSE / STATUS: what `/` returns.
 */
export const httpApp: AppModule = {
  start(ctx, proc) {
    ctx.log(`http-app ${appVersion(proc, '1.0.0')} starting (pid 1)`);
    const delayMs = seconds(proc.env.START_DELAY) * 1000;
    if (delayMs > 0) ctx.after(delayMs, { t: 'listen' });
    else listen(ctx, proc);
  },

  timer(ctx, proc, payload) {
    if (payload.t === 'listen') listen(ctx, proc);
    if (payload.t === 'exit') {
      ctx.log('shutdown complete');
      ctx.exit(0);
    }
  },

  signal(ctx, proc, signal) {
    if (proc.stopping) return;
    const mode = proc.env.SHUTDOWN ?? 'immediate';
    ctx.log(`received ${signal}, shutdown mode ${mode}`);
    if (mode === 'ignore') return;
    proc.stopping = signal;
    if (mode === 'drain') {
      proc.data.draining = true;
      ctx.after(seconds(proc.env.DRAIN_SECONDS ?? '5') * 1000, { t: 'exit' });
    } else if (mode.startsWith('delay:')) {
      ctx.after(seconds(mode.slice(6)) * 1000, { t: 'exit' });
    } else {
      // No handler installed: the default action kills the process, reported as 128+signal.
      ctx.exit(signal === 'SIGQUIT' ? 131 : signal === 'SIGINT' ? 130 : 143);
    }
  },

  http(ctx, proc, req) {
    if (!proc.data.listening || req.port !== port(proc)) return undefined;
    const res = respond(ctx, proc, req);
    ctx.log(`${req.remoteAddr} "${req.method} ${req.path}" ${res.status} ${res.body.length} "${req.userAgent}"`);
    return res;
  },

  ports: (proc) => (proc.data.listening ? [port(proc)] : []),
};

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
    return { status: Number(proc.env.STATUS ?? 200), body: `${body}\n` };
  }
  return { status: 404, body: '404 page not found\n' };
}
