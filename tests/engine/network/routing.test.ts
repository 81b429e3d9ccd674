import { describe, expect, it } from 'vitest';
import { netCluster, webPod, webService } from './cluster';

function threePods() {
  const env = netCluster();
  const { cluster } = env;
  cluster.api.create('pods', webPod('web-a', 'node-1'));
  cluster.api.create('pods', webPod('web-b', 'node-2'));
  cluster.api.create('pods', webPod('web-c', 'node-2'));
  cluster.api.create('services', webService());
  cluster.advance(10_000);
  env.syncAll();
  return env;
}

describe('the simulated network', () => {
  it('spreads connections to a ClusterIP across all three pods behind it', () => {
    const { net } = threePods();
    const client = { kind: 'node' as const, node: 'node-1' };
    for (let i = 0; i < 30; i++) net.request(client, 'http://10.96.100.100/', { record: true });
    const records = net.records();
    expect(records).toHaveLength(30);
    expect(records.every((r) => r.status === 200 && r.node === 'node-1')).toBe(true);
    const perPod = new Map<string, number>();
    for (const r of records) perPod.set(r.pod!, (perPod.get(r.pod!) ?? 0) + 1);
    expect([...perPod.keys()].sort()).toEqual(['default/web-a', 'default/web-b', 'default/web-c']);
    expect([...perPod.values()]).toEqual([10, 10, 10]);
  });

  it('keeps sending to a deleted pod until the node rules are synced again', () => {
    const env = threePods();
    const { cluster, net } = env;
    const client = { kind: 'node' as const, node: 'node-1' };
    cluster.api.delete('pods', 'default', 'web-a');
    cluster.advance(5_000);
    const stale = Array.from({ length: 6 }, () => net.request(client, 'http://10.96.100.100/', { record: true }));
    const failed = stale.filter((o) => o.error);
    expect(failed).toHaveLength(2);
    expect(failed.every((o) => o.error === 'timeout' && o.conn?.endpoint === '10.244.1.2:80')).toBe(true);
    env.proxies[1]!.sync();
    const fresh = Array.from({ length: 6 }, () => net.request(client, 'http://10.96.100.100/', { record: true }));
    expect(fresh.every((o) => o.reply?.status === 200)).toBe(true);
  });

  it('refuses a Service without endpoints and never answers a ClusterIP no rule knows', () => {
    const env = netCluster();
    const { cluster, net } = env;
    cluster.api.create('services', webService('10.96.100.101'));
    env.syncAll();
    const client = { kind: 'node' as const, node: 'node-1' };
    expect(net.request(client, 'http://10.96.100.101/').error).toBe('connection-refused');
    expect(net.request(client, 'http://10.96.100.102/').error).toBe('timeout');
  });

  it('keeps the traffic log and conntrack in snapshots', () => {
    const { cluster, net } = threePods();
    net.request({ kind: 'node', node: 'node-1' }, 'http://10.96.100.100/', { record: true });
    const snap = cluster.snapshot() as unknown as { components: Record<string, { extra: { records: unknown[]; conntrack: unknown[] } }> };
    expect(snap.components.network!.extra.records).toHaveLength(1);
    expect(snap.components.network!.extra.conntrack).toHaveLength(1);
  });
});
