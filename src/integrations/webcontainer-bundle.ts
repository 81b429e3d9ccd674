import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { build, type Message, type Plugin } from 'esbuild';

/** Where the site serves the WebContainer runtime's files (the page fetches and mounts them). */
export const WEBCONTAINER_ASSETS_PATH = '/_clusterlab/webcontainer/';

/** The repository root; Astro passes its own, as the config it loads is bundled elsewhere. */
const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
/** Shipped as written: plain Node ESM without dependencies. */
const PLAIN_FILES = ['shim.mjs', 'client.mjs', 'ctl.mjs'];

/** Lists the other files, so the page knows what to fetch and mount. */
export const MANIFEST = 'manifest.json';
const OUT = '/clusterlab-daemon';

/**
 * The files the container gets, by name: `daemon.mjs` is the daemon with the engine bundled in
 * (ESM for Node, so the container needs no npm install) and one `chunk-*.mjs` per lab, loaded
 * when that lab starts; the shims as written; and manifest.json naming them all.
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
    // yaml's ESM build (what the browser worker bundles too) instead of its CommonJS one for
    // Node: the same code, 5 KB less once gzipped, since esbuild can shake what is unused.
    alias: { yaml: join(root, 'node_modules/yaml/browser/index.js') },
    // Bundled CommonJS dependencies require Node built-ins; give the ESM bundle a require.
    banner: { js: "import { createRequire as __clusterlabRequire } from 'node:module'; const require = __clusterlabRequire(import.meta.url);" },
    splitting: true,
    outdir: OUT,
    entryNames: 'daemon',
    chunkNames: 'chunk-[hash]',
    outExtension: { '.js': '.mjs' },
    write: false,
    logLevel: 'silent',
    plugins: [bundledLabs(root)],
  }).catch((error: unknown) => {
    // esbuild's own message is empty at this level; name the first problems instead.
    const errors = (error as { errors?: Message[] }).errors ?? [];
    throw new Error(`could not bundle the WebContainer daemon: ${errors.slice(0, 3).map(describe).join('; ') || String(error)}`);
  });
  const files: Record<string, string> = {};
  for (const file of result.outputFiles) files[relative(OUT, file.path)] = file.text;
  if (files['daemon.mjs'] === undefined) throw new Error('esbuild produced no daemon bundle');
  for (const name of PLAIN_FILES) files[name] = await readFile(join(sourceDir, 'shim', name), 'utf8');
  files[MANIFEST] = `${JSON.stringify(Object.keys(files).sort())}\n`;
  return files;
}

/**
 * `virtual:clusterlab-labs`: every labs/<id>/lab.ts as a lazy import and every Markdown file
 * under labs/<id>/ as text, so the daemon can start any lab without a file system of labs.
 */
function bundledLabs(root: string): Plugin {
  const labsDir = join(root, 'labs');
  return {
    name: 'clusterlab-labs',
    setup(b) {
      b.onResolve({ filter: /^virtual:clusterlab-labs$/ }, () => ({ path: 'labs', namespace: 'clusterlab-labs' }));
      b.onLoad({ filter: /.*/, namespace: 'clusterlab-labs' }, async () => {
        const ids = (await readdir(labsDir, { withFileTypes: true }).catch(() => [])).filter((e) => e.isDirectory() && existsSync(join(labsDir, e.name, 'lab.ts'))).map((e) => e.name).sort();
        const modules = ids.map((id) => `${JSON.stringify(id)}: () => import(${JSON.stringify(join(labsDir, id, 'lab.ts'))})`);
        const texts: Record<string, string> = {};
        for (const id of ids) {
          for (const entry of await readdir(join(labsDir, id), { recursive: true, withFileTypes: true })) {
            if (!entry.isFile() || !entry.name.endsWith('.md')) continue;
            const path = join(entry.parentPath, entry.name);
            texts[`${id}/${relative(join(labsDir, id), path)}`] = await readFile(path, 'utf8');
          }
        }
        return { contents: `export const labModules = {${modules.join(',')}};\nexport const labTexts = ${JSON.stringify(texts)};`, resolveDir: root, loader: 'js', watchDirs: [labsDir] };
      });
    },
  };
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
              res.setHeader('content-type', url.endsWith('.json') ? 'application/json' : 'text/javascript; charset=utf-8');
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
