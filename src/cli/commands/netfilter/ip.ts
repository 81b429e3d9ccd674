import type { Cluster } from '../../../engine/cluster';
import { fnv32a } from '../../../engine/sim/hash';
import { fail, ok, type Command } from '../../types';
import { nodeIpvs } from './node-state';

/** A stable locally administered MAC for an interface of a node. */
function mac(node: string, iface: string): string {
  const h = fnv32a(`${node}/${iface}`);
  const h2 = fnv32a(`${iface}/${node}`);
  const bytes = [0x02 | ((h >>> 24) & 0xfc), (h >>> 16) & 255, (h >>> 8) & 255, h & 255, (h2 >>> 8) & 255, h2 & 255];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

function inet(cidr: string, iface: string, extra = ''): string[] {
  return [`    inet ${cidr}${extra} scope global ${iface}`, '       valid_lft forever preferred_lft forever'];
}

/** The node's interfaces: lo, eth0 with its InternalIP, and kube-ipvs0 in ipvs mode. */
function interfaces(cluster: Cluster, node: string): { name: string; lines: string[] }[] {
  const cfg = cluster.config.nodes.find((n) => n.name === node);
  const out = [
    {
      name: 'lo',
      lines: ['1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000', '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00', '    inet 127.0.0.1/8 scope host lo', '       valid_lft forever preferred_lft forever'],
    },
    {
      name: 'eth0',
      lines: [
        '2: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default ',
        `    link/ether ${mac(node, 'eth0')} brd ff:ff:ff:ff:ff:ff link-netnsid 0`,
        ...inet(`${cfg?.internalIP ?? '172.18.0.2'}/16`, 'eth0', ' brd 172.18.255.255'),
      ],
    },
  ];
  const ipvs = nodeIpvs(cluster, node);
  if (ipvs) {
    out.push({
      name: 'kube-ipvs0',
      lines: [
        '3: kube-ipvs0: <BROADCAST,NOARP> mtu 1500 qdisc noop state DOWN group default ',
        `    link/ether ${mac(node, 'kube-ipvs0')} brd ff:ff:ff:ff:ff:ff`,
        ...ipvs.state.addresses.flatMap((a) => inet(`${a}/32`, 'kube-ipvs0')),
      ],
    });
  }
  return out;
}

/** `ip addr [show [dev] IFACE]` (also `ip a`, `ip address`) on a node. */
export function createIp(cluster: Cluster): Command {
  return ({ argv, host }) => {
    const [object, verb, ...rest] = argv;
    if (!object || !['a', 'addr', 'address'].includes(object)) return fail(`Object "${object ?? ''}" is unknown, try "ip help".\n`, 1);
    if (verb !== undefined && !['show', 'list', 'ls', 's'].includes(verb)) return fail(`Command "${verb}" is unknown, try "ip address help".\n`, 1);
    const wanted = rest[0] === 'dev' ? rest[1] : rest[0];
    const all = interfaces(cluster, host.name);
    const chosen = wanted === undefined ? all : all.filter((i) => i.name === wanted);
    if (wanted !== undefined && chosen.length === 0) return fail(`Device "${wanted}" does not exist.\n`, 1);
    return ok(chosen.flatMap((i) => i.lines).map((l) => `${l}\n`).join(''));
  };
}
