import { newShell, runShell, type ShellState } from './sh-run';
import type { AppContext, AppModule, ProcessState } from './types';

/** The script a container's argv means: `sh -c SCRIPT` runs SCRIPT, anything else runs as one command. */
function scriptOf(argv: string[], tty: boolean): ShellState | string {
  const shell = argv[0] === 'sh' || argv[0] === '/bin/sh' || argv[0] === 'ash';
  if (shell && argv[1] === '-c') return newShell(argv[2] ?? '');
  // `sh` with no script reads stdin: with a terminal attached (`kubectl run -it`) it waits for
  // input; without one it reads EOF and exits 0 at once.
  if (shell && argv.length === 1) return tty ? newShell('sleep infinity') : { prog: [], pc: 0, status: 0 };
  return { prog: [{ op: 'run', words: argv.map((a) => [a]) }], pc: 0, status: 0 };
}

function step(ctx: AppContext, proc: ProcessState): void {
  const shell = proc.data.shell as ShellState;
  const wallMs = ctx.epochMs + ctx.now();
  let pending = '';
  const stop = runShell(
    shell,
    proc,
    wallMs,
    (out, err) => {
      pending += out + err;
    },
    undefined,
    ctx.net?.(),
  );
  for (const line of pending.split('\n').slice(0, -1)) ctx.log(line);
  if (stop.kind === 'exit') ctx.exit(stop.code);
  // A loop with no sleep in it yields a second of virtual time so the cluster keeps moving.
  else ctx.after(stop.kind === 'sleep' ? stop.ms : 1000, { t: 'resume' });
}

/**
 * busybox: runs its command through the tiny sh. As PID 1 without handlers, sh and sleep ignore
 * SIGTERM, which is why `busybox sleep 3600` takes the whole grace period and dies by SIGKILL.
 */
export const busybox: AppModule = {
  start(ctx, proc) {
    const shell = scriptOf(proc.argv, proc.data.tty === true);
    if (typeof shell === 'string') {
      ctx.log(shell.replace(/^sh: /, 'sh: -c: line 1: '));
      ctx.exit(2);
      return;
    }
    proc.data.shell = shell;
    step(ctx, proc);
  },
  timer(ctx, proc, payload) {
    if (payload.t === 'resume') step(ctx, proc);
  },
  signal(_ctx, proc, signal) {
    // PID 1 gets no default signal action: without a trap the signal is simply ignored.
    proc.stopping ??= signal;
  },
  ports: () => [],
};

/** registry.k8s.io/pause: sleeps forever; SIGTERM/SIGINT make it print and exit 0. */
export const pause: AppModule = {
  start() {},
  signal(ctx, proc, signal) {
    proc.stopping = signal;
    ctx.log(`Shutting down, got signal: ${signal === 'SIGINT' ? 'Interrupt' : signal === 'SIGQUIT' ? 'Quit' : 'Terminated'}`);
    ctx.exit(0);
  },
  ports: () => [],
};

/**
 * ghcr.io/clusterlab/crashloop: prints, then exits with EXIT_CODE (default 1) after CRASH_AFTER
 * seconds (default 2): the canonical CrashLoopBackOff demo.
 */
export const crashloop: AppModule = {
  start(ctx, proc) {
    ctx.log(proc.env.MESSAGE ?? 'Application started');
    ctx.after(Number(proc.env.CRASH_AFTER ?? 2) * 1000, { t: 'crash' });
  },
  timer(ctx, proc, payload) {
    if (payload.t !== 'crash') return;
    const code = Number(proc.env.EXIT_CODE ?? 1);
    ctx.log(code === 0 ? 'Application finished' : 'Application crashed');
    ctx.exit(code);
  },
  signal(ctx, proc, signal) {
    proc.stopping = signal;
    ctx.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGQUIT' ? 3 : 15));
  },
  ports: () => [],
};
