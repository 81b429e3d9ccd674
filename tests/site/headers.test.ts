// The header set lives in src/server/headers.mjs; every server of the site must send exactly it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../astro.config.mjs';
import { CSP_DIRECTIVES, nginxHeaders, SECURITY_HEADERS, staticHostHeaders, WEBCONTAINER_ORIGINS } from '../../src/server/headers.mjs';
import { REPO_ROOT } from '../browser/support/nginx';

const read = (file: string) => readFileSync(join(REPO_ROOT, file), 'utf8');

describe('one header set for every server', () => {
  it('makes the page cross-origin isolated, as WebContainer requires', () => {
    expect(SECURITY_HEADERS['Cross-Origin-Opener-Policy']).toBe('same-origin');
    expect(SECURITY_HEADERS['Cross-Origin-Embedder-Policy']).toBe('require-corp');
  });

  it('astro dev and astro preview send it', () => {
    expect(config.server).toEqual({ headers: SECURITY_HEADERS });
  });

  it('public/_headers and the nginx include are generated from it and up to date', () => {
    const hint = 'run: node src/server/write-headers.mjs';
    expect(read('public/_headers'), hint).toBe(staticHostHeaders());
    expect(read('deploy/nginx/clusterlab-headers.conf'), hint).toBe(nginxHeaders());
  });

  it('nginx includes the headers in every location that sets its own (add_header is not inherited)', () => {
    const conf = read('deploy/nginx/clusterlab.conf');
    const locations = conf.split(/\n\s*location /).slice(1);
    expect(locations.length).toBeGreaterThanOrEqual(4);
    for (const block of locations) {
      if (block.includes('add_header')) expect(block, block.split('\n')[0]).toContain('include clusterlab-headers.conf;');
    }
  });
});

describe('the Content-Security-Policy', () => {
  const policy = SECURITY_HEADERS['Content-Security-Policy'] ?? '';

  it('gives a reason for every directive and never allows any origin or eval', () => {
    for (const [name, { sources, why }] of Object.entries(CSP_DIRECTIVES)) {
      expect(why.length, name).toBeGreaterThan(20);
      expect(sources, name).not.toContain('*');
      expect(sources.filter((s) => /^(https?:|ws:)$/.test(s)), name).toEqual([]);
    }
    expect(policy).not.toContain("'unsafe-eval'");
    expect(policy).toContain("object-src 'none'");
  });

  it('lets in StackBlitz only as the WebContainer frame', () => {
    const external = policy.split(/[; ]/).filter((s) => s.startsWith('https://'));
    expect(external).toEqual(WEBCONTAINER_ORIGINS);
    expect(policy).toContain(`frame-src ${WEBCONTAINER_ORIGINS.join(' ')}`);
  });

  it('asks Astro to pin inline scripts to their hashes on every page', () => {
    expect(config.security?.csp).toMatchObject({ algorithm: 'SHA-256', scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] } });
  });
});

describe('the Dockerfile', () => {
  const dockerfile = read('Dockerfile');

  it('builds with Node 24 and serves with nginx:stable', () => {
    expect(dockerfile).toMatch(/^FROM node:24 AS build$/m);
    expect(dockerfile).toMatch(/^RUN npm ci .*&& npm run build$/m);
    expect(dockerfile).toMatch(/^FROM nginx:stable$/m);
  });

  it('uses the shipped nginx config and puts the site where it points', () => {
    const conf = read('deploy/nginx/clusterlab.conf');
    expect(dockerfile).toContain('COPY deploy/nginx/clusterlab.conf /etc/nginx/conf.d/default.conf');
    // `include clusterlab-headers.conf` is relative to nginx's config directory, /etc/nginx.
    expect(dockerfile).toContain('COPY deploy/nginx/clusterlab-headers.conf /etc/nginx/clusterlab-headers.conf');
    const root = /^\s*root (\S+);$/m.exec(conf)?.[1];
    expect(dockerfile).toContain(`COPY --from=build /app/dist ${root}`);
    const port = /^\s*listen (\d+);$/m.exec(conf)?.[1];
    expect(dockerfile).toMatch(new RegExp(`^EXPOSE ${port}$`, 'm'));
  });
});
