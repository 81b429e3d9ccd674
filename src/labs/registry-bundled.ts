import decodedSetups from 'virtual:clusterlab-lab-setups';
import { labRegistry } from './lab-registry';
import { withDecodedManifests } from './setup-json';
import type { LabDefinition } from './schema';

const loaded = <T>(files: Record<string, T>): Record<string, () => Promise<T>> =>
  Object.fromEntries(Object.entries(files).map(([path, value]) => [path, () => Promise.resolve(value)]));

/**
 * The labs inside the script that imports this (the lab worker's, src/runtime/worker/lab-entry.ts).
 * A worker's first fetch of a chunk of its own waited 30–40 ms on the page's busy main thread in
 * Chromium, before the lab could even be built: the labs (about 100 KB) travel with the worker
 * instead. The sandbox's worker (entry.ts) does without them.
 */
const registry = labRegistry(
  loaded(import.meta.glob<Record<string, unknown>>('../../labs/*/lab.ts', { eager: true })),
  loaded(import.meta.glob<string>('../../labs/*/**/*.md', { query: '?raw', import: 'default', eager: true })),
);

export const listLabs = registry.listLabs;

/** A lab, with its setup manifests as decoded at build time (setup-json.ts). */
export async function loadLab(id: string): Promise<LabDefinition> {
  const def = await registry.loadLab(id);
  const manifests = withDecodedManifests(def.setup.manifests, decodedSetups[id]);
  return { ...def, setup: { ...def.setup, manifests } };
}
