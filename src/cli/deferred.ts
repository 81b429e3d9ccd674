/**
 * Code of the rarer programs (awk, sed, xargs, the network and node tools, etcdctl, `kubectl
 * describe`'s documents, the go-template printer), split from the engine bundle so a lab starts
 * on the engine, the shell and kubectl's core: the engine's budget is 250 KB gzip, and these are
 * a fifth of it. The terminal's hosts call loadPrograms() as they start and before they run a
 * line, so by the time any of these runs it is there; the commands themselves stay synchronous
 * (kubectl is a pure run()), which is why they reach this code through `programs()`.
 */
import type { Command } from './types';

type Programs = typeof import('./deferred-programs');

let loaded: Programs | undefined;
let loading: Promise<Programs> | undefined;

/** Starts loading the rarer programs once; resolves when they can run. */
export function loadPrograms(): Promise<void> {
  loading ??= import('./deferred-programs').then((m) => (loaded = m));
  return loading.then(() => undefined);
}

/** True once loadPrograms() has finished: a host can then run a line without waiting. */
export const programsLoaded = (): boolean => loaded !== undefined;

/** The rarer programs' code; a host that ran a line before loadPrograms() finished is a bug. */
export function programs(): Programs {
  if (!loaded) throw new Error('clusterlab: a command ran before loadPrograms() finished; the host must await it first');
  return loaded;
}

/**
 * A command whose code is in the deferred chunk: `make` builds it on its first run (factories
 * such as createCurl(cluster, hostOf) run then, once, instead of when the session starts).
 */
export function deferredCommand(make: (p: Programs) => Command): Command {
  let made: Command | undefined;
  return (ctx) => (made ??= make(programs()))(ctx);
}
