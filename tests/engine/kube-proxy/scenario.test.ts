import { describe, expect, test } from 'vitest';
import { Cluster } from '../../../src/engine/cluster';
import type { IpvsProxier } from '../../../src/engine/kube-proxy/ipvs/proxier';
import type { FlowKey } from '../../../src/engine/kube-proxy/types';
import { clusterWithWeb, editProxyConfig, kubeProxyPod, logsOf, proxyOf, setEndpoints } from './cluster-helpers';

const toWeb = (i: number): FlowKey => ({ protocol: 'TCP', srcIP: '10.244.1.30', srcPort: 20000 + i, dstIP: '10.96.123.45', dstPort: 80 });
const endpointsOn = (c: Cluster, node: string) => proxyOf(c, node).programmed().find((p) => p.servicePort === 'default/web:http')?.endpoints ?? [];

describe('kube-proxy in a cluster', () => {
  test('a kube-proxy pod per node from the DaemonSet, each logging its startup', () => {
    const c = clusterWithWeb();
    for (const node of ['control-plane', 'node-1', 'node-2']) {
      const pod = kubeProxyPod(c, node);
      expect(pod.metadata?.name).toMatch(/^kube-proxy-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(pod.spec?.containers[0]?.image).toBe('registry.k8s.io/kube-proxy:v1.34.2');
      expect(pod.status?.phase).toBe('Running');
      expect(proxyOf(c, node).mode).toBe('iptables');
    }
    const log = logsOf(c, 'node-1');
    expect(log).toMatch(/^I0101 00:00:0\d\.\d{6} {7}1 server_linux\.go:53\] "Using iptables proxy"\n/);
    expect(log).toContain('server_linux.go:132] "Using iptables Proxier"\n');
    expect(log).toContain('shared_informer.go:356] "Caches are synced" controller="endpoint slice config"\n');
  });

  test('a removed endpoint leaves each node only when that node syncs', () => {
    const c = clusterWithWeb({ kubeProxy: { nodeDelayMs: { 'node-2': 3000 } } });
    expect(endpointsOn(c, 'node-1')).toEqual(['10.244.1.5:8080', '10.244.2.7:8080', '10.244.3.9:8080']);
    const t0 = c.now();
    setEndpoints(c, [{ ip: '10.244.1.5', node: 'node-1' }, { ip: '10.244.3.9', node: 'node-2' }]);
    c.advance(1000);
    expect(endpointsOn(c, 'node-1')).toEqual(['10.244.1.5:8080', '10.244.3.9:8080']);
    expect(endpointsOn(c, 'node-2')).toEqual(['10.244.1.5:8080', '10.244.2.7:8080', '10.244.3.9:8080']);
    // Meanwhile node-2's stale rules still send some connections to the removed pod.
    const picks = new Set(Array.from({ length: 60 }, (_, i) => proxyOf(c, 'node-2').route(toWeb(i), 'pod')).map((d) => (d.kind === 'dnat' ? d.ip : d.kind)));
    expect(picks.has('10.244.2.7')).toBe(true);
    c.advance(3000);
    expect(endpointsOn(c, 'node-2')).toEqual(['10.244.1.5:8080', '10.244.3.9:8080']);
    const removals = c.sim.trace.entries({ object: 'services/default/web', sinceMs: t0 }).filter((e) => e.detail.includes('removed 10.244.2.7:8080'));
    expect(removals.map((e) => e.component).sort()).toEqual(['kube-proxy/control-plane', 'kube-proxy/node-1', 'kube-proxy/node-2']);
    const at = (node: string) => removals.find((e) => e.component === `kube-proxy/${node}`)!.t - t0;
    expect(at('node-1')).toBeLessThan(1000);
    expect(at('node-2')).toBeGreaterThanOrEqual(3000);
    expect(new Set(removals.map((e) => e.t)).size).toBe(3);
  });

  test('changes within minSyncPeriod wait for the bounded-frequency runner', () => {
    const c = clusterWithWeb({ kubeProxy: { jitterMs: 0, burst: 1, minSyncPeriodMs: 2000 } });
    const t0 = c.now();
    setEndpoints(c, [{ ip: '10.244.1.5', node: 'node-1' }]);
    c.advance(100);
    setEndpoints(c, [{ ip: '10.244.1.5', node: 'node-1' }, { ip: '10.244.1.6', node: 'node-1' }]);
    c.advance(5000);
    const syncs = c.sim.trace.entries({ component: 'kube-proxy/node-1', sinceMs: t0 }).filter((e) => e.action === 'sync').map((e) => e.t - t0);
    expect(syncs.length).toBe(2);
    expect(syncs[1]! - syncs[0]!).toBe(2000);
  });

  test('switching the ConfigMap to ipvs and restarting kube-proxy rewrites that node\'s rules', () => {
    const c = clusterWithWeb();
    editProxyConfig(c, (conf) => conf.replace('mode: ""', 'mode: "ipvs"'));
    c.api.delete('pods', 'kube-system', kubeProxyPod(c, 'node-1').metadata!.name!);
    c.advance(60_000);
    const p = proxyOf(c, 'node-1');
    expect(p.mode).toBe('ipvs');
    expect(proxyOf(c, 'node-2').mode).toBe('iptables');
    expect(logsOf(c, 'node-1')).toContain('"Using ipvs Proxier"');
    const picks = Array.from({ length: 6 }, (_, i) => p.route(toWeb(i), 'pod')).map((d) => (d.kind === 'dnat' ? d.ip : d.kind));
    expect(picks).toEqual(['10.244.1.5', '10.244.2.7', '10.244.3.9', '10.244.1.5', '10.244.2.7', '10.244.3.9']);
  });

  test('a restored snapshot continues exactly like the original', () => {
    const a = clusterWithWeb();
    const b = Cluster.restore(a.snapshot());
    for (const c of [a, b]) {
      setEndpoints(c, [{ ip: '10.244.1.5', node: 'node-1' }]);
      c.advance(3000);
    }
    expect(b.stateHash()).toBe(a.stateHash());
    const route = (c: Cluster) => Array.from({ length: 5 }, (_, i) => JSON.stringify(proxyOf(c, 'node-1').route(toWeb(i), 'pod'))).join();
    expect(route(b)).toBe(route(a));
  });
});

