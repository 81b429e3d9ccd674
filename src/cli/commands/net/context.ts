import type { Cluster } from '../../../engine/cluster';
import { networkOf, type NetClient, type Network } from '../../../engine/network/index';
import { fail, type CommandResult } from '../../types';

/** Which flavour of the network tools a host has: busybox applets, or the Debian packages. */
export type ToolFlavour = 'busybox' | 'gnu';

/** Where a network command runs: the client it sends as, and which tools that host has. */
export interface NetHost {
  client: NetClient;
  flavour: ToolFlavour;
  /** Tools installed there; undefined means all. */
  tools?: readonly string[];
}

export type NetHostOf = () => NetHost;

/** The cluster's network, or the error a command prints when the cluster runs none. */
export function needNetwork(cluster: Cluster, tool: string): Network | CommandResult {
  return networkOf(cluster) ?? fail(`${tool}: network is unreachable (this cluster simulates no network)\n`, 1);
}

/** Split bundled short flags (`-sSv` → `-s -S -v`, `-qO-` → `-q -O -`) the way getopt does. */
export function expandShort(argv: string[], withValue: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!/^-[A-Za-z]/.test(a) || a.length <= 2) {
      out.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const f = a[j]!;
      out.push(`-${f}`);
      if (withValue.includes(f)) {
        if (j + 1 < a.length) out.push(a.slice(j + 1));
        break;
      }
    }
  }
  return out;
}

/** Seconds given as `5`, `2.5` → ms, or undefined when not a number. */
export function secondsToMs(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+(\.\d+)?$/.test(text)) return undefined;
  return Math.round(Number(text) * 1000);
}
