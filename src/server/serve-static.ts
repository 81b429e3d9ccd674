import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SECURITY_HEADERS } from './headers.mjs';

/**
 * The built site from one Node process, in step with deploy/nginx/clusterlab.conf: the shared
 * security headers on every answer, `/_astro/` bundles cached forever (their names carry a
 * content hash), everything else revalidated (`no-cache` plus an ETag), gzip for text, the
 * site's own 404 page, `/lessons` redirected to `/lessons/`.
 */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.pf_meta': 'application/octet-stream',
};
const COMPRESSIBLE = /^(text\/|application\/(json|xml|javascript)|image\/svg)/;
export const IMMUTABLE = 'public, max-age=31536000, immutable';

interface Loaded {
  body: Buffer;
  gzipped?: Buffer;
  etag: string;
  mtimeMs: number;
}

/** `file.gz` if it exists and is not older than `file`. */
async function readTwin(file: string, mtimeMs: number): Promise<Buffer | undefined> {
  try {
    const twin = await stat(`${file}.gz`);
    return twin.mtimeMs >= mtimeMs ? await readFile(`${file}.gz`) : undefined;
  } catch {
    return undefined;
  }
}

export function applySecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

/** A request handler for the files under `root` (seen at URL `mount`, e.g. '/team'); answers every GET/HEAD itself. */
export function staticSite(root: string, mount = ''): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const cache = new Map<string, Loaded>();

  async function load(file: string): Promise<Loaded | undefined> {
    let info;
    try {
      info = await stat(file);
    } catch {
      return undefined;
    }
    if (!info.isFile()) return undefined;
    const hit = cache.get(file);
    if (hit && hit.mtimeMs === info.mtimeMs) return hit;
    const body = await readFile(file);
    const loaded: Loaded = { body, mtimeMs: info.mtimeMs, etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"` };
    // The build's precompressed twin (src/integrations/precompress.ts) when there is one.
    if (COMPRESSIBLE.test(typeOf(file)) && body.length >= 256) loaded.gzipped = (await readTwin(file, info.mtimeMs)) ?? gzipSync(body);
    cache.set(file, loaded);
    return loaded;
  }

  return async (req, res) => {
    applySecurityHeaders(res);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('method not allowed\n');
      return;
    }
    const full = safePath(req.url ?? '/');
    const path = full?.startsWith(`${mount}/`) ? full.slice(mount.length) : undefined;
    if (path === undefined || path === '/_headers') return notFound();
    const file = join(root, path);
    if (path.endsWith('/')) return send(await load(join(file, 'index.html')), join(file, 'index.html'));
    const found = await load(file);
    if (found) return send(found, file);
    if (await load(join(file, 'index.html'))) {
      const query = (req.url ?? '').includes('?') ? (req.url ?? '').slice((req.url ?? '').indexOf('?')) : '';
      res.writeHead(301, { Location: `${mount}${path}/${query}`, 'Cache-Control': 'no-cache' }).end();
      return;
    }
    return notFound();

    async function notFound(): Promise<void> {
      const page = await load(join(root, '404.html'));
      if (page) return send(page, '404.html', 404);
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache' }).end('not found\n');
    }

    async function send(file: Loaded | undefined, name: string, status = 200): Promise<void> {
      if (!file) return notFound();
      res.setHeader('Content-Type', typeOf(name));
      res.setHeader('Cache-Control', path?.startsWith('/_astro/') && status === 200 ? IMMUTABLE : 'no-cache');
      res.setHeader('ETag', file.etag);
      if (file.gzipped) res.setHeader('Vary', 'Accept-Encoding');
      if (status === 200 && req.headers['if-none-match'] === file.etag) {
        res.writeHead(304).end();
        return;
      }
      const gzip = file.gzipped && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      const body = gzip ? file.gzipped! : file.body;
      if (gzip) res.setHeader('Content-Encoding', 'gzip');
      res.setHeader('Content-Length', body.length);
      res.writeHead(status).end(req.method === 'HEAD' ? undefined : body);
    }
  };
}

function typeOf(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** The URL's path, decoded and normalised, or undefined when it tries to leave the site root. */
export function safePath(url: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url, 'http://x').pathname);
  } catch {
    return undefined;
  }
  if (path.includes('\0')) return undefined;
  const normal = normalize(path).split(sep).join('/');
  if (!normal.startsWith('/') || normal.split('/').includes('..')) return undefined;
  return normal;
}
