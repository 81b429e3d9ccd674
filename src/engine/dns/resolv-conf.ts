import type { PodSpec } from 'kubernetes-types/core/v1';
import { CLUSTER_DNS_IP, CLUSTER_DOMAIN } from './types';
import { intern } from '../sim/intern';

/** What a node's own /etc/resolv.conf says (kind: docker's embedded resolver behind the gateway). */
export const NODE_RESOLV_CONF = { nameservers: ['172.18.0.1'], searches: [] as string[], options: ['ndots:0'] };

/**
 * The /etc/resolv.conf the kubelet writes into a pod (pkg/kubelet/network/dns): ClusterFirst
 * points at the cluster DNS with the namespace search path and ndots:5; Default (and ClusterFirst
 * with hostNetwork) inherits the node's; None starts empty; dnsConfig is merged on top.
 */
export function podResolvConf(namespace: string, spec: PodSpec | undefined): string {
  const policy = spec?.dnsPolicy ?? 'ClusterFirst';
  const useNode = policy === 'Default' || (policy === 'ClusterFirst' && spec?.hostNetwork === true);
  let nameservers: string[] = [];
  let searches: string[] = [];
  let options: string[] = [];
  if (useNode) ({ nameservers, searches, options } = { nameservers: [...NODE_RESOLV_CONF.nameservers], searches: [], options: [...NODE_RESOLV_CONF.options] });
  else if (policy !== 'None') {
    nameservers = [CLUSTER_DNS_IP];
    searches = [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
    options = ['ndots:5'];
  }
  const cfg = spec?.dnsConfig;
  for (const ns of cfg?.nameservers ?? []) if (!nameservers.includes(ns)) nameservers.push(ns);
  for (const s of cfg?.searches ?? []) if (!searches.includes(s)) searches.push(s);
  for (const o of cfg?.options ?? []) {
    const text = o.value !== undefined ? `${o.name}:${o.value}` : o.name ?? '';
    options = [...options.filter((x) => x.split(':')[0] !== o.name), text];
  }
  return intern([searches.length ? `search ${searches.join(' ')}` : '', ...nameservers.slice(0, 3).map((n) => `nameserver ${n}`), options.length ? `options ${options.join(' ')}` : ''].filter(Boolean).join('\n') + '\n');
}
