import { describe, expect, test } from 'vitest';
import { NftablesProxier } from '../../../src/engine/kube-proxy/nftables/proxier';
import { Rng } from '../../../src/engine/sim/rng';
import { slice, syncInput, webService } from './helpers';

/** web: NodePort and ClientIP affinity, 2 endpoints; db: none; three more with one endpoint each. */
function proxier(): NftablesProxier {
  const svcs = [
    webService({ sessionAffinity: 'ClientIP', type: 'NodePort', ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080, nodePort: 30080 }] }),
    webService({}, 'db', '10.96.5.5'),
    webService({}, 'api', '10.96.0.10'),
    webService({}, 'kubernetes', '10.96.0.1'),
    webService({}, 'big', '10.100.0.1'),
  ];
  const n = new NftablesProxier();
  n.sync(syncInput(svcs, [slice('web', [{ ip: '10.244.1.5' }, { ip: '10.244.2.7' }]), slice('api', [{ ip: '10.244.1.6' }]), slice('kubernetes', [{ ip: '10.244.1.7' }]), slice('big', [{ ip: '10.244.1.8' }])]));
  return n;
}

describe('nftables proxier', () => {
  test('nft list table ip kube-proxy (golden: nft 1.0.6 loads it and lists it back the same, up to hash order)', () => {
    expect(proxier().list(0)).toBe(`table ip kube-proxy {
	comment "rules for kube-proxy"
	set cluster-ips {
		type ipv4_addr
		comment "Active ClusterIPs"
		elements = { 10.96.0.1, 10.96.0.10,
			     10.96.5.5, 10.96.123.45,
			     10.100.0.1 }
	}

	map no-endpoint-services {
		type ipv4_addr . inet_proto . inet_service : verdict
		comment "vmap to drop or reject packets to services with no endpoints"
		elements = { 10.96.5.5 . tcp . 80 comment "default/db:http" : goto reject-chain }
	}

	map no-endpoint-nodeports {
		type inet_proto . inet_service : verdict
		comment "vmap to drop or reject packets to service nodeports with no endpoints"
	}

	map firewall-ips {
		type ipv4_addr . inet_proto . inet_service : verdict
		comment "destinations that are subject to LoadBalancerSourceRanges"
	}

	map service-ips {
		type ipv4_addr . inet_proto . inet_service : verdict
		comment "ClusterIP, ExternalIP and LoadBalancer IP traffic"
		elements = { 10.96.0.1 . tcp . 80 : goto service-MF3TDZ7F-default/kubernetes/tcp/http,
			     10.96.0.10 . tcp . 80 : goto service-FKIP43JP-default/api/tcp/http,
			     10.96.123.45 . tcp . 80 : goto service-SUSTUHLJ-default/web/tcp/http,
			     10.100.0.1 . tcp . 80 : goto service-AOKYFKGZ-default/big/tcp/http }
	}

	map service-nodeports {
		type inet_proto . inet_service : verdict
		comment "NodePort traffic"
		elements = { tcp . 30080 : goto external-SUSTUHLJ-default/web/tcp/http }
	}

	set affinity-HGNPOIJ5-default/web/tcp/http__10.244.1.5/8080 {
		type ipv4_addr
		size 65535
		flags dynamic,timeout
		timeout 3h
	}

	set affinity-BZGFZVVG-default/web/tcp/http__10.244.2.7/8080 {
		type ipv4_addr
		size 65535
		flags dynamic,timeout
		timeout 3h
	}

	chain filter-prerouting {
		type filter hook prerouting priority dstnat - 10; policy accept;
		ct state new jump firewall-check
	}

	chain filter-input {
		type filter hook input priority -110; policy accept;
		ct state new jump nodeport-endpoints-check
		ct state new jump service-endpoints-check
	}

	chain filter-forward {
		type filter hook forward priority -110; policy accept;
		ct state new jump service-endpoints-check
		ct state new jump cluster-ips-check
	}

	chain filter-output {
		type filter hook output priority -110; policy accept;
		ct state new jump service-endpoints-check
		ct state new jump firewall-check
	}

	chain filter-output-post-dnat {
		type filter hook output priority -90; policy accept;
		ct state new jump cluster-ips-check
	}

	chain nat-prerouting {
		type nat hook prerouting priority dstnat; policy accept;
		jump services
	}

	chain nat-output {
		type nat hook output priority -100; policy accept;
		jump services
	}

	chain nat-postrouting {
		type nat hook postrouting priority srcnat; policy accept;
		jump masquerading
	}

	chain nodeport-endpoints-check {
		ip daddr != 127.0.0.0/8 meta l4proto . th dport vmap @no-endpoint-nodeports
	}

	chain service-endpoints-check {
		ip daddr . meta l4proto . th dport vmap @no-endpoint-services
	}

	chain firewall-check {
		ip daddr . meta l4proto . th dport vmap @firewall-ips
	}

	chain services {
		ip daddr . meta l4proto . th dport vmap @service-ips
		fib daddr type local ip daddr != 127.0.0.0/8 meta l4proto . th dport vmap @service-nodeports
	}

	chain masquerading {
		meta mark & 0x00004000 == 0x00000000 return
		meta mark set meta mark ^ 0x00004000
		masquerade fully-random
	}

	chain cluster-ips-check {
		ip daddr @cluster-ips reject comment "Reject traffic to invalid ports of ClusterIPs"
		ip daddr 10.96.0.0/12 drop comment "Drop traffic to unallocated ClusterIPs"
	}

	chain mark-for-masquerade {
		meta mark set meta mark | 0x00004000
	}

	chain reject-chain {
		comment "helper for @no-endpoint-services / @no-endpoint-nodeports"
		reject
	}

	chain endpoint-RKXKS4OT-default/api/tcp/http__10.244.1.6/8080 {
		ip saddr 10.244.1.6 jump mark-for-masquerade
		meta l4proto tcp dnat to 10.244.1.6:8080
	}

	chain service-FKIP43JP-default/api/tcp/http {
		ip daddr 10.96.0.10 tcp dport 80 ip saddr != 10.244.0.0/16 jump mark-for-masquerade
		numgen random mod 1 vmap { 0 : goto endpoint-RKXKS4OT-default/api/tcp/http__10.244.1.6/8080 }
	}

	chain endpoint-JY3WRQNH-default/big/tcp/http__10.244.1.8/8080 {
		ip saddr 10.244.1.8 jump mark-for-masquerade
		meta l4proto tcp dnat to 10.244.1.8:8080
	}

	chain service-AOKYFKGZ-default/big/tcp/http {
		ip daddr 10.100.0.1 tcp dport 80 ip saddr != 10.244.0.0/16 jump mark-for-masquerade
		numgen random mod 1 vmap { 0 : goto endpoint-JY3WRQNH-default/big/tcp/http__10.244.1.8/8080 }
	}

	chain endpoint-RYTPSE5R-default/kubernetes/tcp/http__10.244.1.7/8080 {
		ip saddr 10.244.1.7 jump mark-for-masquerade
		meta l4proto tcp dnat to 10.244.1.7:8080
	}

	chain service-MF3TDZ7F-default/kubernetes/tcp/http {
		ip daddr 10.96.0.1 tcp dport 80 ip saddr != 10.244.0.0/16 jump mark-for-masquerade
		numgen random mod 1 vmap { 0 : goto endpoint-RYTPSE5R-default/kubernetes/tcp/http__10.244.1.7/8080 }
	}

	chain endpoint-HGNPOIJ5-default/web/tcp/http__10.244.1.5/8080 {
		ip saddr 10.244.1.5 jump mark-for-masquerade
		update @affinity-HGNPOIJ5-default/web/tcp/http__10.244.1.5/8080 { ip saddr }
		meta l4proto tcp dnat to 10.244.1.5:8080
	}

	chain endpoint-BZGFZVVG-default/web/tcp/http__10.244.2.7/8080 {
		ip saddr 10.244.2.7 jump mark-for-masquerade
		update @affinity-BZGFZVVG-default/web/tcp/http__10.244.2.7/8080 { ip saddr }
		meta l4proto tcp dnat to 10.244.2.7:8080
	}

	chain service-SUSTUHLJ-default/web/tcp/http {
		ip daddr 10.96.123.45 tcp dport 80 ip saddr != 10.244.0.0/16 jump mark-for-masquerade
		ip saddr @affinity-HGNPOIJ5-default/web/tcp/http__10.244.1.5/8080 goto endpoint-HGNPOIJ5-default/web/tcp/http__10.244.1.5/8080
		ip saddr @affinity-BZGFZVVG-default/web/tcp/http__10.244.2.7/8080 goto endpoint-BZGFZVVG-default/web/tcp/http__10.244.2.7/8080
		numgen random mod 2 vmap { 0 : goto endpoint-HGNPOIJ5-default/web/tcp/http__10.244.1.5/8080, 1 : goto endpoint-BZGFZVVG-default/web/tcp/http__10.244.2.7/8080 }
	}

	chain external-SUSTUHLJ-default/web/tcp/http {
		jump mark-for-masquerade
		goto service-SUSTUHLJ-default/web/tcp/http
	}
}
`);
  });

  test('route: one map lookup, numgen picks the endpoint, affinity sets pin the client', () => {
    const n = proxier();
    const rng = new Rng(9);
    const flow = (src: string, port: number) => ({ protocol: 'TCP' as const, srcIP: src, srcPort: port, dstIP: '10.96.123.45', dstPort: 80 });
    const first = n.route(flow('10.244.3.3', 1), 'pod', { rng, nowMs: 0 });
    expect(first).toMatchObject({ kind: 'dnat', evaluated: 9, masquerade: false });
    for (let i = 0; i < 10; i++) expect(n.route(flow('10.244.3.3', 2 + i), 'pod', { rng, nowMs: 1000 })).toMatchObject({ kind: 'dnat', ip: first.kind === 'dnat' ? first.ip : '' });
    expect(n.list(61_000)).toMatch(/elements = \{ 10\.244\.3\.3 expires 2h59m \}/);
  });

  test('no endpoints: rejected through no-endpoint-services; an unknown port of a ClusterIP is rejected too', () => {
    const n = proxier();
    const env = { rng: new Rng(1), nowMs: 0 };
    expect(n.route({ protocol: 'TCP', srcIP: '10.244.3.3', srcPort: 1, dstIP: '10.96.5.5', dstPort: 80 }, 'pod', env)).toMatchObject({ kind: 'reject', reason: 'default/db:http has no endpoints' });
    expect(n.route({ protocol: 'TCP', srcIP: '10.244.3.3', srcPort: 1, dstIP: '10.96.123.45', dstPort: 81 }, 'pod', env)).toMatchObject({ kind: 'reject', reason: 'Reject traffic to invalid ports of ClusterIPs' });
  });
});

