import type { Cluster } from '../../../engine/cluster';
import { listChains } from '../../../engine/kube-proxy/iptables/list';
import type { TableName } from '../../../engine/kube-proxy/iptables/rules';
import { IPTABLES_VERSION, iptablesSave, listRulesS } from '../../../engine/kube-proxy/iptables/save';
import { fail, ok, type Command } from '../../types';
import { nodeIptables, wallMs } from './node-state';

const TABLES: TableName[] = ['filter', 'nat', 'mangle'];
const PREFIX = `iptables ${IPTABLES_VERSION}`;

/** `iptables-save [-t TABLE] [-c]`: the node's rules as iptables-nft-save prints them. */
export function createIptablesSave(cluster: Cluster): Command {
  return ({ argv, host }) => {
    let table: TableName | undefined;
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      const value = a === '-t' || a === '--table' ? argv[++i] : a.startsWith('--table=') ? a.slice(8) : a.startsWith('-t') && a.length > 2 ? a.slice(2) : undefined;
      if (value !== undefined) {
        if (!TABLES.includes(value as TableName)) return fail(`Table \`${value}' does not exist\n`);
        table = value as TableName;
      } else if (a === '-V' || a === '--version') return ok(`iptables-save ${IPTABLES_VERSION}\n`);
      else if (a !== '-c' && a !== '--counters') return fail(`iptables-save: unrecognized option '${a}'\n`);
    }
    return ok(iptablesSave(nodeIptables(cluster, host.name), wallMs(cluster), table));
  };
}

interface Parsed {
  table: TableName;
  action?: 'L' | 'S';
  chain?: string;
  numeric: boolean;
  verbose: boolean;
  lineNumbers: boolean;
}

function parse(argv: string[]): Parsed | string {
  const p: Parsed = { table: 'filter', numeric: false, verbose: false, lineNumbers: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-t' || a === '--table') p.table = (argv[++i] ?? '') as TableName;
    else if (a === '-L' || a === '--list' || a === '-S' || a === '--list-rules') {
      p.action = a === '-L' || a === '--list' ? 'L' : 'S';
      if (argv[i + 1] && !argv[i + 1]!.startsWith('-')) p.chain = argv[++i];
    } else if (a === '-n' || a === '--numeric') p.numeric = true;
    else if (a === '-v' || a === '--verbose') p.verbose = true;
    else if (a === '--line-numbers') p.lineNumbers = true;
    else if (a === '-x' || a === '--exact') continue;
    else if (/^-[LnvSx]+$/.test(a)) {
      if (a.includes('L')) p.action = 'L';
      if (a.includes('S')) p.action = 'S';
      p.numeric ||= a.includes('n');
      p.verbose ||= a.includes('v');
      if (/[LS]$/.test(a) && argv[i + 1] && !argv[i + 1]!.startsWith('-')) p.chain = argv[++i];
    } else return `Bad argument \`${a}'`;
  }
  return p;
}

/** `iptables [-t T] -L [CHAIN] [-n] [-v] [--line-numbers]` and `-S [CHAIN]`, read-only. */
export function createIptables(cluster: Cluster): Command {
  return ({ argv, host }) => {
    if (argv.includes('-V') || argv.includes('--version')) return ok(`${PREFIX}\n`);
    const write = argv.find((a) => /^-[AIDFXNPZRE]$/.test(a) || /^--(append|insert|delete|flush|delete-chain|new-chain|policy|zero|replace|rename-chain)$/.test(a));
    if (write) return fail(`${PREFIX}: ${write}: this simulated node's rules are read-only (kube-proxy programs them)\n`, 4);
    const p = parse(argv);
    if (typeof p === 'string') return fail(`${PREFIX}: ${p}\nTry \`iptables -h' or 'iptables --help' for more information.\n`, 2);
    if (!TABLES.includes(p.table)) return fail(`${PREFIX}: table '${p.table}' does not exist\nPerhaps iptables or your kernel needs to be upgraded.\n`, 3);
    if (!p.action) return fail(`${PREFIX}: no command specified\nTry \`iptables -h' or 'iptables --help' for more information.\n`, 2);
    const table = nodeIptables(cluster, host.name)[p.table];
    if (p.chain !== undefined && !table.chains[p.chain]) return fail(`${PREFIX}: chain \`${p.chain}' in table \`${p.table}' is incompatible, use 'nft' tool.\n`);
    if (p.action === 'S') return ok(listRulesS(table, p.chain));
    return ok(listChains(table, p.chain, { numeric: p.numeric, verbose: p.verbose, lineNumbers: p.lineNumbers }));
  };
}
