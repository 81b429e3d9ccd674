/**
 * The zod-free part of the lab format: what lab modules import when they are loaded (in the
 * browser's worker too), so defining a lab does not pull the schema validator into the bundle.
 * Validation itself is in schema.ts and runs in Node (lab test, CI, verify).
 */
import type { LabInput } from './schema';

/** Typed identity: gives authors completion and type errors in lab.ts. */
export function defineLab(lab: LabInput): LabInput {
  return lab;
}

/** Markdown kept in a file next to lab.ts; the registry reads it when the lab loads. */
export function markdownFile(path: string): { file: string } {
  return { file: path };
}

export class LabDefinitionError extends Error {
  constructor(
    readonly labId: string,
    readonly problems: string[],
  ) {
    super(`lab ${labId} is not valid:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'LabDefinitionError';
  }
}
