import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseLab, type LabDefinition } from './schema';
import { LAB_ID, labExport, resolveLab, UnknownLabError } from './resolve';

/**
 * The labs of this checkout, for Node (the CLI, tests, the verifier): each `labs/<id>/lab.ts`
 * is imported on demand (TypeScript through tsx or Vitest). The browser has the same API in
 * registry-browser.ts.
 */
export const LABS_DIR = fileURLToPath(new URL('../../labs/', import.meta.url));

export async function listLabs(dir = LABS_DIR): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const labs: string[] = [];
  for (const name of names.sort()) {
    if (!LAB_ID.test(name)) continue;
    if (await isFile(join(dir, name, 'lab.ts'))) labs.push(name);
  }
  return labs;
}

export async function loadLab(id: string, dir = LABS_DIR): Promise<LabDefinition> {
  const file = join(dir, id, 'lab.ts');
  if (!LAB_ID.test(id) || !(await isFile(file))) throw new UnknownLabError(id, await listLabs(dir));
  const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  return resolveLab(
    id,
    labExport(module),
    async (rel) => {
      try {
        return await readFile(join(dir, id, rel), 'utf8');
      } catch {
        return undefined;
      }
    },
    parseLab,
  );
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
