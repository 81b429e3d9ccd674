import { describe, expect, test } from 'vitest';
import type { Event, Service } from 'kubernetes-types/core/v1';
import { clone } from '../../../src/engine/api/objects';
import { serviceRegistryComponents } from '../../../src/engine/api/registry';
import { cloudControllerComponents } from '../../../src/engine/cloud';
import { service, serviceCluster } from './helpers';

const lb = (name: string) => service(name, { type: 'LoadBalancer', selector: { app: name }, ports: [{ port: 80 }] });
const ingressOf = (c: ReturnType<typeof serviceCluster>, name: string) => c.api.get<Service>('services', 'default', name).status?.loadBalancer?.ingress;
const reasons = (c: ReturnType<typeof serviceCluster>, name: string) =>
  c.api
    .list<Event>('events', 'default')
    .items.filter((e) => e.involvedObject.name === name)
    .map((e) => `${e.source?.component} ${e.reason}: ${e.message}`)
    // Events list by (random) name; what matters here is which were recorded.
    .sort();

describe('cloud-controller-manager service controller', () => {
  test('a LoadBalancer gets the cleanup finalizer, then an address from the pool after provisioning', () => {
    const c = serviceCluster({ components: [cloudControllerComponents, serviceRegistryComponents] });
    c.api.create('services', lb('front'));
    c.advance(100);
    expect(c.api.get<Service>('services', 'default', 'front').metadata?.finalizers).toEqual(['service.kubernetes.io/load-balancer-cleanup']);
    expect(ingressOf(c, 'front')).toBeUndefined();
    expect(reasons(c, 'front')).toEqual(['service-controller EnsuringLoadBalancer: Ensuring load balancer']);
    c.advance(2000);
    expect(ingressOf(c, 'front')).toEqual([{ ip: '172.18.255.200', ipMode: 'VIP' }]);
    expect(reasons(c, 'front')).toEqual(['service-controller EnsuredLoadBalancer: Ensured load balancer', 'service-controller EnsuringLoadBalancer: Ensuring load balancer']);
    c.api.create('services', lb('back'));
    c.advance(3000);
    expect(ingressOf(c, 'back')).toEqual([{ ip: '172.18.255.201', ipMode: 'VIP' }]);
  });

  test('leaving type LoadBalancer deletes the load balancer; a deleted Service frees its address', () => {
    const c = serviceCluster({ components: [cloudControllerComponents, serviceRegistryComponents] });
    c.api.create('services', lb('front'));
    c.advance(3000);
    const asClusterIP = clone(c.api.get<Service>('services', 'default', 'front'));
    asClusterIP.spec!.type = 'ClusterIP';
    c.api.update('services', asClusterIP);
    c.advance(100);
    const svc = c.api.get<Service>('services', 'default', 'front');
    expect(svc.status?.loadBalancer).toEqual({});
    expect(svc.metadata?.finalizers).toBeUndefined();
    expect(reasons(c, 'front')).toEqual([
      'service-controller DeletedLoadBalancer: Deleted load balancer',
      'service-controller DeletingLoadBalancer: Deleting load balancer',
      'service-controller EnsuredLoadBalancer: Ensured load balancer',
      'service-controller EnsuringLoadBalancer: Ensuring load balancer',
      'service-controller Type: LoadBalancer -> ClusterIP',
    ]);
    c.api.create('services', lb('other'));
    c.advance(3000);
    expect(ingressOf(c, 'other')?.[0]?.ip).toBe('172.18.255.200');
    // Deleting waits for the finalizer, then the Service and its address are gone.
    expect(c.api.delete('services', 'default', 'other').gone).toBe(false);
    c.advance(100);
    expect(c.api.tryGet('services', 'default', 'other')).toBeUndefined();
    c.api.create('services', lb('last'));
    c.advance(3000);
    expect(ingressOf(c, 'last')?.[0]?.ip).toBe('172.18.255.200');
  });
});
