import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadLab } from '../../src/labs/registry';
import { LabSession } from '../../src/labs/session';
import { runSolution } from '../../src/labs/solution';
import type { SavedLab } from '../../src/labs/types';
import { startServer, type RunningServer } from '../../src/server/serve';
import { defaultConfig, type ServeConfig } from '../../src/server/serve-config';
import { TeamStore } from '../../src/team/store';

export const BUNDLE = `export const greeting = ${JSON.stringify('hello from a hashed bundle '.repeat(20))};\n`;

/** A tiny built site: the shapes `astro build` writes, without building. */
/** The bundle's precompressed twin, at a level the server itself never uses. */
export const PRECOMPRESSED = gzipSync(BUNDLE, { level: 1 });

export function fixtureSite(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clusterlab-site-'));
  mkdirSync(join(dir, '_astro'));
  mkdirSync(join(dir, 'lessons'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>clusterlab</title><h1>Home</h1>\n');
  writeFileSync(join(dir, '404.html'), '<!doctype html><title>Not found</title><h1>404</h1>\n');
  writeFileSync(join(dir, 'lessons', 'index.html'), '<!doctype html><title>Lessons</title>\n');
  writeFileSync(join(dir, '_astro', 'app.Dk3x9a.js'), BUNDLE);
  // As the build leaves it (src/integrations/precompress.ts); level 1 tells it from the server's own.
  writeFileSync(join(dir, '_astro', 'app.Dk3x9a.js.gz'), PRECOMPRESSED);
  writeFileSync(join(dir, '_headers'), '/*\n');
  return dir;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'clusterlab-team-'));
}

export interface TeamServer extends RunningServer {
  store: TeamStore;
  dbPath: string;
}

/** The real server, in this process, on a free port, with team mode on a fresh SQLite file. */
export async function startTeamServer(overrides: Partial<ServeConfig> = {}, dbPath = join(tempDir(), 'team.db')): Promise<TeamServer> {
  const config: ServeConfig = {
    ...defaultConfig(),
    port: 0,
    host: '127.0.0.1',
    siteDir: fixtureSite(),
    teamMode: true,
    databaseUrl: `sqlite:${dbPath}`,
    rateLimit: { ipBurst: 10_000, ipPerSecond: 1000, tokenBurst: 10_000, tokenPerSecond: 1000 },
    ...overrides,
  };
  const running = await startServer(config);
  return { ...running, store: new TeamStore(running.db!), dbPath };
}

const results = new Map<string, SavedLab>();

/** A genuine learner result: the lab's reference solution played through a LabSession, exported. */
export async function solvedResult(labId = 'pending-pod'): Promise<SavedLab> {
  if (!results.has(labId)) {
    const lab = LabSession.create(await loadLab(labId));
    runSolution(lab);
    lab.run('check');
    results.set(labId, lab.exportResult());
  }
  return structuredClone(results.get(labId)!);
}

/** An instructor's browser: keeps cookies, sends the CSRF header on writes. */
export class InstructorClient {
  cookies = new Map<string, string>();
  csrf = '';
  lastSetCookie: string[] = [];

  constructor(readonly base: string) {}

  async login(email: string, password: string): Promise<Response> {
    const res = await this.request('POST', '/api/team/login', { email, password }, false);
    if (res.ok) this.csrf = ((await res.clone().json()) as { csrfToken: string }).csrfToken;
    return res;
  }

  async request(method: string, path: string, body?: unknown, withCsrf = true): Promise<Response> {
    const headers: Record<string, string> = { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (withCsrf && this.csrf) headers['x-csrf-token'] = this.csrf;
    const res = await fetch(this.base + path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    this.lastSetCookie = res.headers.getSetCookie();
    for (const line of this.lastSetCookie) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    return res;
  }
}

export async function submit(base: string, token: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}/api/team/submissions`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers }, body });
}
