#!/usr/bin/env node
// `npx clusterlab shell [--seed N]` and `npx clusterlab run FILE|-`: the simulated cluster
// engine in a terminal. The command line itself lives in src/cli/node/main.ts; this file only
// makes sure it runs on a new enough Node and can load TypeScript.
//
// Plain JavaScript that starts on Node 20: on Node < 22.13 it re-runs itself under node@24
// from the npm registry, then loads the TypeScript sources through tsx's ESM loader.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isRecentNode, runUnderNewerNode } from '../scripts/node-version.mjs';

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

if (!isRecentNode()) {
  try {
    await exit(await runUnderNewerNode([fileURLToPath(import.meta.url), ...argv]));
  } catch (err) {
    await fail(err instanceof Error ? err.message : String(err));
  }
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
