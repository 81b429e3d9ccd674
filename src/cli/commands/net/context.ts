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

export { expandShort, secondsToMs } from '../../../engine/apps/net-tools/args';
