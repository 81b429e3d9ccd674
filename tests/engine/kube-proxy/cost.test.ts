import { describe, expect, test } from 'vitest';
import { proxyCost } from '../../../src/engine/kube-proxy/cost';
import { newProxier } from '../../../src/engine/kube-proxy/proxiers';
import { Rng } from '../../../src/engine/sim/rng';
import type { ProxyMode } from '../../../src/engine/kube-proxy/types';
import { slice, syncInput, webService } from './helpers';

const N = 25;
const M = 3;

function synced(mode: ProxyMode) {
  const svcs = Array.from({ length: N }, (_, i) => webService({}, `s${String(i).padStart(3, '0')}`, `10.96.1.${i + 1}`));
  const slices = svcs.map((s, i) => slice(s.metadata!.name!, Array.from({ length: M }, (_, e) => ({ ip: `10.244.${e + 1}.${i + 1}` }))));
  const p = newProxier(mode, { scheduler: 'rr' });
  const result = p.sync(syncInput(svcs, slices));
  return { p, result };
}

describe('the cost model matches what the proxiers generate and walk', () => {
  test.each(['iptables', 'ipvs', 'nftables', 'userspace'] as const)('%s: rule count', (mode) => {
    expect(synced(mode).result.rules).toBe(proxyCost(mode, N, M).rules);
  });

  test.each(['iptables', 'ipvs', 'nftables', 'userspace'] as const)('%s: first-packet evaluations', (mode) => {
    const { p } = synced(mode);
    const cost = proxyCost(mode, N, M);
    const rng = new Rng(5);
    let total = 0;
    let worst = 0;
    const runs = 4000;
    for (let i = 0; i < runs; i++) {
      const svc = i % N;
      const d = p.route({ protocol: 'TCP', srcIP: '10.244.9.9', srcPort: 1024 + i, dstIP: `10.96.1.${svc + 1}`, dstPort: 80 }, 'pod', { rng, nowMs: 0 });
      expect(d.kind).toBe('dnat');
      total += d.evaluated;
      worst = Math.max(worst, d.evaluated);
    }
    expect(worst).toBe(cost.firstPacket.worst);
    expect(Math.abs(total / runs - cost.firstPacket.average)).toBeLessThan(0.1);
  });

  test('iptables grows with N, ipvs and nftables do not', () => {
    for (const mode of ['ipvs', 'nftables'] as const) expect(proxyCost(mode, 10_000, 3).firstPacket.worst).toBe(proxyCost(mode, 10, 3).firstPacket.worst);
    expect(proxyCost('iptables', 10_000, 3).firstPacket.average).toBeGreaterThan(100 * proxyCost('iptables', 10, 3).firstPacket.average);
  });
});
