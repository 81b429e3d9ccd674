#!/usr/bin/env node
// `npx clusterlab shell [--seed N]` and `npx clusterlab run FILE|-`: the simulated cluster
// engine in a terminal. The command line itself lives in src/cli/node/main.ts; this file only
// makes sure it runs on a new enough Node and can load TypeScript.
//
// Plain JavaScript that starts on Node 20: on Node < 22.13 it re-runs itself under node@24
// from the npm registry, then loads the TypeScript sources through tsx's ESM loader. `shell` and
// `run` simulate a cluster as large as the user makes it, so they run with the engine's heap
// flags (scripts/engine-heap.mjs): when this process lacks them it replaces itself with one
// that has them.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isRecentNode, runAttached, runUnderNewerNode } from '../scripts/node-version.mjs';
import { ENGINE_HEAP_FLAGS, hasEngineHeapFlags } from '../scripts/engine-heap.mjs';

const argv = process.argv.slice(2);
const mainUrl = new URL('../src/cli/node/main.ts', import.meta.url);

/** Flush what the CLI wrote before exiting (stdout may be an asynchronous pipe). */
async function exit(code) {
  await new Promise((resolve) => process.stdout.write('', () => resolve()));
  await new Promise((resolve) => process.stderr.write('', () => resolve()));
  process.exit(code);
}

function fail(message) {
  console.error(`clusterlab: ${message}`);
  return exit(1);
}

const heapFlags = (argv[0] === 'shell' || argv[0] === 'run') && !hasEngineHeapFlags() ? ENGINE_HEAP_FLAGS : [];

if (!isRecentNode()) {
  try {
    await exit(await runUnderNewerNode([...heapFlags, fileURLToPath(import.meta.url), ...argv]));
  } catch (err) {
    await fail(err instanceof Error ? err.message : String(err));
  }
} else if (heapFlags.length > 0) {
  const args = [...heapFlags, ...process.execArgv, fileURLToPath(import.meta.url), ...argv];
  // execve keeps the pid, the terminal and the signals as they are; where it is missing (Windows),
  // a child with the terminal attached does the same work.
  if (typeof process.execve === 'function') process.execve(process.execPath, [process.execPath, ...args], process.env);
  await exit(await runAttached(process.execPath, args));
}

if (!existsSync(mainUrl)) {
  await fail(
    `the command-line host is missing: ${fileURLToPath(mainUrl)} does not exist.\n` +
      'It is part of this repository (src/cli/node); check out a complete copy and run npm install.',
  );
}

let main;
try {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(mainUrl.href));
} catch (err) {
  if (err?.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes("'tsx")) {
    await fail('the TypeScript loader (tsx) is not installed: run npm install in the clusterlab checkout.');
  }
  throw err;
}
if (typeof main !== 'function') {
  await fail(`${fileURLToPath(mainUrl)} does not export a main(argv) function.`);
}

const code = await main(argv);
await exit(typeof code === 'number' ? code : 0);
