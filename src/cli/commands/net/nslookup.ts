import type { Cluster } from '../../../engine/cluster';
import { nslookup, nslookupUsage } from '../../../engine/apps/net-tools/nslookup';
import type { Command } from '../../types';
import { needNetwork, type NetHostOf } from './context';

/** `nslookup` on a host of the terminal (engine/apps/net-tools/nslookup.ts has the tool); its queries take virtual time. */
export function createNslookup(cluster: Cluster, hostOf: NetHostOf): Command {
  return (ctx) => {
    const host = hostOf();
    const busybox = host.flavour === 'busybox';
    const usage = nslookupUsage(ctx.argv, busybox);
    if (usage) return usage;
    const net = needNetwork(cluster, 'nslookup');
    if ('exitCode' in net) return net;
    const run = nslookup(ctx.argv, net, host.client, busybox);
    ctx.host.advance(Math.ceil(run.ms));
    return { stdout: run.stdout, stderr: run.stderr, exitCode: run.exitCode };
  };
}
