import type { Cluster } from '../../../engine/cluster';
import type { KubeProxy } from '../../../engine/kube-proxy/component';
import { IptablesProxier } from '../../../engine/kube-proxy/iptables/proxier';
import { nodeTables, type Tables } from '../../../engine/kube-proxy/iptables/rules';
import { IpvsProxier } from '../../../engine/kube-proxy/ipvs/proxier';
import { NftablesProxier } from '../../../engine/kube-proxy/nftables/proxier';
import { UserspaceProxier } from '../../../engine/kube-proxy/userspace/proxier';

/** The kube-proxy component of a node, when the cluster runs one there. */
export function nodeProxy(cluster: Cluster, node: string): KubeProxy | undefined {
  const actor = cluster.sim.actor(`kube-proxy/${node}`) as Partial<KubeProxy> | undefined;
  return actor && typeof actor.route === 'function' && actor.nodeName === node ? (actor as KubeProxy) : undefined;
}

/** What the node's netfilter holds: the active proxier's tables, or just the kubelet's canaries. */
export function nodeIptables(cluster: Cluster, node: string): Tables {
  const p = nodeProxy(cluster, node)?.proxier;
  if (p instanceof IptablesProxier || p instanceof UserspaceProxier) return p.tables;
  if (p instanceof IpvsProxier) return p.state.tables;
  return nodeTables();
}

export function nodeIpvs(cluster: Cluster, node: string): IpvsProxier | undefined {
  const p = nodeProxy(cluster, node)?.proxier;
  return p instanceof IpvsProxier ? p : undefined;
}

export function nodeNftables(cluster: Cluster, node: string): NftablesProxier | undefined {
  const p = nodeProxy(cluster, node)?.proxier;
  return p instanceof NftablesProxier ? p : undefined;
}

/** Whether the node has IPVS in its kernel (the lab's `ipvsModulesAvailable`). */
export function hasIpvsModules(cluster: Cluster, node: string): boolean {
  const a = cluster.config.kubeProxy?.ipvsModulesAvailable;
  return a === undefined ? true : typeof a === 'boolean' ? a : (a[node] ?? true);
}

/** Wall-clock ms of the cluster's virtual now (for iptables-save's timestamps). */
export function wallMs(cluster: Cluster): number {
  return cluster.config.epochMs + cluster.now();
}
