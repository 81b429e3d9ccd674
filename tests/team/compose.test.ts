import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/server/serve-config';
import { postgresBin, startPostgres, type Postgres } from './postgres-server';
import { fixtureSite } from './helpers';

/**
 * deploy/compose.yaml cannot be run here (no Docker engine), so this runs what it describes:
 * the Dockerfile's `team` command with the compose file's environment, against a real
 * PostgreSQL standing in for the `db` service; then the documented add-instructor step.
 */
const ROOT = join(import.meta.dirname, '../..');
const compose = parse(readFileSync(join(ROOT, 'deploy/compose.yaml'), 'utf8')) as {
  services: { clusterlab: { build: { target: string }; environment: Record<string, string>; depends_on: Record<string, unknown> }; db: { environment: Record<string, string> } };
};
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

/** Compose's `${VAR:-default}` and `${VAR:?message}` with these variables set. */
function interpolate(text: string, vars: Record<string, string>): string {
  return text.replace(/\$\{(\w+)(?::[-?]([^}]*))?\}/g, (_m, name: string, fallback: string | undefined) => vars[name] ?? fallback ?? '');
}

/** The team target's CMD, as exec-form JSON. */
function teamCommand(): string[] {
  const stage = dockerfile.slice(dockerfile.indexOf('AS team'));
  return JSON.parse(/^CMD (\[.*\])$/m.exec(stage)![1]!) as string[];
}

function serviceEnv(db: Postgres): Record<string, string> {
  const vars = { POSTGRES_PASSWORD: 'not-used-with-trust-auth', SITE_URL: 'http://localhost:8080' };
  const env = Object.fromEntries(Object.entries(compose.services.clusterlab.environment).map(([k, v]) => [k, interpolate(v, vars)]));
  // The `db` service's address, as the test server has it.
  env.DATABASE_URL = env.DATABASE_URL!.replace('@db:5432/', `@${new URL(db.url).host}/`);
  return env;
}

describe('the compose example', () => {
  it('builds the team target, which serves with the team API on by default', () => {
    expect(compose.services.clusterlab.build.target).toBe('team');
    expect(dockerfile).toMatch(/^FROM node:24-slim AS team$/m);
    expect(teamCommand()).toEqual(['node', 'bin/clusterlab.mjs', 'serve']);
    expect(compose.services.clusterlab.depends_on).toEqual({ db: { condition: 'service_healthy' } });
    // The image's last stage stays the nginx one, so a plain `docker build .` is unchanged.
    expect(dockerfile.trim().split('\n').filter((l) => l.startsWith('FROM ')).at(-1)).toBe('FROM nginx:stable');
  });

  it('names its database and user the same in both services', () => {
    const vars = { POSTGRES_PASSWORD: 'pw' };
    const env = Object.fromEntries(Object.entries(compose.services.clusterlab.environment).map(([k, v]) => [k, interpolate(v, vars)]));
    const config = loadConfig(env);
    expect(config.siteUrl).toBe('http://localhost:8080');
    expect(config.teamMode).toBe(true);
    const url = new URL(config.databaseUrl);
    expect(url.username).toBe(compose.services.db.environment.POSTGRES_USER);
    expect(url.pathname).toBe(`/${compose.services.db.environment.POSTGRES_DB}`);
  });
});

const bin = postgresBin();

describe.skipIf(!bin)('the compose example against a real PostgreSQL', () => {
  let db: Postgres;
  beforeAll(async () => {
    db = await startPostgres(bin!);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query('CREATE DATABASE clusterlab');
    await client.end();
  }, 60_000);
  afterAll(() => db?.stop());

  it('serves the team API from the image command, and the documented add-instructor step logs in', async () => {
    const env = { ...process.env, ...serviceEnv(db), SITE_DIR: fixtureSite(), PORT: '0', HOST: '127.0.0.1' };
    const add = spawnSync(process.execPath, ['bin/clusterlab.mjs', 'team', 'add-instructor', 'ana@example.org'], { cwd: ROOT, env, input: 'a long password\n', encoding: 'utf8' });
    expect(add.status, add.stderr).toBe(0);

    const [cmd, ...args] = teamCommand();
    const child = spawn(cmd === 'node' ? process.execPath : cmd!, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let text = '';
        child.stdout.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          const m = /at (http:\/\/\S+?)\/? with the team API \(postgres\)/.exec(text);
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${text}`)));
      });
      const login = await fetch(`${url}/api/team/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'ana@example.org', password: 'a long password' }) });
      expect(login.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
    }
    expect(child.exitCode).toBe(0);
  });
});
