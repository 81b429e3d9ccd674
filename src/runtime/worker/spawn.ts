/**
 * Creating the lab's Web Worker, apart from the runtime client so that the small script every
 * lesson page ships can start it the moment Start is clicked: the worker then fetches and
 * compiles the engine while the terminal's code (xterm.js, the panel) is still loading, instead
 * of after it. Nothing here runs before a click, so a page nobody starts loads no engine code.
 */
import type { PrepareRequest, ToWorker } from './protocol';

let early: Worker | undefined;

function spawn(): Worker {
  return new Worker(new URL('./entry.ts', import.meta.url), { type: 'module', name: 'clusterlab-lab' });
}

/**
 * Start the worker now, for the runtime that is about to ask for it, and have it build the lab
 * (or the sandbox) while the page builds the terminal; the start request then finds it ready.
 */
export function prewarmLabWorker(prepare: PrepareRequest): void {
  if (early) return;
  early = spawn();
  early.postMessage({ kind: 'prepare', request: prepare } satisfies ToWorker);
}

/** The prewarmed worker if there is one (once), else a new one. */
export function takeLabWorker(): Worker {
  const worker = early ?? spawn();
  early = undefined;
  return worker;
}
