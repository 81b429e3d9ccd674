import { Session, splitScript } from '../../cli/session';
import { resolveResource } from '../../engine/api/resources';
import type { TraceEntry } from '../../engine/sim/trace';
import { parseDuration } from '../../engine/sim/time';

export interface TraceScript {
  /** Shell input, one command a line: `kubectl run web --image=nginx`. */
  script: string;
  /** Keep only entries about this object: `pod/web`, `service/web`. */
  object?: string;
  /** Keep only entries from components starting with this: `kubelet`, `kube-proxy/node-1`. */
  component?: string;
  /** Virtual time to let pass after the script, for what it set in motion (default 30s). */
  advance?: string;
  seed?: number;
  workers?: number;
  /** Most entries to keep, from the start (default 60). */
  limit?: number;
}

/**
 * Run a script against a fresh simulated cluster and return its trace: at build time, in Node,
 * for <Timeline />. Deterministic (same seed, same script, same entries), so the page is too.
 * Node heartbeats are left out, as `sim trace` does without --all.
 */
export function traceOf(options: TraceScript): TraceEntry[] {
  const session = new Session({ seed: options.seed ?? 1, ...(options.workers === undefined ? {} : { workers: options.workers }) });
  for (const input of splitScript(options.script)) {
    const result = session.run(input);
    if (result.exitCode !== 0) throw new Error(`<Timeline> script failed at "${input}":\n${result.output}`);
  }
  const advanceMs = parseDuration(options.advance ?? '30s');
  if (advanceMs === undefined) throw new Error(`<Timeline> advance "${options.advance}" is not a duration like 30s or 2m`);
  session.cluster.advance(advanceMs);
  const entries = session.cluster.sim.trace.entries({
    ...(options.object === undefined ? {} : { object: normaliseObject(options.object) }),
    ...(options.component === undefined ? {} : { component: options.component }),
  });
  return entries.filter((e) => !isHeartbeat(e)).slice(0, options.limit ?? 60);
}

/** `pod/web` → `pods/default/web`, the way trace entries name objects (as `sim trace` reads it). */
function normaliseObject(object: string): string {
  const [kind, name, ...rest] = object.split('/');
  const type = kind === undefined ? undefined : resolveResource(kind);
  if (!type || name === undefined || rest.length > 0) return object;
  return type.namespaced ? `${type.resource}/default/${name}` : `${type.resource}/${name}`;
}

/** Node heartbeats (a status write per node every 10 s) would bury everything else. */
function isHeartbeat(e: TraceEntry): boolean {
  return e.action === 'update-status' && e.object?.startsWith('nodes/') === true;
}
