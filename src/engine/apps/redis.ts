import { appVersion, type AppContext, type AppModule } from './types';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Redis log time: `01 Jan 2026 00:00:04.123`. */
function redisTime(ctx: AppContext): string {
  const d = new Date(ctx.epochMs + ctx.now());
  return `${String(d.getUTCDate()).padStart(2, '0')} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${d.toISOString().slice(11, 23)}`;
}

/** redis-server: listens on 6379, answers `redis-cli ping`, saves and exits 0 on SIGTERM. */
export const redis: AppModule = {
  start(ctx, proc) {
    const v = appVersion(proc, '7.4.5');
    const t = redisTime(ctx);
    ctx.log(`1:C ${t} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`);
    ctx.log(`1:C ${t} * Redis version=${v}, bits=64, commit=00000000, modified=0, pid=1, just started`);
    ctx.log(`1:C ${t} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`);
    ctx.log(`1:M ${t} * monotonic clock: POSIX clock_gettime`);
    ctx.log(`1:M ${t} * Running mode=standalone, port=6379.`);
    ctx.log(`1:M ${t} * Server initialized`);
    ctx.log(`1:M ${t} * Ready to accept connections tcp`);
  },
  timer(ctx, _proc, payload) {
    if (payload.t !== 'exit') return;
    const t = redisTime(ctx);
    ctx.log(`1:M ${t} * User requested shutdown...`);
    ctx.log(`1:M ${t} * Saving the final RDB snapshot before exiting.`);
    ctx.log(`1:M ${t} * DB saved on disk`);
    ctx.log(`1:M ${t} # Redis is now ready to exit, bye bye...`);
    ctx.exit(0);
  },
  signal(ctx, proc, signal) {
    if (proc.stopping) return;
    proc.stopping = signal;
    ctx.log(`1:signal-handler (${Math.floor((ctx.epochMs + ctx.now()) / 1000)}) Received ${signal} scheduling shutdown...`);
    ctx.after(100, { t: 'exit' });
  },
  ports: () => [6379],
  exec(_ctx, proc, argv) {
    if (argv[0] === 'redis-cli') {
      const cmd = (argv[1] ?? '').toLowerCase();
      if (cmd === 'ping') return { stdout: 'PONG\n', stderr: '', exitCode: 0, elapsedMs: 0 };
      return { stdout: `(error) ERR unknown command '${argv[1] ?? ''}', with args beginning with: \n`, stderr: '', exitCode: 0, elapsedMs: 0 };
    }
    if (argv[0] === 'redis-server' && argv[1] === '--version') {
      return { stdout: `Redis server v=${appVersion(proc, '7.4.5')} sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build=0000000000000000\n`, stderr: '', exitCode: 0, elapsedMs: 0 };
    }
    return undefined;
  },
};
