/**
 * `npm run bench`: engine speed and size figures (DESIGN.md targets), printed and written to
 * bench/results/latest.json. Figures, never pass/fail: CI does not run this.
 * `npm run bench -- --engine-only` skips the site figures (astro build + headless Chromium);
 * `-- --site-only` runs only those.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPrograms } from '../src/cli/deferred';
import { Session } from '../src/cli/session';
import { benchKubeProxy } from './kube-proxy';
import { benchNetwork } from './network';
import { benchRolloutUnderLoad } from './rollout-load';
import { benchSite } from './site';
import type { LargeRolloutFigures } from './large-rollout';
import { ENGINE_HEAP_FLAGS } from '../scripts/engine-heap.mjs';
import { deployment, measureWall } from './support';

interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: string;
}

const figures: Figure[] = [];
const report = (name: string, value: number, unit: string, target?: string) => {
  figures.push(target === undefined ? { name, value, unit } : { name, value, unit, target });
  console.log(`${name.padEnd(58)} ${String(value).padStart(10)} ${unit}${target ? `   (target ${target})` : ''}`);
};

/** 10 nodes, a 100-replica Deployment: how much faster than real time the engine runs. */
function speedRatio(): void {
  const session = new Session({ seed: 1, workers: 10 });
  const { cluster } = session;
  cluster.api.create('deployments', deployment('web', 100, 'nginx:1.27'));
  const virtualMs = 10 * 60_000;
  const wallMs = measureWall(() => cluster.advance(virtualMs));
  report('speed ratio, 10 nodes / 100 pods, 10 min virtual', Math.round(virtualMs / wallMs), 'x real time', '>= 1000x');
  report('  events run', cluster.sim.eventsRun, 'events');
}

/**
 * 100 nodes, 5,000 pods: converge, then roll out a new image (large-rollout.ts), in a Node process
 * of its own running the engine bundled as it ships (the worker and the WebContainer daemon are
 * bundles too), not through tsx, whose on-the-fly compiler and source maps would count as memory.
 * The process starts with the heap flags `clusterlab shell` and `run` start with
 * (scripts/engine-heap.mjs); a second run at Node's defaults shows what they change.
 */
async function largeRollout(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'clusterlab-bench-'));
  const script = join(dir, 'large-rollout.mjs');
  try {
    await build({
      entryPoints: [join(dirname(fileURLToPath(import.meta.url)), 'large-rollout.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: script,
      logLevel: 'error',
      // Bundled CommonJS dependencies (yaml) call require.
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    });
    reportLargeRollout(runScenario(script, ENGINE_HEAP_FLAGS));
    const defaults = runScenario(script, []);
    report("  at Node's default heap sizing: wall", defaults.wallMs, 'ms');
    report("  at Node's default heap sizing: peak RSS", defaults.peakRssMb, 'MB');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runScenario(script: string, nodeFlags: readonly string[]): LargeRolloutFigures {
  const child = spawnSync(process.execPath, ['--expose-gc', ...nodeFlags, script], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`bench/large-rollout.ts failed (${child.status ?? child.signal}): ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as LargeRolloutFigures;
}

function reportLargeRollout(f: LargeRolloutFigures): void {
  report('  virtual time to converge 5,000 pods', f.convergeVirtualS, 's virtual');
  report('  virtual time to roll out a new image', f.rolloutVirtualS, 's virtual');
  report('  events run', f.eventsRun, 'events');
  report('100 nodes / 5,000 pods: create + rolling update, wall', f.wallMs, 'ms', '<= 5000 ms');
  report('100 nodes / 5,000 pods: peak RSS', f.peakRssMb, `MB (node ${ENGINE_HEAP_FLAGS.join(' ')})`, '<= 300 MB');
  report('  heap still reachable after the rollout (full GC)', f.retainedHeapMb, 'MB');
  report('kubectl get pods on 5,000 pods, median', f.getPodsMedianMs, 'ms');
}

/** Figures returned as a name → value map (kube-proxy, network); the unit is in the name. */
function reportAll(values: Record<string, number>): void {
  for (const [name, value] of Object.entries(values)) report(name, value, '');
}

async function main(): Promise<void> {
  if (!process.argv.includes('--site-only')) await benchEngine();
  // Last: it builds the site and drives Chromium, by far the slowest part.
  if (!process.argv.includes('--engine-only')) await benchSite(report);
  writeResults();
}

async function benchEngine(): Promise<void> {
  await loadPrograms();
  speedRatio();
  await largeRollout();
  reportAll(benchKubeProxy());
  reportAll(benchNetwork());
  reportAll(benchRolloutUnderLoad());
}

/** Write the figures; a partial run (--engine-only, --site-only) keeps the other figures from the last run. */
function writeResults(): void {
  const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'latest.json');
  mkdirSync(dirname(out), { recursive: true });
  const measured = new Set(figures.map((f) => f.name));
  const previous = existsSync(out) ? ((JSON.parse(readFileSync(out, 'utf8')) as { figures?: Figure[] }).figures ?? []) : [];
  const kept = previous.filter((f) => !measured.has(f.name));
  writeFileSync(out, `${JSON.stringify({ node: process.version, figures: [...figures, ...kept] }, null, 2)}\n`);
  console.log(`\nwrote ${out}`);
}

await main();
