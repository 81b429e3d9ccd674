import { runLargeRollout } from '../bench/large-rollout-scenario';
import { writeHeapSnapshot } from 'node:v8';
const r = runLargeRollout();
(globalThis as any).gc();
console.log(r.wallMs, process.memoryUsage().heapUsed / 1048576);
console.log(writeHeapSnapshot('/tmp/s13/end.heapsnapshot'));
(globalThis as any).keep = r;
