import type { Pod, Service } from 'kubernetes-types/core/v1';
import { Cluster } from '../../../src/engine/cluster';
import { workloadControllerComponents } from '../../../src/engine/controllers/index';
import { dnsComponents } from '../../../src/engine/dns/index';
import { kubeletComponents } from '../../../src/engine/kubelet/index';
import { networkComponents, networkOf } from '../../../src/engine/network/index';
import { schedulerComponents } from '../../../src/engine/scheduler/index';
import { Session } from '../../../src/cli/session';
import { StaticProxy } from '../../engine/network/fake-proxy';

export function pod(name: string, node: string, image: string, labels: Record<string, string> = { app: 'web' }, command?: string[]): Pod {
  return { metadata: { name, namespace: 'default', labels }, spec: { nodeName: node, containers: [{ name: name.split('-')[0]!, image, ...(command ? { command } : {}) }] } };
}

export function service(name: string, clusterIP: string, extra: Partial<NonNullable<Service['spec']>> = {}): Service {
  return { metadata: { name, namespace: 'default' }, spec: { type: 'ClusterIP', clusterIP, clusterIPs: [clusterIP], selector: { app: name }, ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 80 }], ...extra } };
}

/**
 * A session on a cluster with CoreDNS, three nginx pods behind Service `web` (10.96.100.100),
 * a Service `empty` without endpoints and a busybox pod `box`, with hand-synced node rules.
 */
export function netSession(): { session: Session; cluster: Cluster; sync: () => void; sh: (line: string) => string } {
  const cluster = Cluster.create({ seed: 3, workers: 2 }, [schedulerComponents, workloadControllerComponents, kubeletComponents, dnsComponents, networkComponents]);
  const proxies = cluster.config.nodes.map((n) => new StaticProxy(n.name, cluster));
  for (const p of proxies) networkOf(cluster)!.attachProxy(p);
  const api = cluster.api;
  api.create('pods', pod('web-a', 'node-1', 'nginx:1.27'));
  api.create('pods', pod('web-b', 'node-2', 'nginx:1.27'));
  api.create('pods', pod('web-c', 'node-2', 'nginx:1.27'));
  api.create('pods', pod('box', 'node-1', 'busybox:1.37', { run: 'box' }, ['sleep', '3600']));
  api.create('services', service('web', '10.96.100.100'));
  api.create('services', service('empty', '10.96.100.101'));
  cluster.advance(20_000);
  const sync = () => proxies.forEach((p) => p.sync());
  sync();
  const session = new Session({}, cluster);
  return { session, cluster, sync, sh: (line) => session.run(line).output };
}
