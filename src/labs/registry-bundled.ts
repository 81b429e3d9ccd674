import { labRegistry } from './lab-registry';

const loaded = <T>(files: Record<string, T>): Record<string, () => Promise<T>> =>
  Object.fromEntries(Object.entries(files).map(([path, value]) => [path, () => Promise.resolve(value)]));

/**
 * The labs inside the script that imports this (the lab worker's, src/runtime/worker/lab-entry.ts).
 * A worker's first fetch of a chunk of its own waited 30–40 ms on the page's busy main thread in
 * Chromium, before the lab could even be built: the labs (about 100 KB) travel with the worker
 * instead. The sandbox's worker (entry.ts) does without them.
 */
export const { listLabs, loadLab } = labRegistry(
  loaded(import.meta.glob<Record<string, unknown>>('../../labs/*/lab.ts', { eager: true })),
  loaded(import.meta.glob<string>('../../labs/*/**/*.md', { query: '?raw', import: 'default', eager: true })),
);
