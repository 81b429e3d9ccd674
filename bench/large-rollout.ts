/**
 * The 100-node / 5,000-pod figure (DESIGN.md: ≤ 5 s wall in Node, ≤ 300 MB), measured in a Node
 * process of its own: bench/run.ts starts this file and reads one JSON line from it. Alone, the
 * peak memory is this scenario's, not whatever the bench ran before it in the same process.
 * Peak RSS is the kernel's high-water mark for the process (getrusage), not a sample. The retained
 * heap is what is still reachable after the rollout (a full GC, then V8's heap used): what the
 * engine keeps, whatever V8's heap sizing does around it, which is most of the peak.
 */
import { Session } from '../src/cli/session';
import { deployment, measureWall, median, rolledOut } from './support';

export interface LargeRolloutFigures {
  wallMs: number;
  peakRssMb: number;
  retainedHeapMb: number;
  convergeVirtualS: number;
  rolloutVirtualS: number;
  eventsRun: number;
  getPodsMedianMs: number;
}

/** A full collection; bench/run.ts starts this process with --expose-gc, which changes no heap sizing. */
function fullGc(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('bench/large-rollout.ts needs node --expose-gc');
  gc();
}

function advanceUntil(cluster: Session['cluster'], done: () => boolean): void {
  for (let i = 0; i < 3600 && !done(); i++) cluster.advance(1000);
  if (!done()) throw new Error('the rollout did not finish within an hour of virtual time');
}

function largeRollout(): LargeRolloutFigures {
  let session!: Session;
  let converged = 0;
  const wallMs = measureWall(() => {
    session = new Session({ seed: 1, workers: 100 });
    const { cluster } = session;
    cluster.sim.trace.enabled = false;
    cluster.api.create('deployments', deployment('web', 5000, 'nginx:1.27'));
    advanceUntil(cluster, () => rolledOut(cluster, 'web', 5000));
    converged = cluster.now();
    session.run('kubectl set image deployment/web nginx=nginx:1.28');
    advanceUntil(cluster, () => rolledOut(cluster, 'web', 5000));
  });
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  fullGc();
  const retainedHeapMb = Math.round(process.memoryUsage().heapUsed / 1048576);
  const samples: number[] = [];
  for (let i = 0; i < 15; i++) samples.push(measureWall(() => session.run('kubectl get pods')));
  const { cluster } = session;
  return {
    wallMs: Math.round(wallMs),
    peakRssMb,
    retainedHeapMb,
    convergeVirtualS: Math.round(converged / 1000),
    rolloutVirtualS: Math.round((cluster.now() - converged) / 1000),
    eventsRun: cluster.sim.eventsRun,
    getPodsMedianMs: Math.round(median(samples) * 10) / 10,
  };
}

console.log(JSON.stringify(largeRollout()));