describe('kube-proxy modes by Kubernetes version', () => {
  test('userspace on 1.34 is refused by config validation and the pod crash-loops', () => {
    const c = Cluster.create({ seed: 2, kubeProxy: { mode: 'userspace' } });
    c.advance(30_000);
    expect(logsOf(c, 'node-1', true)).toMatch(
      /^E0101 \d\d:\d\d:\d\d\.\d{6} {7}1 run\.go:72\] "command failed" err="failed validate: KubeProxyConfiguration\.Mode\.ProxyMode: Invalid value: \\"userspace\\": must be iptables, ipvs, nftables or blank \(blank means the best-available proxy \[currently iptables\]\)"\n$/,
    );
    expect(proxyOf(c, 'node-1').programmed()).toEqual([]);
    expect(kubeProxyPod(c, 'node-1').status?.containerStatuses?.[0]?.restartCount).toBeGreaterThan(0);
  });

  test('userspace on 1.25 proxies through a local port, round robin', () => {
    const c = clusterWithWeb({ kubernetesVersion: '1.25.16', kubeProxy: { mode: 'userspace' } });
    const p = proxyOf(c, 'node-1');
    expect(p.mode).toBe('userspace');
    expect(logsOf(c, 'node-1')).toContain('server_linux.go:132] "Using userspace Proxier"');
    const picks = Array.from({ length: 4 }, (_, i) => p.route(toWeb(i), 'pod'));
    expect(picks.map((d) => (d.kind === 'dnat' ? d.ip : d.kind))).toEqual(['10.244.1.5', '10.244.2.7', '10.244.3.9', '10.244.1.5']);
    expect(picks[0]!.kind === 'dnat' && picks[0]!.path[1]).toBe('KUBE-PORTALS-CONTAINER');
  });

  test('ipvs without the kernel modules: 1.34 exits, 1.25 falls back to iptables with the old log line', () => {
    const modern = Cluster.create({ seed: 3, kubeProxy: { mode: 'ipvs', ipvsModulesAvailable: { 'node-1': false } } });
    modern.advance(30_000);
    expect(logsOf(modern, 'node-1', true)).toContain(`run.go:72] "command failed" err="can't use the IPVS proxier: Ipvs not supported"`);
    expect(proxyOf(modern, 'node-2').mode).toBe('ipvs');
    const old = Cluster.create({ seed: 3, kubernetesVersion: '1.25.16', kubeProxy: { mode: 'ipvs', ipvsModulesAvailable: false } });
    old.advance(30_000);
    expect(proxyOf(old, 'node-1').mode).toBe('iptables');
    expect(logsOf(old, 'node-1')).toMatch(
      /^E0101 [\d:.]+ {7}1 server_others\.go:305\] can't determine whether to use ipvs proxy, error: IPVS proxier will not be used because the following required kernel modules are not loaded: \[ip_vs ip_vs_rr ip_vs_wrr ip_vs_sh nf_conntrack\]\n/,
    );
  });

  test('nftables mode is accepted from 1.31 and refused before', () => {
    const c = Cluster.create({ seed: 4, kubeProxy: { mode: 'nftables' } });
    c.advance(30_000);
    expect(proxyOf(c, 'node-1').mode).toBe('nftables');
    const old = Cluster.create({ seed: 4, kubernetesVersion: '1.30.14', kubeProxy: { mode: 'nftables' } });
    old.advance(30_000);
    expect(logsOf(old, 'node-1', true)).toContain('Invalid value: \\"nftables\\": must be iptables, ipvs or blank');
  });
});

