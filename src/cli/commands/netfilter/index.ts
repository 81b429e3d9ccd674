import type { Cluster } from '../../../engine/cluster';
import type { Command } from '../../types';
import { deferredCommand } from '../../deferred';

/**
 * Commands that read a node's netfilter and IPVS state as kube-proxy programmed it. They run on
 * a node host (after `ssh NODE`); the node is `ctx.host.name`.
 */
export function nodeNetCommands(cluster: Cluster): Record<string, { command: Command; help: string }> {
  return {
    'iptables-save': { command: deferredCommand((p) => p.createIptablesSave(cluster)), help: "dump the node's iptables rules (iptables-save -t nat)" },
    iptables: { command: deferredCommand((p) => p.createIptables(cluster)), help: 'list rules: iptables -t nat -L KUBE-SERVICES -n -v --line-numbers, iptables -t nat -S' },
    ipvsadm: { command: deferredCommand((p) => p.createIpvsadm(cluster)), help: 'list IPVS virtual servers: ipvsadm -Ln [--stats|--rate] [-t VIP:PORT]' },
    ipset: { command: deferredCommand((p) => p.createIpset(cluster)), help: 'list ipsets: ipset list [KUBE-CLUSTER-IP]' },
    nft: { command: deferredCommand((p) => p.createNft(cluster)), help: "list nftables rules: nft list table ip kube-proxy" },
    ip: { command: deferredCommand((p) => p.createIp(cluster)), help: "show the node's addresses: ip addr [show kube-ipvs0]" },
  };
}
