/**
 * The 100-node / 5,000-pod figure (DESIGN.md: ≤ 5 s wall in Node, ≤ 300 MB), measured in a Node
 * process of its own: bench/run.ts starts this file and reads one JSON line from it. Alone, the
 * peak memory is this scenario's, not whatever the bench ran before it in the same process.
 * Peak RSS is the kernel's high-water mark for the process (getrusage), not a sample. The retained
 * heap is what is still reachable after the rollout (a full GC, then V8's heap used): what the
 * engine keeps, whatever V8's heap sizing does around it, which is most of the peak.
 */
import { runLargeRollout } from './large-rollout-scenario';
import { measureWall, median } from './support';

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

function largeRollout(): LargeRolloutFigures {
  const { session, wallMs, convergedMs } = runLargeRollout();
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
    convergeVirtualS: Math.round(convergedMs / 1000),
    rolloutVirtualS: Math.round((cluster.now() - convergedMs) / 1000),
    eventsRun: cluster.sim.eventsRun,
    getPodsMedianMs: Math.round(median(samples) * 10) / 10,
  };
}

console.log(JSON.stringify(largeRollout()));
