import { LabDefinitionError } from './define';
import type { LabDefinition, MarkdownSource, ParsedLab } from './schema';

/** Turns a lab module's export into a lab with defaults: the schema in Node, defaults only in the browser. */
export type LabParser = (input: unknown, name: string) => ParsedLab;

/** Reads a file next to a lab's lab.ts, by relative path; undefined when there is none. */
export type LabTextReader = (relativePath: string) => Promise<string | undefined>;

export class UnknownLabError extends Error {
  override name = 'UnknownLabError';
  constructor(
    readonly labId: string,
    readonly known: string[],
  ) {
    super(`unknown lab "${labId}"${known.length > 0 ? ` (labs: ${known.join(', ')})` : ''}`);
  }
}

export const LAB_ID = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/**
 * Validate a lab module's default export and read every Markdown text it keeps in files, so
 * what the session gets has each task's instructions and hints as strings.
 */
export async function resolveLab(id: string, moduleExport: unknown, read: LabTextReader, parse: LabParser): Promise<LabDefinition> {
  const parsed = parse(moduleExport, `labs/${id}/lab.ts`);
  if (parsed.id !== id) throw new LabDefinitionError(`labs/${id}/lab.ts`, [`lab.id: "${parsed.id}" must match its folder name "${id}"`]);
  const problems: string[] = [];
  const text = async (source: MarkdownSource, where: string): Promise<string> => {
    if (typeof source === 'string') return source;
    const content = await read(source.file);
    if (content === undefined || content.trim() === '') problems.push(`${where}: file ${source.file} is missing or empty`);
    return content ?? '';
  };
  const tasks = await Promise.all(
    parsed.tasks.map(async (t, i) => ({
      ...t,
      instructions: await text(t.instructions, `lab.tasks[${i}].instructions`),
      hints: await Promise.all(t.hints.map((h, j) => text(h, `lab.tasks[${i}].hints[${j}]`))),
    })),
  );
  if (problems.length > 0) throw new LabDefinitionError(`labs/${id}/lab.ts`, problems);
  return { ...parsed, tasks };
}

/** The default export of a lab module (or its `lab` export). */
export function labExport(module: Record<string, unknown>): unknown {
  return module.default ?? module.lab;
}
