/**
 * The lab's Web Worker: the whole cluster engine and shell run here, off the page's main thread,
 * and keep running offline. See server.ts for the protocol handling.
 */
import { labInfo, openLab } from './lab-host';
import type { FromWorker, ToWorker } from './protocol';
import { WorkerServer } from './server';
import { prepareFromName } from './name';

/** How often virtual time catches up with the wall clock (ms of wall time). */
const TICK_MS = 50;

/** The worker global, typed without the webworker lib (which clashes with the DOM lib). */
const scope = self as unknown as {
  name: string;
  postMessage(message: FromWorker): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
};
const server = new WorkerServer(
  (message: FromWorker) => scope.postMessage(message),
  async (labId, request) => {
    const lab = await openLab(labId, request.saved);
    return { lab, info: labInfo(lab.def) };
  },
  () => performance.now(),
);
scope.onmessage = (event: MessageEvent<ToWorker>) => void server.receive(event.data);
// A prewarmed worker's name may carry what to build: begin now, not when a message arrives.
const prepare = prepareFromName(scope.name);
if (prepare) void server.receive({ kind: 'prepare', request: prepare });
setInterval(() => server.tick(), TICK_MS);
