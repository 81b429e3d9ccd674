import { type AppContext, type AppModule, type ProcessState } from './types';

/**
 * ghcr.io/clusterlab/counter: counts up once a second in memory, logs each value and answers
 * `GET /` on PORT (8088) with `counter: N`. Its count lives only in process memory, so it
 * survives a checkpoint/restore and nothing else: a restart starts again from 0. With
 * STATE_FILE set it also writes the count to that file (a change to its root file system).
 */
export const counter: AppModule = {
  start(ctx, proc) {
    proc.data.count = 0;
    ctx.log(`counter: listening on :${port(proc)}`);
    tick(ctx);
  },

  // A restored process does not know it was checkpointed: it just keeps ticking.
  resume(ctx) {
    tick(ctx);
  },

  timer(ctx, proc, payload) {
    if (payload.t !== 'tick' || proc.stopping) return;
    proc.data.count = count(proc) + 1;
    ctx.log(`counter: ${count(proc)}`);
    if (proc.env.STATE_FILE) proc.files[proc.env.STATE_FILE] = `${count(proc)}\n`;
    tick(ctx);
  },

  signal(ctx, proc, signal) {
    proc.stopping = signal;
    ctx.exit(signal === 'SIGINT' ? 130 : signal === 'SIGQUIT' ? 131 : 143);
  },

  http(_ctx, proc, req) {
    if (req.port !== port(proc)) return undefined;
    if (req.path !== '/') return { status: 404, body: '404 page not found\n' };
    return { status: 200, body: `counter: ${count(proc)}\n` };
  },

  ports: (proc) => [port(proc)],
};

function tick(ctx: AppContext): void {
  ctx.after(1000, { t: 'tick' });
}

function count(proc: ProcessState): number {
  return typeof proc.data.count === 'number' ? proc.data.count : 0;
}

function port(proc: ProcessState): number {
  return Number(proc.env.PORT ?? 8088);
}
