import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import type { Plugin } from 'vite';
import type { DecodedManifest } from '../labs/setup-json';

/** The repository root (this file is src/integrations/lab-setups.ts). */
const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const LAB_SETUPS_MODULE = 'virtual:clusterlab-lab-setups';
const RESOLVED = `\0${LAB_SETUPS_MODULE}`;

/** Every lab's setup manifests decoded (see src/labs/setup-json.ts), by lab id. */
export async function decodedLabSetups(root = REPO_ROOT): Promise<{ setups: Record<string, (DecodedManifest | undefined)[]>; files: string[] }> {
  const labsDir = join(root, 'labs');
  const ids = (await readdir(labsDir, { withFileTypes: true })).filter((e) => e.isDirectory() && existsSync(join(labsDir, e.name, 'lab.ts'))).map((e) => e.name).sort();
  // The engine's own decoder, run in Node the way tsx runs the CLI; a fresh import each build.
  const { decodeManifests } = (await tsImport(pathToFileURL(join(root, 'src/labs/setup-json.ts')).href, import.meta.url)) as typeof import('../labs/setup-json');
  const setups: Record<string, (DecodedManifest | undefined)[]> = {};
  const files: string[] = [];
  for (const id of ids) {
    const file = join(labsDir, id, 'lab.ts');
    files.push(file);
    const mod = (await tsImport(pathToFileURL(file).href, import.meta.url)) as { default?: unknown; lab?: unknown };
    const manifests = ((mod.default ?? mod.lab) as { setup?: { manifests?: string[] } } | undefined)?.setup?.manifests ?? [];
    if (manifests.length > 0) setups[id] = decodeManifests(manifests);
  }
  return { setups, files };
}

/**
 * `virtual:clusterlab-lab-setups`: the labs' setup manifests, decoded at build time, for the lab
 * worker's script (src/labs/registry-bundled.ts). Worker scripts are bundled with Vite's
 * `worker.plugins`, so the config lists this plugin there.
 */
export function labSetups(root = REPO_ROOT): Plugin {
  return {
    name: 'clusterlab:lab-setups',
    resolveId: (id) => (id === LAB_SETUPS_MODULE ? RESOLVED : undefined),
    async load(id) {
      if (id !== RESOLVED) return undefined;
      const { setups, files } = await decodedLabSetups(root);
      // Under `astro dev`, a changed lab rebuilds this module; a stale one is still safe (the
      // worker keeps the YAML of any manifest whose text no longer matches).
      for (const file of files) this.addWatchFile(file);
      return `export default ${JSON.stringify(setups)};`;
    },
  };
}
