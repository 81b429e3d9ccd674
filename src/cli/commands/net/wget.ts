import { awaitReply } from './await-reply';
import type { Cluster } from '../../../engine/cluster';
import { isToolRun, parseWget, wgetReport } from '../../../engine/apps/net-tools/wget';
import type { Command } from '../../types';
import { needNetwork, type NetHostOf } from './context';

/**
 * busybox `wget` on a host of the terminal (engine/apps/net-tools/wget.ts has the tool): a slow
 * reply is waited for in virtual time, up to the timeout; it comes only if its process lives.
 */
export function createWget(cluster: Cluster, hostOf: NetHostOf): Command {
  return (ctx) => {
    const options = parseWget(ctx.argv);
    if (isToolRun(options)) return options;
    const net = needNetwork(cluster, 'wget');
    if ('exitCode' in net) return net;
    const sent = net.request(hostOf().client, options.url, { method: options.spider ? 'HEAD' : 'GET', userAgent: 'Wget' });
    const { outcome, waitedMs } = awaitReply(ctx.host, net, sent, options.timeoutMs);
    const run = wgetReport(options, outcome, (file, body) => ctx.host.fs.write(ctx.host.fs.resolve(file), body));
    ctx.host.advance(Math.max(0, Math.ceil(run.ms) - waitedMs));
    return { stdout: run.stdout, stderr: run.stderr, exitCode: run.exitCode };
  };
}
