/**
 * Creating the lab's Web Worker, apart from the runtime client so that the small script every
 * lesson page ships can start it the moment Start is clicked: the worker then fetches and
 * compiles the engine while the terminal's code (xterm.js, the panel) is still loading, instead
 * of after it. Nothing here runs before a click, so a page nobody starts loads no engine code.
 */
import { nameCarrying, WORKER_NAME } from './name';
import type { PrepareRequest, ToWorker } from './protocol';

let early: Worker | undefined;

function spawn(name = WORKER_NAME): Worker {
  return new Worker(new URL('./entry.ts', import.meta.url), { type: 'module', name });
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
  if (early) return;
  if (prepare.saved) {
    early = spawn();
    early.postMessage({ kind: 'prepare', request: prepare } satisfies ToWorker);
  } else {
    early = spawn(nameCarrying(prepare));
  }
}

/** The prewarmed worker if there is one (once), else a new one. */
export function takeLabWorker(): Worker {
  const worker = early ?? spawn();
  early = undefined;
  return worker;
}
