import { describe, expect, it } from 'vitest';
import { podResolvConf } from '../../../src/engine/dns/resolv-conf';
import { answerCluster, type DnsView } from '../../../src/engine/dns/records';

describe("the kubelet's resolv.conf per dnsPolicy", () => {
  it('ClusterFirst: the cluster DNS, the namespace search path, ndots:5', () => {
    expect(podResolvConf('shop', { containers: [] })).toBe('search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  });
  it("Default and hostNetwork ClusterFirst: the node's resolver", () => {
    expect(podResolvConf('kube-system', { containers: [], dnsPolicy: 'Default' })).toBe('nameserver 172.18.0.1\noptions ndots:0\n');
    expect(podResolvConf('default', { containers: [], hostNetwork: true })).toBe('nameserver 172.18.0.1\noptions ndots:0\n');
  });
  it('None with dnsConfig, and dnsConfig merged over ClusterFirst', () => {
    expect(podResolvConf('default', { containers: [], dnsPolicy: 'None', dnsConfig: { nameservers: ['1.1.1.1'], searches: ['corp.example'], options: [{ name: 'ndots', value: '2' }] } })).toBe('search corp.example\nnameserver 1.1.1.1\noptions ndots:2\n');
    expect(podResolvConf('default', { containers: [], dnsConfig: { options: [{ name: 'ndots', value: '1' }, { name: 'edns0' }] } })).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:1 edns0\n');
  });
});

describe('CoreDNS answers (handler_test.go shapes, ttl 30)', () => {
  const view: DnsView = {
    services: [
      { metadata: { name: 'svc1', namespace: 'testns' }, spec: { clusterIP: '10.0.0.1', ports: [{ name: 'http', port: 80, protocol: 'TCP' }] } },
      { metadata: { name: 'hdls1', namespace: 'testns' }, spec: { clusterIP: 'None', ports: [{ name: 'http', port: 80, protocol: 'TCP' }] } },
      { metadata: { name: 'external', namespace: 'testns' }, spec: { type: 'ExternalName', externalName: 'ext.interwebs.test' } },
    ],
    slices: [
      {
        metadata: { name: 'hdls1-x', namespace: 'testns', labels: { 'kubernetes.io/service-name': 'hdls1' } },
        addressType: 'IPv4',
        endpoints: [{ addresses: ['172.0.0.2'], conditions: { ready: true } }, { addresses: ['172.0.0.3'], conditions: { ready: false } }],
        ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
      },
    ],
    namespaces: new Set(['testns']),
    serial: 1499347823,
    clusterCIDR: '172.0.0.0/16',
  };
  it('A, SRV with the A in additional, headless per ready endpoint, CNAME, NXDOMAIN with SOA', () => {
    expect(answerCluster(view, 'svc1.testns.svc.cluster.local.', 'A').answer).toEqual([{ name: 'svc1.testns.svc.cluster.local.', ttl: 30, type: 'A', data: '10.0.0.1' }]);
    const srv = answerCluster(view, '_http._tcp.svc1.testns.svc.cluster.local.', 'SRV');
    expect(srv.answer.map((r) => r.data)).toEqual(['0 100 80 svc1.testns.svc.cluster.local.']);
    expect(srv.additional.map((r) => `${r.name} ${r.type} ${r.data}`)).toEqual(['svc1.testns.svc.cluster.local. A 10.0.0.1']);
    expect(answerCluster(view, 'hdls1.testns.svc.cluster.local.', 'A').answer.map((r) => r.data)).toEqual(['172.0.0.2']);
    expect(answerCluster(view, '_http._tcp.hdls1.testns.svc.cluster.local.', 'SRV').answer.map((r) => r.data)).toEqual(['0 100 80 172-0-0-2.hdls1.testns.svc.cluster.local.']);
    expect(answerCluster(view, 'external.testns.svc.cluster.local.', 'A').answer.map((r) => `${r.type} ${r.data}`)).toEqual(['CNAME ext.interwebs.test.']);
    const nx = answerCluster(view, 'nope.testns.svc.cluster.local.', 'A');
    expect(nx.rcode).toBe('NXDOMAIN');
    expect(nx.authority[0]!.data).toBe('ns.dns.cluster.local. hostmaster.cluster.local. 1499347823 7200 1800 86400 30');
    expect(answerCluster(view, 'svc1.otherns.svc.cluster.local.', 'A').rcode).toBe('NXDOMAIN');
    expect(answerCluster(view, '172-0-0-9.testns.pod.cluster.local.', 'A').answer.map((r) => r.data)).toEqual(['172.0.0.9']);
    expect(answerCluster(view, '1.0.0.10.in-addr.arpa.', 'PTR').answer.map((r) => r.data)).toEqual(['svc1.testns.svc.cluster.local.']);
  });
});
