import type { Cluster } from '../../../engine/cluster';
import type { RRType } from '../../../engine/dns/types';
import { isIPv4, reverseName } from '../../../engine/network/ip';
import type { Command } from '../../types';
import { candidates } from '../../../engine/network/resolve';
import { needNetwork, type NetHostOf } from './context';
import { digQuestion, digRecord, messageSize } from './dns-format';

const VERSION = 'DiG 9.18.33-1~deb12u2-Debian';
const TYPES = new Set<RRType>(['A', 'AAAA', 'SRV', 'PTR', 'CNAME', 'SOA', 'TXT']);
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function when(wallMs: number): string {
  const d = new Date(wallMs);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/**
 * `dig [@SERVER] NAME [TYPE] [+short] [-t TYPE] [-x IP]`: one question, no search list (dig's
 * default), the full sections or +short's bare data.
 */
export function createDig(cluster: Cluster, hostOf: NetHostOf): Command {
  return (ctx) => {
    let server: string | undefined;
    let name: string | undefined;
    let type: RRType | undefined;
    let short = false;
    let search = false;
    for (let i = 0; i < ctx.argv.length; i++) {
      const a = ctx.argv[i]!;
      if (a.startsWith('@')) server = a.slice(1);
      else if (a === '+short') short = true;
      else if (a === '+search') search = true;
      else if (a === '+nosearch') search = false;
      else if (a.startsWith('+')) continue;
      else if (a === '-t') type = (ctx.argv[++i] ?? 'A').toUpperCase() as RRType;
      else if (a === '-x') {
        const ip = ctx.argv[++i] ?? '';
        name = isIPv4(ip) ? `${reverseName(ip)}.` : ip;
        type = 'PTR';
      } else if (TYPES.has(a.toUpperCase() as RRType) && type === undefined) type = a.toUpperCase() as RRType;
      else name = a;
    }
    const qtype = type ?? (name === undefined ? 'SOA' : 'A');
    const net = needNetwork(cluster, 'dig');
    if ('exitCode' in net) return net;
    const host = hostOf();
    const srv = server ?? net.resolvConf(host.client).nameserver;
    // +search walks resolv.conf's search list, stopping at the first name that exists.
    const names = search && name !== undefined ? candidates(name, net.resolvConf(host.client)) : [`${(name ?? '.').replace(/\.$/, '')}.`];
    let ex = net.dnsQuery(host.client, srv, names[0]!, qtype);
    for (const next of names.slice(1)) {
      if (ex.error || ex.answer?.rcode !== 'NXDOMAIN') break;
      ex = net.dnsQuery(host.client, srv, next, qtype);
    }
    const qname = ex.qname;
    const cmdline = `\n; <<>> ${VERSION} <<>> ${ctx.argv.join(' ')}\n;; global options: +cmd\n`;
    if (ex.error) {
      ctx.host.advance(15_000);
      const err = ex.error === 'refused' ? 'connection refused' : 'timed out';
      if (short) return { stdout: `;; communications error to ${srv}#53: ${err}\n`.repeat(3) + ';; no servers could be reached\n', stderr: '', exitCode: 9 };
      return { stdout: `${cmdline}${`;; communications error to ${srv}#53: ${err}\n`.repeat(3)}${cmdline};; no servers could be reached\n\n`, stderr: '', exitCode: 9 };
    }
    ctx.host.advance(Math.ceil(ex.ms));
    const a = ex.answer!;
    if (short) return { stdout: a.answer.map((r) => `${r.data}\n`).join(''), stderr: '', exitCode: 0 };
    const id = (net.nextPort() * 2654435761) % 65536;
    const flags = `qr${a.aa ? ' aa' : ''} rd${a.ra ? ' ra' : ''}`;
    const lines = [
      cmdline.slice(0, -1),
      ';; Got answer:',
      `;; ->>HEADER<<- opcode: QUERY, status: ${a.rcode}, id: ${id}`,
      `;; flags: ${flags}; QUERY: 1, ANSWER: ${a.answer.length}, AUTHORITY: ${a.authority.length}, ADDITIONAL: ${a.additional.length + 1}`,
      ...(a.ra ? [] : [';; WARNING: recursion requested but not available']),
      '',
      ';; OPT PSEUDOSECTION:',
      '; EDNS: version: 0, flags:; udp: 1232',
      ';; QUESTION SECTION:',
      digQuestion(qname, qtype),
      '',
    ];
    for (const [title, rrs] of [['ANSWER', a.answer], ['AUTHORITY', a.authority], ['ADDITIONAL', a.additional]] as const) {
      if (rrs.length === 0) continue;
      lines.push(`;; ${title} SECTION:`, ...rrs.map(digRecord), '');
    }
    lines.push(
      `;; Query time: ${Math.round(ex.ms)} msec`,
      `;; SERVER: ${srv}#53(${srv}) (UDP)`,
      `;; WHEN: ${when((ctx.host.epochMs ?? 0) + ctx.host.now())}`,
      `;; MSG SIZE  rcvd: ${messageSize(qname, [...a.answer, ...a.authority, ...a.additional])}`,
      '',
      '',
    );
    return { stdout: lines.join('\n'), stderr: '', exitCode: 0 };
  };
}
