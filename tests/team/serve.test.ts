import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../../src/server/headers.mjs';
import { BUNDLE, fixtureSite, PRECOMPRESSED } from './helpers';

/** `clusterlab serve` as a real process on a free port, against a tiny fixture site. */
let child: ChildProcess;
let base: string;

beforeAll(async () => {
  child = spawn(process.execPath, ['bin/clusterlab.mjs', 'serve', '--port', '0', '--host', '127.0.0.1'], {
    env: { ...process.env, SITE_DIR: fixtureSite(), CLUSTERLAB_RUNTIME: 'worker', TEAM_MODE: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  base = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const url = /at (http:\/\/\S+?)\/?\s/.exec(text)?.[1];
      if (url) resolve(url);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${text}`)));
  });
});

afterAll(async () => {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
});

function expectSecurityHeaders(res: Response): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers.get(name), name).toBe(value);
}

describe('clusterlab serve', () => {
  it('serves pages with the shared headers, revalidated, with an ETag that answers 304', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expectSecurityHeaders(res);
    expect(await res.text()).toContain('<h1>Home</h1>');
    const again = await fetch(`${base}/`, { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('caches hashed bundles forever and gzips them for clients that accept it', async () => {
    const res = await fetch(`${base}/_astro/app.Dk3x9a.js`);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(await res.text()).toBe(BUNDLE);
    const raw = await new Promise<{ encoding?: string; body: Buffer }>((resolve) =>
      request(`${base}/_astro/app.Dk3x9a.js`, { headers: { 'accept-encoding': 'gzip' } }, (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => resolve({ encoding: r.headers['content-encoding'], body: Buffer.concat(chunks) }));
      }).end(),
    );
    expect(raw.encoding).toBe('gzip');
    // The build's precompressed twin is sent as it is, not compressed again.
    expect(gzipSync(BUNDLE).equals(PRECOMPRESSED)).toBe(false);
    expect(raw.body.equals(PRECOMPRESSED)).toBe(true);
    expect(gunzipSync(raw.body).toString()).toBe(BUNDLE);
  });

  it("answers unknown paths with the site's 404 page and the same headers", async () => {
    for (const path of ['/no/such/page/', '/_headers', '/_astro/gone.js']) {
      const res = await fetch(base + path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expectSecurityHeaders(res);
      expect(await res.text()).toContain('<h1>404</h1>');
    }
  });

  it('redirects a folder without its slash, keeping the query', async () => {
    const res = await fetch(`${base}/lessons?x=1`, { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/lessons/?x=1');
  });

  it('never serves a file outside the site folder', async () => {
    const status = await new Promise<number>((resolve) => request(`${base}/%2e%2e/%2e%2e/%2e%2e/etc/passwd`, (r) => resolve(r.statusCode!)).end());
    expect(status).toBe(404);
    const dotdot = await new Promise<number>((resolve) => request({ host: '127.0.0.1', port: new URL(base).port, path: '/../../etc/passwd' }, (r) => resolve(r.statusCode!)).end());
    expect(dotdot).toBe(404);
  });

  it('tells the browser its runtime, and that team mode is off', async () => {
    expect(await (await fetch(`${base}/clusterlab-config.json`)).json()).toEqual({ runtime: 'worker', teamMode: false });
    const api = await fetch(`${base}/api/team/cohorts`);
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({ error: 'team-mode-off', message: 'team mode is off on this server (set TEAM_MODE=1)' });
  });

  it('refuses methods other than GET and HEAD on the site', async () => {
    const res = await fetch(`${base}/`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });
});
