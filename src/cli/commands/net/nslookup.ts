import type { Cluster } from '../../../engine/cluster';
import type { RRType } from '../../../engine/dns/types';
import { reverseName } from '../../../engine/network/ip';
import { isIPv4 } from '../../../engine/network/ip';
import type { Network } from '../../../engine/network/index';
import { candidates } from '../../../engine/network/resolve';
import type { Command, CommandResult } from '../../types';
import { needNetwork, type NetHost, type NetHostOf } from './context';

/**
 * `nslookup NAME [SERVER]`: bind's nslookup on nodes and in dnsutils images
 * (`Address:\t10.96.0.10#53`), busybox's in busybox images (`Address:\t10.96.0.10:53`). Both
 * walk the search list of /etc/resolv.conf.
 */
export function createNslookup(cluster: Cluster, hostOf: NetHostOf): Command {
  return (ctx) => {
    const args = ctx.argv.filter((a) => !a.startsWith('-'));
    const type = (ctx.argv.find((a) => a.startsWith('-type=') || a.startsWith('-query='))?.split('=')[1] ?? 'A').toUpperCase() as RRType;
    const [name, serverArg] = args;
    const host = hostOf();
    const busybox = host.flavour === 'busybox';
    if (!name) return { stdout: '', stderr: busybox ? 'BusyBox v1.37.0 multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n' : '', exitCode: 1 };
    const net = needNetwork(cluster, 'nslookup');
    if ('exitCode' in net) return net;
    const server = serverArg ?? net.resolvConf(host.client).nameserver;
    const result = lookup(net, host, name, server, type);
    ctx.host.advance(Math.ceil(result.ms));
    return result.out;
  };
}

function header(server: string, busybox: boolean): string {
  return `Server:\t\t${server}\nAddress:\t${server}${busybox ? ':' : '#'}53\n\n`;
}

function lookup(net: Network, host: NetHost, name: string, server: string, type: RRType): { out: CommandResult; ms: number } {
  const busybox = host.flavour === 'busybox';
  const ptr = isIPv4(name);
  const names = ptr ? [`${reverseName(name)}.`] : candidates(name, net.resolvConf(host.client));
  let ms = 0;
  for (const qname of names) {
    const ex = net.dnsQuery(host.client, server, qname, ptr ? 'PTR' : type);
    ms += ex.ms;
    if (ex.error) return { out: { stdout: `;; connection timed out; no servers could be reached\n\n`, stderr: '', exitCode: 1 }, ms };
    const a = ex.answer!;
    if (a.rcode !== 'NOERROR' || a.answer.length === 0) continue;
    let text = header(server, busybox);
    for (const r of a.answer) {
      if (r.type === 'PTR') text += `${r.name.replace(/\.$/, '')}\tname = ${r.data}\n`;
      else if (r.type === 'CNAME') text += `${r.name.replace(/\.$/, '')}\tcanonical name = ${r.data}\n`;
      else if (r.type === 'SRV') text += `${r.name.replace(/\.$/, '')}\tservice = ${r.data}\n`;
      else text += `Name:\t${r.name.replace(/\.$/, '')}\nAddress: ${r.data}\n`;
    }
    return { out: { stdout: `${text}\n`, stderr: '', exitCode: 0 }, ms };
  }
  const shown = ptr ? `${reverseName(name)}` : name;
  const miss = `** server can't find ${shown}: NXDOMAIN\n\n`;
  return { out: { stdout: header(server, busybox) + (busybox && !ptr ? miss + miss : miss), stderr: '', exitCode: 1 }, ms };
}
