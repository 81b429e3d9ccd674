import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

const META = /<meta http-equiv="content-security-policy" content="([^"]*)">/;
const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g;

const hashOf = (code: string) => `'sha256-${createHash('sha256').update(code).digest('base64')}'`;

/**
 * Add the hash of every inline script of a page to its meta policy's script-src. Astro's
 * `security.csp` hashes the scripts it bundles but not `is:inline` ones, and Starlight's theme,
 * search and sidebar scripts are all `is:inline`: without this the browser would block them.
 * Returns the page unchanged when it has no meta policy.
 */
export function withInlineScriptHashes(html: string): string {
  const meta = META.exec(html);
  if (!meta) return html;
  const hashes = [...html.matchAll(INLINE_SCRIPT)].map((m) => hashOf(m[1] ?? ''));
  const policy = (meta[1] ?? '').replace(/script-src ([^;]*)/, (_, sources: string) => {
    const listed = sources.split(' ').filter(Boolean);
    return `script-src ${[...new Set([...listed, ...hashes])].join(' ')}`;
  });
  return html.replace(meta[0], `<meta http-equiv="content-security-policy" content="${policy}">`);
}

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.html')).map((e) => join(e.parentPath, e.name));
}

/** Completes each built page's meta Content-Security-Policy with its inline scripts' hashes. */
export function cspInlineHashes(): AstroIntegration {
  return {
    name: 'clusterlab:csp-inline-hashes',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        for (const file of await htmlFiles(fileURLToPath(dir))) {
          const html = await readFile(file, 'utf8');
          const completed = withInlineScriptHashes(html);
          if (completed !== html) await writeFile(file, completed);
        }
      },
    },
  };
}
