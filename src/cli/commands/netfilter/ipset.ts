import type { Cluster } from '../../../engine/cluster';
import type { IpSet } from '../../../engine/kube-proxy/ipvs/model';
import { fnv32a } from '../../../engine/sim/hash';
import { fail, ok, type Command } from '../../types';
import { nodeIpvs } from './node-state';

const REVISION: Record<string, number> = { 'hash:ip,port': 6, 'hash:ip,port,ip': 5, 'hash:ip,port,net': 7, 'hash:ip': 5, 'bitmap:port': 3 };

/** One set as `ipset list` prints it; hash sets list members in (stable, pseudo-) hash order. */
function printSet(name: string, set: IpSet, references: number): string {
  const bitmap = set.type.startsWith('bitmap');
  const members = bitmap ? [...set.members].sort((a, b) => Number(a) - Number(b)) : [...set.members].sort((a, b) => fnv32a(a) - fnv32a(b));
  const header = bitmap ? 'range 0-65535' : `family inet hashsize 1024 maxelem 65536 bucketsize 12 initval 0x${fnv32a(name).toString(16).padStart(8, '0')}`;
  const size = bitmap ? 8264 : 200 + members.length * 48;
  return [
    `Name: ${name}`,
    `Type: ${set.type}`,
    `Revision: ${REVISION[set.type] ?? 1}`,
    `Header: ${header}`,
    `Size in memory: ${size}`,
    `References: ${references}`,
    `Number of entries: ${members.length}`,
    'Members:',
    ...members,
  ].join('\n');
}

/** Sets the ipvs-mode iptables rules match on (what `References` counts). */
const REFERENCED: Record<string, number> = { 'KUBE-CLUSTER-IP': 2, 'KUBE-LOOP-BACK': 1, 'KUBE-NODE-PORT-TCP': 1 };

/** `ipset list [NAME]` (also `-L`, `-n` for names only). */
export function createIpset(cluster: Cluster): Command {
  return ({ argv, host }) => {
    const [verb, ...rest] = argv;
    if (verb === 'version' || verb === '-v' || verb === '--version') return ok('ipset v7.17, protocol version: 7\n');
    if (verb !== 'list' && verb !== '-L' && verb !== 'save') return fail(`ipset v7.17: ${verb === undefined ? 'No command specified.' : `Unknown argument: \`${verb}'`}\nTry \`ipset help' for more information.\n`, 1);
    const namesOnly = rest.includes('-n') || rest.includes('-name');
    const name = rest.find((a) => !a.startsWith('-'));
    const sets = nodeIpvs(cluster, host.name)?.state.ipsets ?? {};
    const names = Object.keys(sets).sort();
    if (name !== undefined && !sets[name]) return fail(`ipset v7.17: The set with the given name does not exist\n`, 1);
    const chosen = name !== undefined ? [name] : names;
    if (namesOnly) return ok(chosen.map((n) => `${n}\n`).join(''));
    return ok(chosen.map((n) => `${printSet(n, sets[n]!, REFERENCED[n] ?? 0)}\n`).join('\n'));
  };
}
