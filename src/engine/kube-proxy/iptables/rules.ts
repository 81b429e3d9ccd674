/**
 * iptables rules as data: what kube-proxy writes through iptables-restore, kept structured so the
 * same rules are printed (iptables-save, iptables -L/-S) and walked packet by packet (route()).
 */

export type TableName = 'filter' | 'nat' | 'mangle';

/** A match module, in the order kube-proxy wrote it (iptables-save keeps that order). */
export type Match =
  | { m: 'comment'; text: string }
  /** `-m tcp --dport 80` (dport optional: `-m tcp` alone on a DNAT rule). */
  | { m: 'proto'; proto: string; dport?: number }
  /** `-m statistic --mode random --probability P`, P as kube-proxy wrote it (`0.3333333333`). */
  | { m: 'statistic'; probability: string }
  | { m: 'recent'; op: 'set' | 'rcheck'; name: string; seconds?: number }
  | { m: 'addrtype'; dstType?: 'LOCAL'; srcType?: 'LOCAL' }
  | { m: 'mark'; not?: boolean; mark: string }
  | { m: 'conntrack'; not?: boolean; ctstate: string }
  | { m: 'set'; name: string; flags: string };

export interface Rule {
  /** Source CIDR as iptables-save prints it (`10.244.1.5/32`), with `!` when sNot. */
  s?: string;
  sNot?: boolean;
  d?: string;
  p?: string;
  m: Match[];
  /** A chain name or a built-in target (DNAT, MARK, MASQUERADE, REJECT, DROP, ACCEPT, RETURN, REDIRECT). */
  j: string;
  /** DNAT --to-destination. */
  to?: string;
  /** MARK --or-mark / --xor-mark value. */
  mark?: { op: 'or' | 'xor'; value: string };
  randomFully?: boolean;
  /** REDIRECT --to-ports. */
  toPorts?: number;
}

export interface Table {
  /** Built-in chains in kernel order; everything else in `chains` is a user chain. */
  builtin: string[];
  chains: Record<string, Rule[]>;
}

export type Tables = Record<TableName, Table>;

const BUILTIN: Record<TableName, string[]> = {
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
};

export function emptyTable(name: TableName): Table {
  const chains: Record<string, Rule[]> = {};
  for (const c of BUILTIN[name]) chains[c] = [];
  return { builtin: [...BUILTIN[name]], chains };
}

/** A node's tables before any proxy ran: built-in chains, plus the kubelet's canary chains. */
export function nodeTables(): Tables {
  const tables: Tables = { filter: emptyTable('filter'), nat: emptyTable('nat'), mangle: emptyTable('mangle') };
  for (const t of Object.values(tables)) t.chains['KUBE-KUBELET-CANARY'] = [];
  tables.mangle.chains['KUBE-IPTABLES-HINT'] = [];
  return tables;
}

/** The `/32` iptables-save adds to a bare address. */
export function host(ip: string): string {
  return ip.includes('/') ? ip : `${ip}/32`;
}

/** iptables' protocol numbers, which `-L -n` prints since iptables 1.8.8. */
export const PROTO_NUMBER: Record<string, string> = { tcp: '6', udp: '17', sctp: '132' };

/** Rules in a table that jump to `chain` (the `references` iptables -L reports). */
export function references(table: Table, chain: string): number {
  let n = 0;
  for (const rules of Object.values(table.chains)) for (const r of rules) if (r.j === chain) n++;
  return n;
}

/** Built-in chains first, then user chains sorted, as iptables-save lists them. */
export function chainOrder(table: Table): string[] {
  const user = Object.keys(table.chains)
    .filter((c) => !table.builtin.includes(c))
    .sort();
  return [...table.builtin, ...user];
}

/** Total rule count of all tables: the size a sync writes and a first packet may walk. */
export function ruleCount(tables: Partial<Tables>): number {
  let n = 0;
  for (const t of Object.values(tables)) if (t) for (const rules of Object.values(t.chains)) n += rules.length;
  return n;
}
