/**
 * What both lab worker scripts run (entry.ts, lab-entry.ts): the whole cluster engine and shell
 * in the worker, off the page's main thread, running on offline. See server.ts for the protocol.
 */
import type { LabDefinition } from '../../labs/schema';
import { labInfo, openLab } from './lab-host';
import { prepareFromName } from './name';
import type { FromWorker, ToWorker } from './protocol';
import { WorkerServer } from './server';

/** How often virtual time catches up with the wall clock (ms of wall time). */
const TICK_MS = 50;

/** The worker global, typed without the webworker lib (which clashes with the DOM lib). */
interface WorkerScope {
  name: string;
  postMessage(message: FromWorker): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
}

export function serveLabs(loadLab: (id: string) => Promise<LabDefinition>): void {
  const scope = self as unknown as WorkerScope;
  const server = new WorkerServer(
    (message: FromWorker) => scope.postMessage(message),
    async (labId, request) => {
      const lab = await openLab(labId, request.saved, loadLab);
      return { lab, info: labInfo(lab.def) };
    },
    () => performance.now(),
  );
  scope.onmessage = (event: MessageEvent<ToWorker>) => void server.receive(event.data);
  // A prewarmed worker's name may carry what to build: begin now, not when a message arrives.
  const prepare = prepareFromName(scope.name);
  if (prepare) void server.receive({ kind: 'prepare', request: prepare });
  setInterval(() => server.tick(), TICK_MS);
}
