import { Cluster } from '../engine/cluster';
import type { ClusterConfig } from '../engine/cluster-config';
import { createEtcdctl } from './commands/etcdctl';
import { createKubectl } from './kubectl/index';
import { createSim, type TimeControl } from './commands/sim';
import { MemoryFs } from './shell/memory-fs';
import { isIncomplete } from './shell/parser';
import { Shell, type InterleavedResult } from './shell/shell';
import type { Command, CommandHost } from './types';

export type SessionOptions = Partial<ClusterConfig> & { workers?: number };

/** Commands that need the cluster, with the one-line descriptions `help` shows. */
type CommandSet = Record<string, { command: Command; help: string }>;

/**
 * A learner's terminal session: one simulated cluster, the workstation's file system and a shell
 * wired to kubectl, etcdctl and sim. The Node CLI, the browser worker and lab tests all drive
 * this one class, so they print the same bytes for the same input.
 */
export class Session {
  readonly cluster: Cluster;
  readonly shell: Shell;
  readonly fs: MemoryFs;
  readonly time: TimeControl = { speed: 1, paused: false };

  constructor(options: SessionOptions = {}, cluster?: Cluster) {
    this.cluster = cluster ?? Cluster.create(options);
    this.fs = new MemoryFs();
    const c = this.cluster;
    const host: CommandHost = {
      name: 'workstation',
      fs: this.fs,
      epochMs: c.config.epochMs,
      now: () => c.now(),
      advance: (ms) => c.advance(ms),
    };
    this.shell = new Shell({ host });
    for (const [name, { command, help }] of Object.entries(this.#commands())) this.shell.register(name, command, help);
  }

  #commands(): CommandSet {
    return {
      kubectl: { command: createKubectl(this.cluster), help: 'the Kubernetes command-line client (kubectl get pods, kubectl apply -f web.yaml)' },
      etcdctl: { command: createEtcdctl(this.cluster), help: "read the cluster's etcd (etcdctl get /registry/pods --prefix --keys-only)" },
      sim: { command: createSim(this.cluster, this.time), help: 'control virtual time: sim advance 30s, sim speed 5, sim trace' },
    };
  }

  /** Run one complete input (a line, or several lines with a heredoc), both streams interleaved. */
  run(source: string): InterleavedResult {
    return this.shell.runInterleaved(source);
  }
}

/**
 * Split a script into the inputs a user would type one at a time: lines, joined while a quote,
 * heredoc or trailing operator leaves the input incomplete. Blank lines and comments are kept
 * out, as they print nothing.
 */
export function splitScript(script: string): string[] {
  const inputs: string[] = [];
  let pending = '';
  for (const line of script.split('\n')) {
    pending = pending ? `${pending}\n${line}` : line;
    if (isIncomplete(pending)) continue;
    if (pending.trim() !== '' && !pending.trim().startsWith('#')) inputs.push(pending);
    pending = '';
  }
  if (pending.trim() !== '') inputs.push(pending);
  return inputs;
}
