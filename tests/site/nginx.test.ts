// Real nginx (Debian's) with the shipped config serving the built site: what a self-hoster gets.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../../src/server/headers.mjs';
import { ensureBuiltSite, PRIVATE_SITE_DIR, startNginx, type RunningNginx } from '../browser/support/nginx';

// A build of its own: other test files may rebuild dist/ while this one serves it.
const SITE = PRIVATE_SITE_DIR;

interface Got {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(url: string, headers: Record<string, string> = {}): Promise<Got> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

function expectSecurityHeaders(got: Got): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(got.headers[name.toLowerCase()], name).toBe(value);
}

const firstAsset = (ext: string) => readdirSync(join(SITE, '_astro')).find((f) => f.endsWith(ext));

describe('the shipped nginx config serving dist/', () => {
  let nginx: RunningNginx;
  beforeAll(async () => {
    await ensureBuiltSite(SITE);
    nginx = await startNginx({ root: SITE });
  }, 300_000);
  afterAll(async () => {
    await nginx?.stop();
  });

  it('serves pages with the headers and no-cache', async () => {
    for (const path of ['', 'getting-started/']) {
      const got = await get(nginx.url + path);
      expect(got.status, path).toBe(200);
      expect(got.headers['content-type']).toBe('text/html');
      expect(got.headers['cache-control']).toBe('no-cache');
      expectSecurityHeaders(got);
      expect(got.body.toString()).toContain('<title>');
    }
  });

  it('redirects a directory without its slash, keeping the browser on the same host and port', async () => {
    const got = await get(`${nginx.url}getting-started`);
    expect(got.status).toBe(301);
    expect(got.headers.location).toBe('/getting-started/');
  });

  it('caches hashed bundles forever and sends them with the same headers', async () => {
    const script = firstAsset('.js');
    const got = await get(`${nginx.url}_astro/${script}`);
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toBe('application/javascript');
    expect(got.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expectSecurityHeaders(got);
  });

  it('gzips text assets for clients that accept it', async () => {
    const css = firstAsset('.css');
    const plain = await get(`${nginx.url}_astro/${css}`);
    const zipped = await get(`${nginx.url}_astro/${css}`, { 'accept-encoding': 'gzip' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('Accept-Encoding');
    expect(zipped.body.length).toBeLessThan(plain.body.length);
  });

  it("sends the build's precompressed files as they are (gzip_static), the lab worker's script among them", async () => {
    const worker = readdirSync(join(SITE, '_astro')).find((f) => /^entry-.*\.js$/.test(f))!;
    for (const path of [`_astro/${worker}`, 'index.html']) {
      const twin = readFileSync(join(SITE, `${path}.gz`));
      const zipped = await get(nginx.url + path, { 'accept-encoding': 'gzip' });
      expect(zipped.headers['content-encoding'], path).toBe('gzip');
      expect(zipped.body.equals(twin), path).toBe(true);
      expect(gunzipSync(zipped.body).equals(readFileSync(join(SITE, path))), path).toBe(true);
    }
  });

  it("answers unknown paths with the site's 404 page, headers included", async () => {
    const got = await get(`${nginx.url}no/such/lesson/`);
    expect(got.status).toBe(404);
    expect(got.body.toString()).toBe(readFileSync(join(SITE, '404.html'), 'utf8'));
    expect(got.headers['cache-control']).toBe('no-cache');
    expectSecurityHeaders(got);
    expect((await get(`${nginx.url}_headers`)).status).toBe(404);
    expect((await get(`${nginx.url}_astro/missing.js`)).status).toBe(404);
  });

  it('serves the WebContainer runtime files as JavaScript, and Pagefind', async () => {
    const manifest = JSON.parse((await get(`${nginx.url}_clusterlab/webcontainer/manifest.json`)).body.toString()) as string[];
    expect(manifest).toEqual(expect.arrayContaining(['daemon.mjs', 'shim.mjs', 'client.mjs', 'ctl.mjs']));
    for (const name of manifest.filter((n) => n.endsWith('.mjs'))) {
      const file = await get(`${nginx.url}_clusterlab/webcontainer/${name}`);
      expect([name, file.status, file.headers['content-type']]).toEqual([name, 200, 'text/javascript']);
      expectSecurityHeaders(file);
    }
    const pagefind = await get(`${nginx.url}pagefind/pagefind.js`);
    expect(pagefind.status).toBe(200);
    expectSecurityHeaders(pagefind);
  });

  it("allows each page's inline scripts by hash in its meta policy, and nothing unlisted", async () => {
    for (const path of ['', 'getting-started/', '404.html']) {
      const html = (await get(nginx.url + path)).body.toString();
      const meta = /<meta http-equiv="content-security-policy" content="([^"]*)">/.exec(html)?.[1] ?? '';
      const scriptSrc = /script-src ([^;]*);/.exec(meta)?.[1]?.split(' ') ?? [];
      const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
      expect(inline.length, path).toBeGreaterThan(0);
      for (const code of inline) {
        const hash = `'sha256-${createHash('sha256').update(code).digest('base64')}'`;
        expect(scriptSrc, `${path}: ${code.slice(0, 60)}`).toContain(hash);
      }
    }
  });
});

describe('the site through nginx in Chromium', () => {
  let nginx: RunningNginx;
  let browser: import('playwright-core').Browser;
  beforeAll(async () => {
    await ensureBuiltSite(SITE);
    nginx = await startNginx({ root: SITE });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await nginx?.stop();
  });

  it('is cross-origin isolated, runs its inline scripts and violates no policy', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => m.type() === 'error' && violations.push(m.text()));
    await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { reportViolation(v: string): void }).reportViolation(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    await page.goto(`${nginx.url}getting-started/`, { waitUntil: 'load' });
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    // Starlight's inline theme script ran: it defines the provider and sets the theme attribute.
    expect(await page.evaluate(() => typeof (window as unknown as { StarlightThemeProvider?: unknown }).StarlightThemeProvider)).toBe('object');
    expect(await page.getAttribute('html', 'data-theme')).toMatch(/^(dark|light)$/);
    // Search: Pagefind's worker and WebAssembly load under the policy and find the page.
    await page.getByRole('button', { name: 'Search' }).first().click();
    await page.getByRole('dialog', { name: 'Search' }).getByPlaceholder('Search').fill('lab');
    await expect.poll(() => page.locator('.pagefind-ui__result').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(violations).toEqual([]);
    await page.close();
  }, 60_000);
});
