import { describe, expect, test } from 'vitest';
import { computeProbability, iptablesChain, iptablesEndpointChain, nftEndpointBase, nftServiceBase, savedProbability } from '../../../src/engine/kube-proxy/names';

describe('iptables chain names (golden vectors from real clusters and upstream tests)', () => {
  test.each([
    ['ns1/svc1:p80', 'tcp', 'KUBE-SVC-XPGD46QRK7WJZT7O'],
    ['kube-system/kube-dns:dns', 'udp', 'KUBE-SVC-TCOU7JCQXEZGVUNU'],
    ['default/kubernetes:https', 'tcp', 'KUBE-SVC-NPX46M4PTMTKRN6Y'],
    ['default/shop', 'tcp', 'KUBE-SVC-PFINMTQ5Y2TT4XZK'],
    ['default/hostnames:', 'tcp', 'KUBE-SVC-NWV5X2332I4OT4T3'],
    ['default/web:http', 'tcp', 'KUBE-SVC-CDGGSHYLG3RE2FKL'],
  ])('%s %s -> %s', (name, proto, chain) => {
    expect(iptablesChain('KUBE-SVC-', name, proto)).toBe(chain);
  });

  test.each([
    ['ns1/svc1:p80', '10.180.0.1:80', 'KUBE-SEP-SXIVWICOYRO3J4NJ'],
    ['default/shop', '10.244.1.3:8080', 'KUBE-SEP-3WAOER3DW6LNFEFV'],
    ['default/web:http', '10.244.1.5:8080', 'KUBE-SEP-AFGSLHOD2HFNCBX4'],
    ['default/web:http', '10.244.2.7:8080', 'KUBE-SEP-2RIJ5GIYXEFH6G4D'],
    ['default/web:http', '10.244.3.9:8080', 'KUBE-SEP-RBX5X5TOEG5GD3RO'],
  ])('%s %s -> %s', (name, ep, chain) => {
    expect(iptablesEndpointChain(name, 'tcp', ep)).toBe(chain);
  });

  test('EXT, SVL and FW chains share the SVC hash', () => {
    expect(iptablesChain('KUBE-EXT-', 'default/web:http', 'tcp')).toBe('KUBE-EXT-CDGGSHYLG3RE2FKL');
    expect(iptablesChain('KUBE-FW-', 'default/web:http', 'tcp')).toBe('KUBE-FW-CDGGSHYLG3RE2FKL');
  });
});

describe('nftables chain names (upstream comments: servicePortChainNameBase, servicePortEndpointChainNameBase)', () => {
  test('hash, then namespace/name/protocol/port', () => {
    expect(nftServiceBase('ns1', 'svc1', 'tcp', 'p80')).toBe('ULMVA6XW-ns1/svc1/tcp/p80');
    expect(nftEndpointBase('ns1', 'svc1', 'tcp', 'p80', '10.180.0.1:80')).toBe('5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80');
  });
});

describe('probabilities: kube-proxy writes %0.10f, iptables-save prints the kernel u32 as %.11f', () => {
  test.each([
    [3, '0.3333333333', '0.33333333349'],
    [2, '0.5000000000', '0.50000000000'],
    [4, '0.2500000000', '0.25000000000'],
    [5, '0.2000000000', '0.20000000019'],
  ])('1/%i', (n, written, saved) => {
    expect(computeProbability(n)).toBe(written);
    expect(savedProbability(written)).toBe(saved);
  });

  test("the old %0.5f form reads back as 0.33332999982", () => {
    expect(savedProbability('0.33333')).toBe('0.33332999982');
  });
});