describe('nftables proxier: Local traffic policies (output checked with nft 1.0.6)', () => {
  function localProxier(): NftablesProxier {
    const svcs = [
      webService({ type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080, nodePort: 30080 }] }),
      webService({ internalTrafficPolicy: 'Local' }, 'db', '10.96.5.5'),
    ];
    const n = new NftablesProxier();
    n.sync(syncInput(svcs, [slice('web', [{ ip: '10.244.1.5', node: 'node-1' }, { ip: '10.244.2.7', node: 'node-2' }]), slice('db', [{ ip: '10.244.2.9', node: 'node-2' }])]));
    return n;
  }

  test('the external chain short-circuits pod and node traffic, the rest goes to the local- chain', () => {
    expect(localProxier().list(0)).toContain(
      '\tchain external-SUSTUHLJ-default/web/tcp/http {\n' +
        '\t\tip saddr 10.244.0.0/16 goto service-SUSTUHLJ-default/web/tcp/http comment "short-circuit pod traffic"\n' +
        '\t\tfib saddr type local jump mark-for-masquerade comment "masquerade local traffic"\n' +
        '\t\tfib saddr type local goto service-SUSTUHLJ-default/web/tcp/http comment "short-circuit local traffic"\n' +
        '\t\tgoto local-SUSTUHLJ-default/web/tcp/http\n' +
        '\t}\n',
    );
  });

  test('outside clients reach only this node\'s endpoint, unmasqueraded; pods use every endpoint', () => {
    const n = localProxier();
    const rng = new Rng(4);
    const nodePort = (src: string, i: number) => n.route({ protocol: 'TCP', srcIP: src, srcPort: i, dstIP: '172.18.0.3', dstPort: 30080 }, 'external', { rng, nowMs: 0 });
    for (let i = 0; i < 10; i++) expect(nodePort('203.0.113.9', i)).toMatchObject({ kind: 'dnat', ip: '10.244.1.5', masquerade: false });
    const fromPods = new Set(Array.from({ length: 30 }, (_, i) => nodePort('10.244.3.3', i)).map((d) => (d.kind === 'dnat' ? d.ip : d.kind)));
    expect([...fromPods].sort()).toEqual(['10.244.1.5', '10.244.2.7']);
  });

  test('internalTrafficPolicy Local without a local endpoint: the ClusterIP is dropped', () => {
    const n = localProxier();
    expect(n.list(0)).toContain('elements = { 10.96.5.5 . tcp . 80 comment "default/db:http" : drop }');
    expect(n.route({ protocol: 'TCP', srcIP: '10.244.1.20', srcPort: 1, dstIP: '10.96.5.5', dstPort: 80 }, 'pod', { rng: new Rng(1), nowMs: 0 })).toMatchObject({
      kind: 'reject',
      dropped: true,
      reason: 'default/db:http has no local endpoints',
    });
  });
});
