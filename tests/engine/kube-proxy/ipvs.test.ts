import { describe, expect, test } from 'vitest';
import { IpvsProxier } from '../../../src/engine/kube-proxy/ipvs/proxier';
import { schedule, SCHEDULERS } from '../../../src/engine/kube-proxy/ipvs/schedulers';
import { Rng } from '../../../src/engine/sim/rng';
import { slice, syncInput, webService } from './helpers';

function ipvs(scheduler: string, overrides: Parameters<typeof webService>[0] = {}): IpvsProxier {
  const p = new IpvsProxier(scheduler);
  p.sync(syncInput([webService(overrides)], [slice('web', [{ ip: '10.244.1.5' }, { ip: '10.244.2.7' }, { ip: '10.244.3.9' }])]));
  return p;
}

const route = (p: IpvsProxier, src: string, i: number, nowMs = 0) => {
  const d = p.route({ protocol: 'TCP', srcIP: src, srcPort: 10000 + i, dstIP: '10.96.123.45', dstPort: 80 }, 'pod', { rng: new Rng(i), nowMs });
  return d.kind === 'dnat' ? d.ip : d.kind;
};

describe('ipvs proxier', () => {
  test('rr is exactly round robin', () => {
    const p = ipvs('rr');
    expect(Array.from({ length: 7 }, (_, i) => route(p, '10.244.1.1', i))).toEqual(['10.244.1.5', '10.244.2.7', '10.244.3.9', '10.244.1.5', '10.244.2.7', '10.244.3.9', '10.244.1.5']);
  });

  test('a virtual server per ClusterIP port, a real server per endpoint, the VIP on kube-ipvs0', () => {
    const p = ipvs('rr');
    expect(Object.keys(p.state.services)).toEqual(['TCP:10.96.123.45:80']);
    expect(p.state.services['TCP:10.96.123.45:80']!.reals.map((r) => `${r.ip}:${r.port}`)).toEqual(['10.244.1.5:8080', '10.244.2.7:8080', '10.244.3.9:8080']);
    expect(p.state.addresses).toEqual(['10.96.123.45']);
    expect(p.state.ipsets['KUBE-CLUSTER-IP']!.members).toEqual(['10.96.123.45,tcp:80']);
  });

  test('ClientIP affinity is IPVS persistence: one client stays, others spread', () => {
    const p = ipvs('rr', { sessionAffinity: 'ClientIP' });
    expect(p.state.services['TCP:10.96.123.45:80']!.persistent).toBe(10800);
    const a = Array.from({ length: 5 }, (_, i) => route(p, '10.244.1.1', i, i * 1000));
    expect(new Set(a).size).toBe(1);
    expect(route(p, '10.244.1.2', 9, 6000)).not.toBe(a[0]);
  });

  test('sh hashes the source: the same client always lands on the same real server', () => {
    const p = ipvs('sh');
    const picks = Array.from({ length: 5 }, (_, i) => route(p, '10.244.7.7', i));
    expect(new Set(picks).size).toBe(1);
  });

  test('lc sends new connections to the least loaded real server', () => {
    const dests = [
      { addr: 'a', weight: 1, active: 2, inactive: 0 },
      { addr: 'b', weight: 1, active: 0, inactive: 5 },
      { addr: 'c', weight: 1, active: 1, inactive: 0 },
    ];
    expect(schedule('lc', dests, { last: 0, assigned: {} }, 's', 'd')?.addr).toBe('b');
    expect(schedule('nq', dests, { last: 0, assigned: {} }, 's', 'd')?.addr).toBe('b');
    expect(schedule('sed', dests, { last: 0, assigned: {} }, 's', 'd')?.addr).toBe('b');
  });

  test('every scheduler kube-proxy accepts picks some real server', () => {
    expect(SCHEDULERS).toEqual(['rr', 'wrr', 'lc', 'wlc', 'lblc', 'lblcr', 'sh', 'dh', 'sed', 'nq']);
    for (const name of SCHEDULERS) expect(route(ipvs(name), '10.244.1.1', 0)).toMatch(/^10\.244\./);
  });

  test('a virtual server without real servers answers with no destination', () => {
    const p = new IpvsProxier('rr');
    p.sync(syncInput([webService()], []));
    expect(p.route({ protocol: 'TCP', srcIP: '10.244.1.1', srcPort: 1, dstIP: '10.96.123.45', dstPort: 80 }, 'pod', { rng: new Rng(1), nowMs: 0 })).toMatchObject({
      kind: 'reject',
      reason: 'rr: TCP 10.96.123.45:80 - no destination available',
    });
  });
});
