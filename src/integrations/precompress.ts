import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { constants, gzip } from 'node:zlib';
import type { AstroIntegration } from 'astro';

const gzipAsync = promisify(gzip);

/** Text files worth compressing; Pagefind's index and fragments come compressed already. */
const COMPRESSIBLE = /\.(?:html|js|mjs|css|json|svg|txt|xml|webmanifest)$/;
/** Below this, the gzip header costs more than it saves (nginx's gzip_min_length is 256 too). */
const MIN_BYTES = 256;

/** The .gz twin of a file, if compressing saves something. */
export async function gzipTwin(content: Buffer): Promise<Buffer | undefined> {
  if (content.length < MIN_BYTES) return undefined;
  const packed = await gzipAsync(content, { level: constants.Z_BEST_COMPRESSION });
  return packed.length < content.length ? packed : undefined;
}

async function compressibleFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && COMPRESSIBLE.test(e.name)).map((e) => join(e.parentPath, e.name));
}

/**
 * Writes `file.gz` next to every compressible file of the built site, at the highest level, for
 * servers that send precompressed files (nginx's `gzip_static on` in deploy/nginx). Compressing
 * once at build time instead of on every request saves the server's CPU and the learner's wait:
 * the lab's worker script is 760 KB, which nginx compressed at level 1 (294 KB) on every request
 * while the learner waited; precompressed at level 9 it is 247 KB and leaves at once.
 * Runs last, after the pages are final (CSP hashes, Pagefind).
 */
export function precompress(): AstroIntegration {
  return {
    name: 'clusterlab:precompress',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const files = await compressibleFiles(fileURLToPath(dir));
        let written = 0;
        await Promise.all(
          files.map(async (file) => {
            const packed = await gzipTwin(await readFile(file));
            if (!packed) return;
            await writeFile(`${file}.gz`, packed);
            written++;
          }),
        );
        logger.info(`${written} files precompressed (.gz) for gzip_static`);
      },
    },
  };
}
