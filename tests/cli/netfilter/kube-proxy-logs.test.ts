import { describe, expect, test } from 'vitest';
import { createKubectl } from '../../../src/cli/kubectl/index';
import { MemoryFs } from '../../../src/cli/shell/memory-fs';
import type { Cluster } from '../../../src/engine/cluster';
import { clusterWithWeb, kubeProxyPod, setEndpoints } from '../../engine/kube-proxy/cluster-helpers';

function kubectl(c: Cluster, line: string) {
  const host = { name: 'workstation', fs: new MemoryFs(), now: () => c.now(), advance: (ms: number) => c.advance(ms) };
  return createKubectl(c)({ argv: line.split(' '), stdin: '', env: {}, host });
}

describe('kubectl -n kube-system logs kube-proxy-xxxxx', () => {
  test('shows the startup lines the kube-proxy process printed', () => {
    const c = clusterWithWeb();
    const pod = kubeProxyPod(c, 'node-2').metadata!.name!;
    const out = kubectl(c, `-n kube-system logs ${pod}`).stdout.split('\n');
    expect(out[0]).toMatch(/^I0101 00:00:0\d\.\d{6} {7}1 server_linux\.go:53\] "Using iptables proxy"$/);
    expect(out).toContain(out.find((l) => l.endsWith('server.go:527] "Version info" version="v1.34.2"')));
    expect(out.filter((l) => l.includes('"Caches are synced"'))).toHaveLength(3);
  });

  test('with logging.verbosity 3 every sync is logged, with the runner line', () => {
    const c = clusterWithWeb({ kubeProxy: { verbosity: 3 } });
    setEndpoints(c, [{ ip: '10.244.1.5', node: 'node-1' }]);
    c.advance(2000);
    const out = kubectl(c, `-n kube-system logs ${kubeProxyPod(c, 'node-1').metadata!.name!} --tail=4`).stdout;
    expect(out).toMatch(/proxier\.go:805\] "Syncing iptables rules" ipFamily="IPv4"\n/);
    expect(out).toMatch(/proxier\.go:1494\] "Reloading service iptables data" ipFamily="IPv4" numServices=5 numEndpoints=8\n/);
    expect(out).toMatch(/^I0101 00:00:10\.\d{3}111 {7}1 bounded_frequency_runner\.go:296\] sync-runner: ran, next possible in 1s, periodic in 1h0m0s\n$/m);
  });
});
