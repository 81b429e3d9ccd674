import type { Cluster } from '../../../engine/cluster';
import { networkOf } from '../../../engine/network/index';
import type { Command } from '../../types';

/**
 * `conntrack -L [-p tcp] [-d IP] | -C` on a node: the connections its netfilter tracks, with the
 * DNATed reply tuple that shows which pod a Service connection went to.
 */
export function createConntrack(cluster: Cluster): Command {
  return (ctx) => {
    const net = networkOf(cluster);
    const args = ctx.argv;
    const list = args.includes('-L') || args.includes('--dump');
    const count = args.includes('-C') || args.includes('--count');
    if (!list && !count) return { stdout: '', stderr: 'conntrack v1.4.7 (conntrack-tools): no command specified. Please specify one\n', exitCode: 2 };
    const value = (a: string, b: string) => {
      const i = args.findIndex((x) => x === a || x === b);
      return i >= 0 ? args[i + 1] : undefined;
    };
    const proto = value('-p', '--proto')?.toUpperCase();
    const dst = value('-d', '--dst') ?? value('--orig-dst', '--orig-dst');
    const now = ctx.host.now();
    const entries = (net?.conntrack(ctx.host.name) ?? []).filter((e) => (!proto || e.protocol === proto) && (!dst || e.dst.startsWith(`${dst}:`)));
    if (count) return { stdout: `${entries.length}\n`, stderr: '', exitCode: 0 };
    const lines = entries.map((e) => {
      const [sip, sport] = e.src.split(':');
      const [dip, dport] = e.dst.split(':');
      const [rip, rport] = e.reply.split(':');
      const p = e.protocol.toLowerCase();
      const secs = Math.max(0, Math.floor((e.expiresAtMs - now) / 1000));
      return `${p.padEnd(8)} ${p === 'tcp' ? 6 : 17} ${secs} ${e.state} src=${sip} dst=${dip} sport=${sport} dport=${dport} src=${rip} dst=${sip} sport=${rport} dport=${sport} [ASSURED] mark=0 use=1\n`;
    });
    return { stdout: lines.join(''), stderr: `conntrack v1.4.7 (conntrack-tools): ${entries.length} flow entries have been shown.\n`, exitCode: 0 };
  };
}
