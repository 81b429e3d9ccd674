import { nodeNetCommands } from '../../../src/cli/commands/netfilter/index';
import { MemoryFs } from '../../../src/cli/shell/memory-fs';
import { Shell } from '../../../src/cli/shell/shell';
import type { Command } from '../../../src/cli/types';
import type { Cluster } from '../../../src/engine/cluster';

/** A shell on node `node` of the cluster (as after `ssh node`), with the node's net commands. */
export function nodeShell(cluster: Cluster, node: string): Shell {
  const commands: Record<string, Command> = {};
  for (const [name, entry] of Object.entries(nodeNetCommands(cluster))) commands[name] = entry.command;
  const host = { name: node, fs: new MemoryFs(), now: () => cluster.now(), advance: (ms: number) => cluster.advance(ms) };
  return new Shell({ host, commands });
}
