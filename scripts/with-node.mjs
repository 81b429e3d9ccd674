#!/usr/bin/env node
// Runs a package binary (astro, vitest, tsc, ...) under Node >= 22.13.
// The course toolchain (Astro 7, Vitest 5) needs Node 22.12+, but many machines still ship
// Node 20. Rather than asking newcomers to install a second Node, we re-run the binary under
// the `node@24` package from the npm registry (fetched once into npx's cache).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { isRecentNode, runAttached, runUnderNewerNode } from './node-version.mjs';

const [bin, ...args] = process.argv.slice(2);
if (!bin) {
  console.error('usage: node scripts/with-node.mjs <package-binary> [args...]');
  process.exit(2);
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const binPath = path.join(root, 'node_modules', '.bin', bin);
if (!existsSync(binPath)) {
  console.error(`clusterlab: ${bin} is not installed (no ${path.relative(root, binPath)}); run npm install first.`);
  process.exit(1);
}

let code;
try {
  code = isRecentNode()
    ? await runAttached(binPath, args)
    : // node_modules/.bin entries are symlinks to JS files: run them with the newer node directly.
      await runUnderNewerNode([binPath, ...args]);
} catch (err) {
  console.error(`clusterlab: ${err instanceof Error ? err.message : String(err)}`);
  code = 1;
}
process.exit(code);
