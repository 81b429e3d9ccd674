import { resolveResource } from '../../engine/api/resources';
import type { Cluster } from '../../engine/cluster';
import type { TraceEntry } from '../../engine/sim/trace';
import { parseDuration } from '../../engine/sim/time';
import { fail, ok, type Command, type CommandResult } from '../types';
import { podTrace } from './trace-pod';

/**
 * How an interactive host drives virtual time against the wall clock. Scripts ignore it: there
 * time moves only through `sim advance`, `sleep` and commands that wait.
 */
export interface TimeControl {
  /** Virtual ms per wall ms. */
  speed: number;
  paused: boolean;
}

/** `12.345s`, `2m5.000s`, `1h2m3.000s`: virtual time for humans. */
export function formatVirtualTime(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = ((ms % 60_000) / 1000).toFixed(3);
  return `${h > 0 ? `${h}h` : ''}${h > 0 || m > 0 ? `${m}m` : ''}${s}s`;
}

/** One trace line: time, component, action, object and what happened, aligned for reading. */
export function formatTraceEntry(e: TraceEntry): string {
  const t = formatVirtualTime(e.t).padStart(10);
  return `${t}  ${e.component.padEnd(26)} ${e.action.padEnd(14)} ${e.detail}`;
}

const USAGE = `Control the simulated cluster's virtual clock.

Usage:
  sim time               show virtual time, speed and whether the clock runs
  sim advance DURATION   let DURATION of virtual time pass (e.g. 30s, 5m, 1h30m)
  sim speed N            run the clock at N× real time in an interactive terminal
  sim pause | resume     stop or restart the clock in an interactive terminal
  sim step               run the next scheduled event and show what it did
  sim trace [OBJECT]     what every component did (e.g. sim trace pod/web, sim trace deploy/web);
                         the last 200 entries without node heartbeats, --all for everything
  sim seed               the seed this cluster's random choices come from
`;

export function createSim(cluster: Cluster, control: TimeControl): Command {
  return ({ argv, host }) => {
    const [verb, ...rest] = argv;
    switch (verb) {
      case 'time':
        return ok(`${formatVirtualTime(cluster.now())} (virtual); speed ${control.speed}x; ${control.paused ? 'paused' : 'running'}\n`);
      case 'advance':
        return advance(rest[0], host.advance.bind(host), cluster);
      case 'speed':
        return speed(rest[0], control);
      case 'pause':
        control.paused = true;
        return ok(`paused at ${formatVirtualTime(cluster.now())}\n`);
      case 'resume':
        control.paused = false;
        return ok(`running at ${control.speed}x\n`);
      case 'step':
        return step(cluster);
      case 'trace':
        return trace(cluster, rest);
      case 'seed':
        return ok(`${cluster.config.seed}\n`);
      case undefined:
      case 'help':
      case '--help':
        return ok(USAGE);
      default:
        return fail(`sim: unknown command "${verb}"\n${USAGE}`);
    }
  };
}

function advance(text: string | undefined, advanceBy: (ms: number) => void, cluster: Cluster): CommandResult {
  const ms = text === undefined ? undefined : parseDuration(text);
  if (ms === undefined) return fail(`sim: invalid duration "${text ?? ''}" (use e.g. 500ms, 30s, 5m, 1h)\n`);
  advanceBy(ms);
  return ok(`now ${formatVirtualTime(cluster.now())}\n`);
}

function speed(text: string | undefined, control: TimeControl): CommandResult {
  const n = Number(text);
  if (!text || !Number.isFinite(n) || n <= 0 || n > 1000) return fail('sim: speed must be a number between 0 and 1000, e.g. sim speed 5\n');
  control.speed = n;
  return ok(`speed ${n}x\n`);
}

function step(cluster: Cluster): CommandResult {
  const before = cluster.sim.trace.entries().length;
  if (!cluster.sim.step()) return ok('nothing is scheduled\n');
  const entries = cluster.sim.trace.entries().slice(before);
  const lines = entries.length > 0 ? entries.map(formatTraceEntry) : [`${formatVirtualTime(cluster.now()).padStart(10)}  (an internal event ran; nothing visible changed)`];
  return ok(`${lines.join('\n')}\n`);
}

/**
 * The trace names objects `pods/default/web`; accept what kubectl users type as well:
 * `pod/web`, `deploy/web`, `deployment.apps/web` (in the default namespace) or a bare name.
 */
function traceObject(arg: string): string {
  const parts = arg.split('/');
  if (parts.length !== 2) return arg;
  const type = resolveResource(parts[0]!);
  if (!type) return arg;
  return type.namespaced ? `${type.resource}/default/${parts[1]}` : `${type.resource}/${parts[1]}`;
}

function trace(cluster: Cluster, args: string[]): CommandResult {
  const given = args.find((a) => !a.startsWith('-'));
  const object = given === undefined ? undefined : traceObject(given);
  const all = args.includes('--all');
  // Node heartbeats (a status write per node every 10 s) would bury everything else.
  const found = object?.startsWith('pods/') ? podTrace(cluster.sim.trace.entries(), object) : cluster.sim.trace.entries(object ? { object } : undefined);
  const entries = found.filter((e) => all || !(e.action === 'update-status' && e.object?.startsWith('nodes/')));
  if (entries.length === 0) return ok(object ? `no trace entries for ${object}\n` : 'the trace is empty\n');
  const tail = all ? entries : entries.slice(-200);
  return ok(`${tail.map(formatTraceEntry).join('\n')}\n`);
}
