/**
 * `npm run bench`: engine speed and size figures (DESIGN.md targets), printed and written to
 * bench/results/latest.json. Figures, never pass/fail: CI does not run this.
 * `npm run bench -- --engine-only` skips the site figures (astro build + headless Chromium);
 * `-- --site-only` runs only those.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Session } from '../src/cli/session';
import { benchKubeProxy } from './kube-proxy';
import { benchNetwork } from './network';
import { benchRolloutUnderLoad } from './rollout-load';
import { benchSite } from './site';
import { deployment, measureWall, PeakMemory, rolledOut, median } from './support';

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

/** 100 nodes, 5,000 pods: converge, then roll out a new image; wall time and peak memory. */
function largeRollout(): void {
  const memory = new PeakMemory();
  let session!: Session;
  const wallMs = measureWall(() => {
    session = new Session({ seed: 1, workers: 100 });
    const { cluster } = session;
    cluster.sim.trace.enabled = false;
    cluster.api.create('deployments', deployment('web', 5000, 'nginx:1.27'));
    advanceUntil(cluster, () => rolledOut(cluster, 'web', 5000), memory);
    const converged = cluster.now();
    session.run('kubectl set image deployment/web nginx=nginx:1.28');
    advanceUntil(cluster, () => rolledOut(cluster, 'web', 5000), memory);
    report('  virtual time to converge 5,000 pods', Math.round(converged / 1000), 's virtual');
    report('  virtual time to roll out a new image', Math.round((cluster.now() - converged) / 1000), 's virtual');
    report('  events run', cluster.sim.eventsRun, 'events');
  });
  report('100 nodes / 5,000 pods: create + rolling update, wall', Math.round(wallMs), 'ms', '<= 5000 ms');
  report('100 nodes / 5,000 pods: peak RSS', Math.round(memory.peakBytes / 1024 / 1024), 'MB', '<= 300 MB');
  const samples: number[] = [];
  for (let i = 0; i < 15; i++) samples.push(measureWall(() => session.run('kubectl get pods')));
  report('kubectl get pods on 5,000 pods, median', Math.round(median(samples) * 10) / 10, 'ms');
}

function advanceUntil(cluster: Session['cluster'], done: () => boolean, memory: PeakMemory): void {
  for (let i = 0; i < 3600 && !done(); i++) {
    cluster.advance(1000);
    memory.sample();
  }
  if (!done()) throw new Error('the rollout did not finish within an hour of virtual time');
}

/** Figures returned as a name → value map (kube-proxy, network); the unit is in the name. */
function reportAll(values: Record<string, number>): void {
  for (const [name, value] of Object.entries(values)) report(name, value, '');
}

async function main(): Promise<void> {
  if (!process.argv.includes('--site-only')) benchEngine();
  // Last: it builds the site and drives Chromium, by far the slowest part.
  if (!process.argv.includes('--engine-only')) await benchSite(report);
  writeResults();
}

function benchEngine(): void {
  speedRatio();
  largeRollout();
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
