import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A throwaway PostgreSQL server for tests: Debian's postgresql binaries (initdb, postgres),
 * a cluster in a temp dir with trust auth on 127.0.0.1 and a free port. As root the cluster runs
 * as the `postgres` user, since PostgreSQL refuses to run as root.
 */
export function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const version = readdirSync(root).sort((a, b) => Number(b) - Number(a))[0];
  const bin = version && join(root, version, 'bin');
  return bin && existsSync(join(bin, 'initdb')) ? bin : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface Postgres {
  url: string;
  stop(): Promise<void>;
}

export async function startPostgres(bin: string): Promise<Postgres> {
  const dir = mkdtempSync(join(tmpdir(), 'clusterlab-pg-'));
  // As root, run as the postgres user (spawn's uid/gid, so signals reach postgres itself).
  const owner: { uid?: number; gid?: number } = {};
  if (process.getuid?.() === 0) {
    owner.uid = Number(spawnSync('id', ['-u', 'postgres']).stdout.toString().trim());
    owner.gid = Number(spawnSync('id', ['-g', 'postgres']).stdout.toString().trim());
    chownSync(dir, owner.uid, owner.gid);
    chmodSync(dir, 0o700);
  }
  const data = join(dir, 'data');
  const init = spawnSync(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'clusterlab', '--no-sync'], { encoding: 'utf8', cwd: dir, ...owner });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const port = await freePort();
  const child: ChildProcess = spawn(join(bin, 'postgres'), ['-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', dir, '-c', 'fsync=off'], { stdio: 'ignore', cwd: dir, ...owner });
  const url = `postgres://clusterlab@127.0.0.1:${port}/postgres`;
  for (let attempt = 0; ; attempt++) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      break;
    } catch (e) {
      await client.end().catch(() => undefined);
      if (attempt > 200 || child.exitCode !== null) throw new Error(`postgres did not start: ${(e as Error).message}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      }),
  };
}
