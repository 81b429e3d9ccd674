// Every internal link and asset of the built site resolves: a page, a file, and for `#anchors`
// an element with that id on the target page. Builds the site first when dist/ is missing or older
// than its sources (the same helper the browser tests use).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIST_DIR, ensureBuiltSite } from '../browser/support/nginx';

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return htmlFiles(path);
    return e.name.endsWith('.html') ? [path] : [];
  });
}

/** The file a site path is served from, as nginx's try_files $uri $uri/index.html does. */
function fileFor(path: string): string | undefined {
  const clean = decodeURIComponent(path);
  const direct = join(DIST_DIR, clean);
  if (existsSync(direct) && statSync(direct).isFile()) return direct;
  const index = join(DIST_DIR, clean, 'index.html');
  return existsSync(index) ? index : undefined;
}

const ids = new Map<string, Set<string>>();
function idsOf(file: string): Set<string> {
  let set = ids.get(file);
  if (!set) ids.set(file, (set = new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!))));
  return set;
}

describe('the built site has no broken internal links', () => {
  beforeAll(async () => {
    await ensureBuiltSite(DIST_DIR);
  }, 600_000);

  it('every href and src that points inside the site resolves, anchors included', () => {
    const broken: string[] = [];
    for (const page of htmlFiles(DIST_DIR)) {
      const html = readFileSync(page, 'utf8');
      for (const [, attr, url] of html.matchAll(/\s(href|src)="([^"]*)"/g)) {
        if (!url || /^(https?:|mailto:|data:|blob:|javascript:)/.test(url) || url.startsWith('//')) continue;
        const [pathAndQuery = '', anchor] = url.split('#');
        const path = pathAndQuery.split('?')[0]!;
        const from = relative(DIST_DIR, page);
        if (path === '') {
          if (anchor && !idsOf(page).has(decodeURIComponent(anchor))) broken.push(`${from}: ${attr}="${url}" (no such anchor)`);
          continue;
        }
        const target = path.startsWith('/') ? fileFor(path) : fileFor(join('/', relative(DIST_DIR, join(page, '..')), path));
        if (!target) broken.push(`${from}: ${attr}="${url}"`);
        else if (anchor && target.endsWith('.html') && !idsOf(target).has(decodeURIComponent(anchor))) broken.push(`${from}: ${attr}="${url}" (no such anchor)`);
      }
    }
    expect(broken).toEqual([]);
  });
});
