import { busybox } from './busybox';
import type { AppModule, ProcessState } from './types';

/**
 * An official image whose docker-entrypoint.sh ends in `exec "$@"`: given a command that is not
 * its server (`kubectl run x --image=nginx -- echo hi`), the container runs that command instead,
 * here through the same small sh busybox uses, and ends when it does. `proc.data.command` records
 * which of the two is running (plain data, so snapshots keep it).
 */
export function execsOtherCommands(server: AppModule, isServer: (argv: string[]) => boolean): AppModule {
  const command = (proc: ProcessState) => proc.data.command === true;
  return {
    start(ctx, proc) {
      if (isServer(proc.argv)) return server.start(ctx, proc);
      proc.data.command = true;
      busybox.start(ctx, proc);
    },
    timer: (ctx, proc, payload) => (command(proc) ? busybox.timer?.(ctx, proc, payload) : server.timer?.(ctx, proc, payload)),
    ...(server.resume ? { resume: (ctx, proc) => (command(proc) ? busybox.start(ctx, proc) : server.resume!(ctx, proc)) } : {}),
    signal: (ctx, proc, signal) => (command(proc) ? busybox : server).signal(ctx, proc, signal),
    http: (ctx, proc, req) => (command(proc) ? undefined : server.http?.(ctx, proc, req)),
    ports: (proc) => (command(proc) ? [] : server.ports(proc)),
    ...(server.exec ? { exec: (ctx, proc, argv) => server.exec!(ctx, proc, argv) } : {}),
  };
}

const basename = (path: string | undefined) => (path ?? '').slice((path ?? '').lastIndexOf('/') + 1);

/** nginx's entrypoint configures and starts nginx (or nginx-debug) only when that is the command. */
export const startsNginx = (argv: string[]) => basename(argv[0]) === 'nginx' || basename(argv[0]) === 'nginx-debug';

/** redis's entrypoint turns `-flags` or a `.conf` first argument into `redis-server ARGS`. */
export const startsRedis = (argv: string[]) => basename(argv[0]) === 'redis-server' || (argv[0] ?? '').startsWith('-') || (argv[0] ?? '').endsWith('.conf');
