import type { Cluster } from '../../../engine/cluster';
import { inactiveConns, recentConns, sortVirtualServers, type RealServer, type VirtualServer } from '../../../engine/kube-proxy/ipvs/model';
import { ipToInt } from '../../../engine/kube-proxy/proxier';
import { fail, ok, type Command } from '../../types';
import { hasIpvsModules, nodeIpvs } from './node-state';

const NO_IPVS = "Can't initialize ipvs: Protocol not available\nAre you sure that IP Virtual Server is built in the kernel or as module?\n";
const TITLE = 'IP Virtual Server version 1.2.1 (size=4096)\n';

type Format = 'plain' | 'stats' | 'rate';

/** print_largenum: `%9llu`, or K/M/G with %8llu past 99,999,999. */
function num(n: number): string {
  return String(n).padStart(9);
}

/** Packets and bytes a connection of the simulated traffic carries (a short HTTP exchange). */
const PKTS_IN = 6;
const PKTS_OUT = 4;
const BYTES_IN = 420;
const BYTES_OUT = 1030;

function statsCells(conns: number): string {
  return [conns, conns * PKTS_IN, conns * PKTS_OUT, conns * BYTES_IN, conns * BYTES_OUT].map(num).join('');
}

/** The kernel's rate estimator averages over about 2 s. */
const RATE_WINDOW_MS = 2000;

function cps(r: RealServer, nowMs: number): number {
  return recentConns(r, nowMs, RATE_WINDOW_MS) / (RATE_WINDOW_MS / 1000);
}

function rateCells(rate: number): string {
  return [rate, rate * PKTS_IN, rate * PKTS_OUT, rate * BYTES_IN, rate * BYTES_OUT].map((n) => num(Math.round(n))).join('');
}

function realLine(r: RealServer, format: Format, nowMs: number): string {
  const addr = `${r.ip}:${r.port}`;
  if (format === 'stats') return `  -> ${addr.padEnd(28)}${statsCells(r.conns)}`;
  if (format === 'rate') return `  -> ${addr.padEnd(28)}${rateCells(cps(r, nowMs))}`;
  const inactive = inactiveConns(r, nowMs);
  return `  -> ${addr.padEnd(28)} ${'Masq'.padEnd(7)} ${String(r.weight).padEnd(6)} ${'0'.padEnd(10)} ${String(inactive).padEnd(10)}`;
}

function serviceLines(vs: VirtualServer, format: Format, nowMs: number): string[] {
  const name = `${vs.protocol}  ${vs.vip}:${vs.port}`;
  const rate = vs.reals.reduce((n, r) => n + cps(r, nowMs), 0);
  const head = format === 'plain' ? `${name} ${vs.scheduler}${vs.persistent > 0 ? ` persistent ${vs.persistent}` : ''}` : `${name.padEnd(33)}${format === 'stats' ? statsCells(vs.conns) : rateCells(rate)}`;
  const reals = [...vs.reals].sort((a, b) => ipToInt(a.ip) - ipToInt(b.ip) || a.port - b.port);
  return [head, ...reals.map((r) => realLine(r, format, nowMs))];
}

function title(format: Format): string {
  if (format === 'stats') return 'Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes\n  -> RemoteAddress:Port\n';
  if (format === 'rate') return 'Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS\n  -> RemoteAddress:Port\n';
  return 'Prot LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n';
}

/** `ipvsadm -L -n [--stats|--rate] [-t|-u VIP:PORT]`: the node's IPVS table, as ipvsadm prints it. */
export function createIpvsadm(cluster: Cluster): Command {
  return ({ argv, host }) => {
    if (!hasIpvsModules(cluster, host.name)) return fail(NO_IPVS, 2);
    let format: Format = 'plain';
    let only: string | undefined;
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '--stats') format = 'stats';
      else if (a === '--rate') format = 'rate';
      else if (a === '-t' || a === '--tcp-service' || a === '-u' || a === '--udp-service') only = `${a.startsWith('-u') || a === '--udp-service' ? 'UDP' : 'TCP'}:${argv[++i] ?? ''}`;
      else if (!/^-[Lln]+$/.test(a) && a !== '--list' && a !== '--numeric') return fail(`Try \`ipvsadm -h' or 'ipvsadm --help' for more information.\n`, 2);
    }
    const services = sortVirtualServers(Object.values(nodeIpvs(cluster, host.name)?.state.services ?? {}));
    const shown = only === undefined ? services : services.filter((v) => `${v.protocol}:${v.vip}:${v.port}` === only);
    if (only !== undefined && shown.length === 0) return fail('No such service\n', 1);
    const lines = shown.flatMap((v) => serviceLines(v, format, cluster.now()));
    return ok(TITLE + title(format) + lines.map((l) => `${l}\n`).join(''));
  };
}