describe('kube-proxy config validation', () => {
  test('since 1.27 a scheduler the kernel lacks fails the dummy virtual server; before, validation refused it', () => {
    const c = Cluster.create({ seed: 5, kubeProxy: { mode: 'ipvs', ipvsScheduler: 'fastest' } });
    c.advance(30_000);
    const logs = logsOf(c, 'node-1', true);
    expect(logs).toContain('"Could not create dummy VS" err="no such file or directory" scheduler="fastest"');
    expect(logs).toContain('"command failed" err="can\'t use the IPVS proxier: no such file or directory"');
    expect(logs).not.toContain('must be in [');
    const old = Cluster.create({ seed: 5, kubernetesVersion: '1.26.15', kubeProxy: { mode: 'ipvs', ipvsScheduler: 'fastest' } });
    old.advance(30_000);
    expect(logsOf(old, 'node-1', true)).toContain(
      'err="failed validate: KubeProxyConfiguration.IPVS.Scheduler: Invalid value: \\"fastest\\": must be in [rr wrr lc wlc lblc lblcr sh dh sed nq ], blank means the default algorithm method (currently rr)"',
    );
  });

  test('the lc scheduler from the ConfigMap reaches the virtual servers', () => {
    const c = clusterWithWeb({ kubeProxy: { mode: 'ipvs', ipvsScheduler: 'lc' } });
    const proxier = proxyOf(c, 'node-1').proxier as IpvsProxier;
    expect(proxier.state.services['TCP:10.96.123.45:80']?.scheduler).toBe('lc');
    expect(proxyOf(c, 'node-1').route(toWeb(1), 'pod').kind).toBe('dnat');
  });
});

describe('endpoint conditions', () => {
  test('a not-ready endpoint gets no traffic until it is ready; terminating ones only when nothing else serves', () => {
    const c = clusterWithWeb();
    setEndpoints(c, [{ ip: '10.244.1.5', node: 'node-1' }, { ip: '10.244.2.7', node: 'node-2', ready: false, serving: false }]);
    c.advance(2000);
    expect(endpointsOn(c, 'node-1')).toEqual(['10.244.1.5:8080']);
    const t0 = c.now();
    setEndpoints(c, [{ ip: '10.244.1.5', node: 'node-1' }, { ip: '10.244.2.7', node: 'node-2' }]);
    c.advance(2000);
    expect(c.sim.trace.entries({ object: 'services/default/web', sinceMs: t0, component: 'kube-proxy/node-1' }).map((e) => e.detail)).toEqual(['iptables rules for default/web: added 10.244.2.7:8080']);
    setEndpoints(c, [{ ip: '10.244.1.5', node: 'node-1', ready: false, serving: true, terminating: true }, { ip: '10.244.2.7', node: 'node-2', ready: false, serving: false, terminating: true }]);
    c.advance(2000);
    expect(endpointsOn(c, 'node-1')).toEqual(['10.244.1.5:8080']);
  });
});
