/**
 * The daemon the WebContainer runtime starts inside the container: it holds the lab's cluster,
 * listens on the container's loopback for shims (`kubectl`, `curl`, ...) and the page's control
 * client, drives virtual time in real time, and reports events to the page on stdout.
 *
 *   node daemon.mjs [--port N] [--workdir DIR] [--address-file F] [--lab ID] [--saved F]
 *                   [--seed N] [--clock realtime|manual]
 *
 * Bundled into one plain ESM file at build time (src/integrations/webcontainer-bundle.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import type { SavedLab } from '../../../labs/types';
import { EVENT_MARK, type DaemonEvent } from '../protocol';
import { createHost } from './hosts';
import type { LabHost } from './host';
import { createDaemonServer } from './server';
import { followWallClock } from '../../../cli/wall-clock';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    workdir: { type: 'string', default: process.cwd() },
    'address-file': { type: 'string' },
    lab: { type: 'string' },
    saved: { type: 'string' },
    seed: { type: 'string', default: '1' },
    clock: { type: 'string', default: 'realtime' },
  },
});

function emit(event: DaemonEvent): void {
  process.stdout.write(`${EVENT_MARK}${JSON.stringify(event)}\n`);
}

function fail(message: string): never {
  process.stderr.write(`clusterlab daemon: ${message}\n`);
  process.exit(2);
}

const seed = Number(values.seed);
if (!Number.isInteger(seed)) fail(`--seed must be an integer, not ${values.seed}`);
const saved = values.saved === undefined ? undefined : (JSON.parse(readFileSync(values.saved, 'utf8')) as SavedLab);
let host: LabHost;
try {
  host = await createHost({ labId: values.lab, seed, saved });
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

const server = createDaemonServer(() => host, {
  workdir: values.workdir,
  onCommand: () => emit({ type: 'command', progress: values.lab === undefined ? undefined : host.check() }),
  log: (line) => process.stderr.write(`${line}\n`),
});

// Virtual time follows the wall clock at the lab's speed.
if (values.clock === 'realtime') followWallClock(() => host.time, (ms) => host.cluster.advance(ms));
else if (values.clock !== 'manual') fail(`--clock is realtime or manual, not ${values.clock}`);

server.listen(Number(values.port), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  if (values['address-file']) writeFileSync(values['address-file'], `${JSON.stringify({ port, pid: process.pid })}\n`);
  emit({ type: 'ready', port, commands: host.commands() });
});
