/**
 * Creating the lab's Web Worker, apart from the runtime client so that the small script every
 * lesson page ships can start it the moment Start is clicked: the worker then fetches and
 * compiles the engine while the terminal's code (xterm.js, the panel) is still loading, instead
 * of after it. Nothing here runs before Start is pressed (the pointer or key going down on it),
 * so a page nobody starts loads no engine code.
 */
import { nameCarrying, WORKER_NAME } from './name';
import type { PrepareRequest, ToWorker } from './protocol';

/** Workers started ahead of their start request, by lab ('' for a sandbox), with what each builds. */
const early = new Map<string, { worker: Worker; prepare: PrepareRequest }>();

/** A lab's worker carries every lab (lab-entry.ts); a sandbox's carries none (entry.ts). */
function spawn(labId: string | undefined, name = WORKER_NAME): Worker {
  return labId === undefined
    ? new Worker(new URL('./entry.ts', import.meta.url), { type: 'module', name })
    : new Worker(new URL('./lab-entry.ts', import.meta.url), { type: 'module', name });
}

/** The same lab from the same saved state (the panel passes the stored object it read). */
function sameRequest(a: PrepareRequest, b: PrepareRequest): boolean {
  return (a.labId ?? '') === (b.labId ?? '') && a.saved === b.saved;
}

/**
 * Start the worker now, for the runtime that is about to ask for it, and have it build the lab
 * (or the sandbox) while the page builds the terminal; the start request then finds it ready.
 *
 * A fresh start's request travels in the worker's name, which the worker reads as soon as its
 * script has run. A message would wait longer: Chromium hands messages posted before a worker's
 * script has run to the worker from the page's thread, which is busy building the terminal
 * then, and that held the build back by 20–30 ms. A resumed lab's saved state is too large
 * for a name and goes as a message.
 */
export function prewarmLabWorker(prepare: PrepareRequest): void {
  const id = prepare.labId ?? '';
  const waiting = early.get(id);
  if (waiting && sameRequest(waiting.prepare, prepare)) return;
  // Prepared for another state of this lab (it was read meanwhile): that build is of no use.
  waiting?.worker.terminate();
  let worker: Worker;
  if (prepare.saved) {
    worker = spawn(prepare.labId);
    worker.postMessage({ kind: 'prepare', request: prepare } satisfies ToWorker);
  } else {
    worker = spawn(prepare.labId, nameCarrying(prepare));
  }
  early.set(id, { worker, prepare });
}

/** The worker prewarmed for exactly this request, if there is one (once), else a new one. */
export function takeLabWorker(request: PrepareRequest): Worker {
  const id = request.labId ?? '';
  const waiting = early.get(id);
  if (waiting && sameRequest(waiting.prepare, request)) {
    early.delete(id);
    return waiting.worker;
  }
  return spawn(request.labId);
}
