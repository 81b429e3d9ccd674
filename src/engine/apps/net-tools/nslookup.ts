/**
 * `nslookup NAME [SERVER]`: bind's nslookup on nodes and in dnsutils images
 * (`Address:\t10.96.0.10#53`), busybox's in busybox images (`Address:\t10.96.0.10:53`). Both
 * walk the search list of /etc/resolv.conf. Shared by the terminal's hosts and containers' shells.
 */
import type { RRType } from '../../dns/types';
import { isIPv4, reverseName } from '../../network/ip';
import type { NetClient, Network } from '../../network/index';
import { candidates } from '../../network/resolve';
import type { ToolRun } from './wget';

const BUSYBOX_USAGE = 'BusyBox v1.37.0 multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n';

/** The usage a name-less call prints, or undefined when there is a name to look up. */
export function nslookupUsage(argv: string[], busybox: boolean): ToolRun | undefined {
  if (argv.some((a) => !a.startsWith('-'))) return undefined;
  return { stdout: '', stderr: busybox ? BUSYBOX_USAGE : '', exitCode: 1, ms: 0 };
}

export function nslookup(argv: string[], net: Network, client: NetClient, busybox: boolean): ToolRun {
  const args = argv.filter((a) => !a.startsWith('-'));
  const type = (argv.find((a) => a.startsWith('-type=') || a.startsWith('-query='))?.split('=')[1] ?? 'A').toUpperCase() as RRType;
  const [name = '', serverArg] = args;
  return lookup(net, client, busybox, name, serverArg ?? net.resolvConf(client).nameserver, type);
}

function header(server: string, busybox: boolean): string {
  return `Server:\t\t${server}\nAddress:\t${server}${busybox ? ':' : '#'}53\n\n`;
}

function lookup(net: Network, client: NetClient, busybox: boolean, name: string, server: string, type: RRType): ToolRun {
  const ptr = isIPv4(name);
  const names = ptr ? [`${reverseName(name)}.`] : candidates(name, net.resolvConf(client));
  let ms = 0;
  for (const qname of names) {
    const ex = net.dnsQuery(client, server, qname, ptr ? 'PTR' : type);
    ms += ex.ms;
    if (ex.error) return { stdout: `;; connection timed out; no servers could be reached\n\n`, stderr: '', exitCode: 1, ms };
    const a = ex.answer!;
    if (a.rcode !== 'NOERROR' || a.answer.length === 0) continue;
    let text = header(server, busybox);
    for (const r of a.answer) {
      if (r.type === 'PTR') text += `${r.name.replace(/\.$/, '')}\tname = ${r.data}\n`;
      else if (r.type === 'CNAME') text += `${r.name.replace(/\.$/, '')}\tcanonical name = ${r.data}\n`;
      else if (r.type === 'SRV') text += `${r.name.replace(/\.$/, '')}\tservice = ${r.data}\n`;
      else text += `Name:\t${r.name.replace(/\.$/, '')}\nAddress: ${r.data}\n`;
    }
    return { stdout: `${text}\n`, stderr: '', exitCode: 0, ms };
  }
  const shown = ptr ? `${reverseName(name)}` : name;
  const miss = `** server can't find ${shown}: NXDOMAIN\n\n`;
  return { stdout: header(server, busybox) + (busybox && !ptr ? miss + miss : miss), stderr: '', exitCode: 1, ms };
}
