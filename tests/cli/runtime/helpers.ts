import { nodeRuntimeCommands, withNodeStorage } from '../../../src/cli/commands/runtime/index';
import { nodeFs } from '../../../src/cli/hosts/node-files';
import { Shell } from '../../../src/cli/shell/shell';
import type { Command } from '../../../src/cli/types';
import type { Cluster } from '../../../src/engine/cluster';

/** A shell on node `node` (as after `ssh node`) with the runtime tools and the node's stored files. */
export function runtimeShell(cluster: Cluster, node: string): Shell {
  const commands: Record<string, Command> = {};
  for (const [name, entry] of Object.entries(nodeRuntimeCommands(cluster))) commands[name] = entry.command;
  const config = cluster.config.nodes.find((n) => n.name === node)!;
  const fs = withNodeStorage(nodeFs(cluster.config, config, cluster.config.kubernetesVersion), cluster, node);
  const host = { name: node, fs, epochMs: cluster.config.epochMs, now: () => cluster.now(), advance: (ms: number) => cluster.advance(ms) };
  return new Shell({ host, commands });
}
