import type { LabDefinition } from './schema';
import { applyLabDefaults } from './defaults';
import { labExport, resolveLab, UnknownLabError } from './resolve';

/**
 * The labs, for the browser (Vite): each lab module and its Markdown files become lazy chunks,
 * loaded when a lesson starts that lab. Same API as registry.ts.
 */
const modules = import.meta.glob<Record<string, unknown>>('../../labs/*/lab.ts');
const texts = import.meta.glob<string>('../../labs/*/**/*.md', { query: '?raw', import: 'default' });

const idOf = (path: string) => path.split('/')[3]!;

export function listLabs(): Promise<string[]> {
  return Promise.resolve(Object.keys(modules).map(idOf).sort());
}

export async function loadLab(id: string): Promise<LabDefinition> {
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
}
