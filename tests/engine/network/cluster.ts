import type { Pod, Service } from 'kubernetes-types/core/v1';
import { Cluster } from '../../../src/engine/cluster';
import { dnsComponents } from '../../../src/engine/dns/index';
import { kubeletComponents } from '../../../src/engine/kubelet/index';
import { networkComponents, networkOf, type Network } from '../../../src/engine/network/index';
import { schedulerComponents } from '../../../src/engine/scheduler/index';
import { StaticProxy } from './fake-proxy';

/** A cluster with kubelets, the network and a hand-driven proxy per node. */
export function netCluster(seed = 7): { cluster: Cluster; net: Network; proxies: StaticProxy[]; syncAll(): void } {
  const cluster = Cluster.create({ seed, workers: 2 }, [schedulerComponents, kubeletComponents, dnsComponents, networkComponents]);
  const net = networkOf(cluster)!;
  const proxies = cluster.config.nodes.map((n) => new StaticProxy(n.name, cluster));
  for (const p of proxies) net.attachProxy(p);
  return { cluster, net, proxies, syncAll: () => proxies.forEach((p) => p.sync()) };
}

export function webPod(name: string, node: string, image = 'nginx:1.27'): Pod {
  return { metadata: { name, namespace: 'default', labels: { app: 'web' } }, spec: { nodeName: node, containers: [{ name: 'web', image }] } };
}

export function webService(clusterIP = '10.96.100.100'): Service {
  return { metadata: { name: 'web', namespace: 'default' }, spec: { type: 'ClusterIP', clusterIP, clusterIPs: [clusterIP], selector: { app: 'web' }, ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 80 }] } };
}
