/**
 * A test bench for kubectl: a cluster (API only by default, so tests set status by hand), a
 * workstation with an in-memory file system, and `k('get pods')` returning what a terminal shows.
 */
import { Cluster } from '../../../src/engine/cluster';
import type { ComponentFactory } from '../../../src/engine/components';
import { MemoryFs } from '../../../src/cli/shell/memory-fs';
import type { CommandHost, CommandResult } from '../../../src/cli/types';
import { createKubectl } from '../../../src/cli/kubectl/index';

export interface Bench {
  cluster: Cluster;
  fs: MemoryFs;
  host: CommandHost;
  /** Run kubectl with a command line split on spaces (or an argv array). */
  k(line: string | string[], stdin?: string): CommandResult;
  /** Write a file on the workstation. */
  file(path: string, content: string): void;
}

/** Split like a shell would for simple test command lines: spaces, with '...' and "..." quoting. */
export function words(line: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g;
  let current = '';
  let last = -1;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const piece = m[1] ?? m[2]?.replace(/\\(.)/g, '$1') ?? m[3]!;
    if (m.index === last) current += piece;
    else {
      if (last >= 0) out.push(current);
      current = piece;
    }
    last = re.lastIndex;
  }
  if (last >= 0) out.push(current);
  return out;
}

export function bench(options: { seed?: number; version?: string; components?: ComponentFactory[] } = {}): Bench {
  const cluster = Cluster.create({ seed: options.seed ?? 1, ...(options.version ? { kubernetesVersion: options.version } : {}) }, options.components ?? []);
  const fs = new MemoryFs();
  const host: CommandHost = { name: 'workstation', fs, now: () => cluster.now(), advance: (ms) => cluster.advance(ms) };
  const kubectl = createKubectl(cluster);
  return {
    cluster,
    fs,
    host,
    k: (line, stdin = '') => kubectl({ argv: typeof line === 'string' ? words(line) : line, stdin, env: {}, host }),
    file: (path, content) => fs.write(path, content),
  };
}
