import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { build, type Message } from 'esbuild';

/** Where the site serves the WebContainer runtime's files (the page fetches and mounts them). */
export const WEBCONTAINER_ASSETS_PATH = '/_clusterlab/webcontainer/';

/** The repository root; Astro passes its own, as the config it loads is bundled elsewhere. */
const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
/** Shipped as written: plain Node ESM without dependencies. */
const PLAIN_FILES = ['shim.mjs', 'client.mjs', 'ctl.mjs'];

/**
 * The files the container gets, by name: `daemon.mjs` is the daemon with the whole engine bundled
 * in (one ESM file for Node, so the container needs no npm install), the rest are the shims.
 */
export async function buildWebContainerAssets(root = REPO_ROOT): Promise<Record<string, string>> {
  const sourceDir = join(root, 'src/runtime/webcontainer');
  const result = await build({
    entryPoints: [join(sourceDir, 'daemon/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node18',
    minify: true,
    legalComments: 'none',
    // Bundled CommonJS dependencies (yaml) require Node built-ins; give the ESM bundle a require.
    banner: { js: "import { createRequire as __clusterlabRequire } from 'node:module'; const require = __clusterlabRequire(import.meta.url);" },
    write: false,
    logLevel: 'silent',
  }).catch((error: unknown) => {
    // esbuild's own message is empty at this level; name the first problems instead.
    const errors = (error as { errors?: Message[] }).errors ?? [];
    throw new Error(`could not bundle the WebContainer daemon: ${errors.slice(0, 3).map(describe).join('; ') || String(error)}`);
  });
  const daemon = result.outputFiles[0]?.text;
  if (daemon === undefined) throw new Error('esbuild produced no daemon bundle');
  const files: Record<string, string> = { 'daemon.mjs': daemon };
  for (const name of PLAIN_FILES) files[name] = await readFile(join(sourceDir, 'shim', name), 'utf8');
  return files;
}

const describe = (m: Message) => (m.location ? `${m.location.file}:${m.location.line}:${m.location.column}: ${m.text}` : m.text);

export async function writeWebContainerAssets(outDir: string, root = REPO_ROOT): Promise<string[]> {
  const files = await buildWebContainerAssets(root);
  const dir = join(outDir, WEBCONTAINER_ASSETS_PATH);
  await mkdir(dir, { recursive: true });
  await Promise.all(Object.entries(files).map(([name, text]) => writeFile(join(dir, name), text)));
  return Object.keys(files).map((name) => join(dir, name));
}

/**
 * Builds the WebContainer runtime's files into the site: written to dist/ by `astro build`,
 * served from memory by `astro dev` (rebuilt on each request, so engine edits show at once).
 */
export function webContainerBundle(): AstroIntegration {
  let root = REPO_ROOT;
  return {
    name: 'clusterlab:webcontainer-bundle',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((req, res, next) => {
          const url = req.url?.split('?')[0] ?? '';
          if (!url.startsWith(WEBCONTAINER_ASSETS_PATH)) return next();
          buildWebContainerAssets(root)
            .then((files) => {
              const text = files[url.slice(WEBCONTAINER_ASSETS_PATH.length)];
              if (text === undefined) return next();
              res.setHeader('content-type', 'text/javascript; charset=utf-8');
              res.setHeader('cross-origin-resource-policy', 'same-origin');
              res.end(text);
            })
            .catch(next);
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const written = await writeWebContainerAssets(fileURLToPath(dir), root);
        logger.info(`WebContainer runtime: ${written.length} files in ${WEBCONTAINER_ASSETS_PATH}`);
      },
    },
  };
}
