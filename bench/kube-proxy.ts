/**
 * kube-proxy figures for the scale lesson: real wall time of one full sync of N Services
 * (3 endpoints each) per proxy mode, and of routing first packets through the result.
 * The integrator merges the returned figures into bench/run.ts.
 */
import { newProxier } from '../src/engine/kube-proxy/proxiers';
import { serviceKey, type SyncInput } from '../src/engine/kube-proxy/proxier';
import type { EndpointInfo, ServicePortInfo } from '../src/engine/kube-proxy/service-info';
import type { ProxyMode } from '../src/engine/kube-proxy/types';
import { Rng } from '../src/engine/sim/rng';
import { measureWall } from './support';

const MODES: ProxyMode[] = ['iptables', 'ipvs', 'nftables', 'userspace'];
const ENDPOINTS = 3;

const ip = (base: number, i: number) => `${base >>> 24}.${(base >>> 16) & 255}.${(i >>> 8) & 255}.${i & 255}`;

/** N ClusterIP Services with 3 ready endpoints each, as the proxier receives them. */
function input(services: number): SyncInput {
  const s: SyncInput = { services: {}, endpoints: {}, nodeName: 'node-1', nodeIP: '172.18.0.3', clusterCIDR: '10.244.0.0/16', serviceCIDR: '10.96.0.0/12', nowMs: 0 };
  for (let i = 0; i < services; i++) {
    const svc: ServicePortInfo = {
      name: `default/svc-${i}:http`, namespace: 'default', service: `svc-${i}`, portName: 'http', protocol: 'TCP',
      clusterIP: ip(0x0a600000, i + 10), port: 80, nodePort: 0, externalIPs: [], loadBalancerIPs: [], loadBalancerSourceRanges: [],
      stickySeconds: 0, externalPolicyLocal: false, internalPolicyLocal: false,
    };
    s.services[serviceKey(svc)] = svc;
    const eps: EndpointInfo[] = Array.from({ length: ENDPOINTS }, (_, e) => ({ ip: ip(0x0af40000 + (e << 16), i), port: 8080, ready: true, serving: true, terminating: false }));
    s.endpoints[serviceKey(svc)] = eps;
  }
  return s;
}

/** `kube-proxy <mode> full sync, N services` → ms, and first-packet route cost. */
export function benchKubeProxy(): Record<string, number> {
  const figures: Record<string, number> = {};
  for (const n of [1_000, 10_000]) {
    const data = input(n);
    for (const mode of MODES) {
      const proxier = newProxier(mode, { scheduler: 'rr' });
      const syncMs = measureWall(() => proxier.sync(data));
      figures[`kube-proxy ${mode} full sync, ${n} services (ms)`] = Math.round(syncMs * 10) / 10;
      const rng = new Rng(1);
      let evaluated = 0;
      const routes = 1000;
      const routeMs = measureWall(() => {
        for (let i = 0; i < routes; i++) {
          const d = proxier.route({ protocol: 'TCP', srcIP: '10.244.9.9', srcPort: 1024 + i, dstIP: ip(0x0a600000, ((i * 7919) % n) + 10), dstPort: 80 }, 'pod', { rng, nowMs: 0 });
          evaluated += d.evaluated;
        }
      });
      figures[`kube-proxy ${mode} first packet, ${n} services (µs)`] = Math.round((routeMs * 1000) / routes);
      figures[`kube-proxy ${mode} rules evaluated per first packet, ${n} services`] = Math.round(evaluated / routes);
    }
  }
  return figures;
}
