import { savedProbability } from '../names';
import { chainOrder, PROTO_NUMBER, references, type Match, type Rule, type Table } from './rules';

/** Options of `iptables -L`: -v adds counters and interfaces, --line-numbers a num column. */
export interface ListOptions {
  verbose: boolean;
  lineNumbers: boolean;
  /** -n: addresses, protocols and ports as numbers (else `anywhere`, `tcp`, `dpt:http`). */
  numeric: boolean;
}

/** The /etc/services names iptables prints for well-known ports without -n. */
const SERVICES: Record<number, string> = { 22: 'ssh', 25: 'smtp', 53: 'domain', 80: 'http', 443: 'https', 3306: 'mysql', 5432: 'postgresql', 6379: 'redis', 8080: 'http-alt' };
const PROTO_NAME: Record<string, string> = { tcp: 'tcp', udp: 'udp', sctp: 'sctp' };

/** A match as `iptables -L` describes it (each is printed after a space). */
function listMatch(m: Match, numeric: boolean): string {
  switch (m.m) {
    case 'comment':
      return `/* ${m.text} */`;
    case 'proto':
      return m.dport !== undefined ? `${m.proto} dpt:${numeric ? m.dport : (SERVICES[m.dport] ?? m.dport)}` : m.proto;
    case 'statistic':
      return `statistic mode random probability ${savedProbability(m.probability)}`;
    case 'recent':
      return m.op === 'set'
        ? `recent: SET name: ${m.name} side: source mask: 255.255.255.255`
        : `recent: CHECK seconds: ${m.seconds ?? 0} reap name: ${m.name} side: source mask: 255.255.255.255`;
    case 'addrtype':
      return m.dstType ? `ADDRTYPE match dst-type ${m.dstType}` : `ADDRTYPE match src-type ${m.srcType ?? 'LOCAL'}`;
    case 'mark':
      return `mark match ${m.not ? '! ' : ''}${m.mark}`;
    case 'conntrack':
      return `${m.not ? '! ' : ''}ctstate ${m.ctstate}`;
    case 'set':
      return `match-set ${m.name} ${m.flags}`;
  }
}

function listTarget(r: Rule): string | undefined {
  switch (r.j) {
    case 'DNAT':
      return `to:${r.to ?? ''}`;
    case 'MARK':
      return `MARK ${r.mark?.op ?? 'or'} ${r.mark?.value ?? ''}`;
    case 'MASQUERADE':
      return r.randomFully ? 'random-fully' : undefined;
    case 'REJECT':
      return 'reject-with icmp-port-unreachable';
    case 'REDIRECT':
      return `redir ports ${r.toPorts ?? 0}`;
    default:
      return undefined;
  }
}

/** `10.244.1.5` for a /32, the CIDR otherwise; 0.0.0.0/0 (`anywhere` without -n) when absent. */
function address(cidr: string | undefined, numeric: boolean): string {
  if (!cidr) return numeric ? '0.0.0.0/0' : 'anywhere';
  if (!numeric && cidr === '127.0.0.0/8') return 'loopback/8';
  return cidr.endsWith('/32') ? cidr.slice(0, -3) : cidr;
}

function ruleLine(r: Rule, num: number, o: ListOptions): string {
  let line = o.lineNumbers ? `${String(num).padEnd(4)} ` : '';
  if (o.verbose) line += `${'0'.padStart(5)} ${'0'.padStart(5)} `;
  line += `${r.j.padEnd(9)} `;
  const proto = o.numeric ? (r.p ? (PROTO_NUMBER[r.p] ?? r.p) : '0') : r.p ? (PROTO_NAME[r.p] ?? r.p) : 'all';
  line += ` ${proto.padEnd(5)}`;
  line += '-- ';
  const iface = o.numeric ? '*' : 'any';
  if (o.verbose) line += ` ${iface.padEnd(6)} ${iface.padEnd(6)} `;
  line += `${r.sNot ? '!' : ' '}${address(r.s, o.numeric).padEnd(19)} `;
  line += ` ${address(r.d, o.numeric).padEnd(19)} `;
  const extras = [...r.m.map((m) => listMatch(m, o.numeric)), listTarget(r)].filter((x): x is string => x !== undefined);
  for (const e of extras) line += ` ${e}`;
  return line;
}

function header(table: Table, chain: string, o: ListOptions): string[] {
  const builtin = table.builtin.includes(chain);
  const title = builtin
    ? `Chain ${chain} (policy ACCEPT${o.verbose ? ' 0 packets, 0 bytes' : ''})`
    : `Chain ${chain} (${references(table, chain)} references)`;
  let cols = o.lineNumbers ? 'num  ' : '';
  if (o.verbose) cols += ' pkts bytes ';
  cols += 'target    ';
  cols += ' prot opt';
  if (o.verbose) cols += ' in     out    ';
  cols += ` ${'source'.padEnd(19)} `;
  cols += ` ${'destination'.padEnd(19)} `;
  return [title, cols];
}

/** `iptables [-t T] -L [CHAIN] -n [-v] [--line-numbers]`, byte for byte as iptables 1.8.9 prints it. */
export function listChains(table: Table, chain: string | undefined, o: ListOptions): string {
  const blocks = (chain ? [chain] : chainOrder(table)).map((c) => {
    const lines = header(table, c, o);
    (table.chains[c] ?? []).forEach((r, i) => lines.push(ruleLine(r, i + 1, o)));
    return lines.join('\n') + '\n';
  });
  return blocks.join('\n');
}
