#!/usr/bin/env node
// Runs a package binary (astro, vitest, tsc, ...) under Node >= 22.12.
// The course toolchain (Astro 7, Vitest 5) needs Node 22.12+, but many machines still ship
// Node 20. Rather than asking newcomers to install a second Node, we re-run ourselves under
// the `node@24` package from the npm registry (fetched once into npx's cache).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const MIN = [22, 12];
const [major, minor] = process.versions.node.split('.').map(Number);
const recent = major > MIN[0] || (major === MIN[0] && minor >= MIN[1]);
const [bin, ...args] = process.argv.slice(2);
if (!bin) {
  console.error('usage: node scripts/with-node.mjs <package-binary> [args...]');
  process.exit(2);
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const binPath = path.join(root, 'node_modules', '.bin', bin);
const result = recent
  ? spawnSync(binPath, args, { stdio: 'inherit' })
  : spawnSync('npx', ['-y', '-p', 'node@24', 'node', ...nodeArgsFor(binPath, args)], {
      stdio: 'inherit',
    });
if (result.error) {
  console.error(`clusterlab: could not start ${bin}: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? (result.signal ? 1 : 0));

/** node_modules/.bin entries are symlinks to JS files: run them with the newer node directly. */
function nodeArgsFor(file, rest) {
  return [file, ...rest];
}
