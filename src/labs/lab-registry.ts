import type { LabDefinition } from './schema';
import { applyLabDefaults } from './defaults';
import { labExport, resolveLab, UnknownLabError } from './resolve';

/** Vite's import.meta.glob result, by path: a loader per file. */
type Loaders<T> = Record<string, () => Promise<T>>;

/**
 * The labs as the browser gets them from Vite: every labs/<id>/lab.ts and the Markdown files
 * next to it, found by path. registry-browser.ts loads each as a chunk of its own when a lab
 * starts; registry-bundled.ts has them all in the worker's script. Same API as registry.ts.
 */
export function labRegistry(modules: Loaders<Record<string, unknown>>, texts: Loaders<string>) {
  const idOf = (path: string) => path.split('/')[3]!;
  const listLabs = (): Promise<string[]> => Promise.resolve(Object.keys(modules).map(idOf).sort());
  const loadLab = async (id: string): Promise<LabDefinition> => {
    const load = modules[`../../labs/${id}/lab.ts`];
    if (!load) throw new UnknownLabError(id, await listLabs());
    // Labs are validated in Node (lab test, CI); the browser applies the defaults without zod.
    return resolveLab(
      id,
      labExport(await load()),
      async (rel) => {
        const text = texts[`../../labs/${id}/${rel.replace(/^\.\//, '')}`];
        return text ? await text() : undefined;
      },
      applyLabDefaults,
    );
  };
  return { listLabs, loadLab };
}
