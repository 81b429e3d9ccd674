/**
 * Real nginx with the shipped config (deploy/nginx/), for tests that need the site as a
 * self-hoster serves it. Runs unprivileged: every path nginx writes (pid, logs, temp files) is in
 * a fresh temp directory; only the `listen` port and the `root` of the shipped server block are
 * changed, everything else is served exactly as shipped.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const DIST_DIR = join(REPO_ROOT, 'dist');
const NGINX_DIR = join(REPO_ROOT, 'deploy/nginx');
/** The directives of deploy/nginx/clusterlab.conf a test run replaces. */
const SHIPPED_LISTEN = 'listen 8080;';
const SHIPPED_ROOT = 'root /usr/share/nginx/html;';

export interface RunningNginx {
  /** Base URL with a trailing slash, e.g. http://127.0.0.1:41234/ */
  url: string;
  port: number;
  /** nginx's error log so far (for failure messages). */
  errors(): string;
  stop(): Promise<void>;
}

export function nginxBinary(): string {
  for (const candidate of ['/usr/sbin/nginx', '/usr/bin/nginx']) if (existsSync(candidate)) return candidate;
  throw new Error('nginx is not installed (apt-get install -y nginx)');
}

/** The shipped server block, listening on 127.0.0.1:port and serving `root`. */
export function testServerBlock(port: number, root: string): string {
  const shipped = readFileSync(join(NGINX_DIR, 'clusterlab.conf'), 'utf8');
  for (const directive of [SHIPPED_LISTEN, SHIPPED_ROOT]) {
    if (shipped.split(directive).length !== 2) throw new Error(`deploy/nginx/clusterlab.conf must contain "${directive}" exactly once`);
  }
  return shipped.replace(SHIPPED_LISTEN, `listen 127.0.0.1:${port};`).replace(SHIPPED_ROOT, `root ${root};`);
}

function mainConfig(prefix: string, port: number, root: string): string {
  const runAsRoot = process.getuid?.() === 0 ? 'user root;\n' : '';
  return `${runAsRoot}worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
daemon off;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${prefix}/client_body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  sendfile on;
${testServerBlock(port, root)}
}
`;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Start nginx serving `root` (default dist/) with the shipped config on a free port. */
export async function startNginx({ root = DIST_DIR }: { root?: string } = {}): Promise<RunningNginx> {
  const prefix = mkdtempSync(join(tmpdir(), 'clusterlab-nginx-'));
  copyFileSync(join(NGINX_DIR, 'clusterlab-headers.conf'), join(prefix, 'clusterlab-headers.conf'));
  let lastError = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    writeFileSync(join(prefix, 'nginx.conf'), mainConfig(prefix, port, resolve(root)));
    const child = spawn(nginxBinary(), ['-p', `${prefix}/`, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const started = await untilServing(port, child);
    const errors = () => stderr + (existsSync(join(prefix, 'error.log')) ? readFileSync(join(prefix, 'error.log'), 'utf8') : '');
    if (started) {
      return { url: `http://127.0.0.1:${port}/`, port, errors, stop: () => stop(child, prefix) };
    }
    lastError = errors();
    await stop(child, undefined);
  }
  rmSync(prefix, { recursive: true, force: true });
  throw new Error(`nginx did not start: ${lastError}`);
}

/** Poll until nginx answers (true) or exits (false). */
async function untilServing(port: number, child: ChildProcess): Promise<boolean> {
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    try {
      await fetch(`http://127.0.0.1:${port}/`, { method: 'HEAD' });
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

function stop(child: ChildProcess, prefix: string | undefined): Promise<void> {
  return new Promise((done) => {
    const finish = () => {
      if (prefix) rmSync(prefix, { recursive: true, force: true });
      done();
    };
    if (child.exitCode !== null || child.signalCode !== null) return finish();
    child.once('exit', finish);
    // SIGQUIT: graceful shutdown of the master and its workers.
    child.kill('SIGQUIT');
  });
}

const SOURCES = ['src', 'content', 'labs', 'public', 'astro.config.mjs', 'package-lock.json'];
const stampIn = (outDir: string) => join(outDir, '.clusterlab-built');

/** A build directory of this checkout's own, for tests that must not see dist/ rebuilt under them. */
export const PRIVATE_SITE_DIR = join(tmpdir(), `clusterlab-site-${createHash('sha256').update(REPO_ROOT).digest('hex').slice(0, 12)}`);

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

/** True when the build is missing or older than any source it is built from. */
export function siteIsStale(outDir = DIST_DIR): boolean {
  const stamp = stampIn(outDir);
  if (!existsSync(stamp) || !existsSync(join(outDir, 'index.html'))) return true;
  const built = statSync(stamp).mtimeMs;
  return SOURCES.some((p) => newestMtime(join(REPO_ROOT, p)) > built);
}

/**
 * The environment for `astro build` from inside a test run. Vitest sets NODE_ENV=test and mirrors
 * import.meta.env into process.env (DEV=true, MODE, BASE_URL, ...); a build that inherits them
 * renders development markup (Starlight's search then says it only works in production builds).
 */
function buildEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', ASTRO_TELEMETRY_DISABLED: '1' };
  for (const name of ['DEV', 'PROD', 'SSR', 'MODE', 'BASE_URL', 'TEST']) delete env[name];
  for (const name of Object.keys(env)) if (name.startsWith('VITEST')) delete env[name];
  return env;
}

/** `astro build` into `outDir` now; returns the wall time it took, in ms. */
export function buildSite(outDir: string): number {
  const started = performance.now();
  const build = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts/with-node.mjs'), 'astro', 'build', '--outDir', outDir], { cwd: REPO_ROOT, encoding: 'utf8', env: buildEnv() });
  if (build.status !== 0) throw new Error(`astro build failed:\n${build.stdout}\n${build.stderr}`);
  const ms = performance.now() - started;
  writeFileSync(stampIn(outDir), `${new Date().toISOString()}\n`);
  return ms;
}

/**
 * Build the site into `outDir` (dist/ by default) when it is missing or stale (`astro build`),
 * once even when several test files ask at the same time: a lock directory keeps a second build
 * from racing the first.
 */
export async function ensureBuiltSite(outDir = DIST_DIR): Promise<string> {
  const lock = join(tmpdir(), `clusterlab-build-${createHash('sha256').update(outDir).digest('hex').slice(0, 12)}.lock`);
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed run (no build takes ten minutes) is taken over.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 600_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    if (siteIsStale(outDir)) buildSite(outDir);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  return outDir;
}

/** Vitest globalSetup entry: `globalSetup: ['tests/browser/support/nginx.ts']`. */
export async function setup(): Promise<void> {
  await ensureBuiltSite();
}
