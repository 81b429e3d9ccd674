import type { Cluster } from '../../../engine/cluster';
import type { Command } from '../../types';
import { createIp } from './ip';
import { createIpset } from './ipset';
import { createIptables, createIptablesSave } from './iptables';
import { createIpvsadm } from './ipvsadm';
import { createNft } from './nft';

/**
 * Commands that read a node's netfilter and IPVS state as kube-proxy programmed it. They run on
 * a node host (after `ssh NODE`); the node is `ctx.host.name`.
 */
export function nodeNetCommands(cluster: Cluster): Record<string, { command: Command; help: string }> {
  return {
    'iptables-save': { command: createIptablesSave(cluster), help: "dump the node's iptables rules (iptables-save -t nat)" },
    iptables: { command: createIptables(cluster), help: 'list rules: iptables -t nat -L KUBE-SERVICES -n -v --line-numbers, iptables -t nat -S' },
    ipvsadm: { command: createIpvsadm(cluster), help: 'list IPVS virtual servers: ipvsadm -Ln [--stats|--rate] [-t VIP:PORT]' },
    ipset: { command: createIpset(cluster), help: 'list ipsets: ipset list [KUBE-CLUSTER-IP]' },
    nft: { command: createNft(cluster), help: "list nftables rules: nft list table ip kube-proxy" },
    ip: { command: createIp(cluster), help: "show the node's addresses: ip addr [show kube-ipvs0]" },
  };
}
