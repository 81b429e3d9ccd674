/**
 * The lab worker's name, which can carry its prepare request (see spawn.ts for why). Apart from
 * spawn.ts so the worker can read it without importing the code that creates workers.
 */
import type { PrepareRequest } from './protocol';

export const WORKER_NAME = 'clusterlab-lab';
/** Marks a name that carries a prepare request, e.g. `clusterlab-lab prepare={"labId":"x"}`. */
const PREPARE_IN_NAME = ' prepare=';

/** The name of a worker that is to build what `prepare` asks for (a fresh start: no saved state). */
export function nameCarrying(prepare: Omit<PrepareRequest, 'saved'>): string {
  return `${WORKER_NAME}${PREPARE_IN_NAME}${JSON.stringify(prepare.labId === undefined ? {} : { labId: prepare.labId })}`;
}

/** The prepare request a worker's name carries, if it carries one. */
export function prepareFromName(name: string): PrepareRequest | undefined {
  const at = name.indexOf(PREPARE_IN_NAME);
  if (at < 0) return undefined;
  try {
    const parsed = JSON.parse(name.slice(at + PREPARE_IN_NAME.length)) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const labId = (parsed as { labId?: unknown }).labId;
    return typeof labId === 'string' ? { labId } : {};
  } catch {
    return undefined;
  }
}
