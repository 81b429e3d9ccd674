import { describe, expect, test } from 'vitest';
import type { Service } from 'kubernetes-types/core/v1';
import { clone } from '../../../src/engine/api/objects';
import { Cluster } from '../../../src/engine/cluster';
import { endpointControllerComponents } from '../../../src/engine/controllers';
import { serviceRegistryComponents } from '../../../src/engine/api/registry';
import { apiError, service, serviceCluster } from './helpers';

const web = (extra: Service['spec'] = {}): Service['spec'] => ({ selector: { app: 'web' }, ports: [{ port: 80 }], ...extra });
const ipNumber = (ip: string) => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);

describe('ClusterIP allocation', () => {
  test('the kubernetes Service takes the first address of the configured range', () => {
    expect(serviceCluster().api.get<Service>('services', 'default', 'kubernetes').spec?.clusterIPs).toEqual(['10.96.0.1']);
    expect(serviceCluster({ serviceCIDR: '10.100.0.0/16' }).api.get<Service>('services', 'default', 'kubernetes').spec?.clusterIP).toBe('10.100.0.1');
  });

  test('dynamic addresses are random per seed, repeatable, and come from above the static band', () => {
    const pick = (seed: number) => serviceCluster({ seed }).api.create<Service>('services', service('web', web())).spec!.clusterIP!;
    expect(pick(1)).toBe(pick(1));
    expect(pick(1)).not.toBe(pick(2));
    for (const seed of [1, 2, 3, 4, 5]) {
      const n = ipNumber(pick(seed));
      // 10.96.0.0/12: the lowest 256 usable addresses (10.96.0.1-10.96.1.0) are kept for static picks.
      expect(n).toBeGreaterThanOrEqual(ipNumber('10.96.1.1'));
      expect(n).toBeLessThanOrEqual(ipNumber('10.111.255.254'));
    }
  });

  test('a requested address is honoured; a taken one fails with the real 422 until it is released', () => {
    const c = serviceCluster();
    expect(c.api.create<Service>('services', service('dns', web({ clusterIP: '10.96.0.10' }))).spec?.clusterIPs).toEqual(['10.96.0.10']);
    expect(apiError(() => c.api.create('services', service('other', web({ clusterIP: '10.96.0.10' }))))).toBe(
      'Service "other" is invalid: spec.clusterIPs: Invalid value: ["10.96.0.10"]: failed to allocate IP 10.96.0.10: provided IP is already allocated',
    );
    c.api.delete('services', 'default', 'dns');
    expect(c.api.create<Service>('services', service('other', web({ clusterIP: '10.96.0.10' }))).spec?.clusterIP).toBe('10.96.0.10');
  });

  test('an address outside the range: the texts of 1.34 and of the bitmap allocator before 1.33', () => {
    expect(apiError(() => serviceCluster().api.create('services', service('x', web({ clusterIP: '10.0.0.1' }))))).toBe(
      'Service "x" is invalid: spec.clusterIPs: Invalid value: ["10.0.0.1"]: failed to allocate IP 10.0.0.1: the provided network does not match the current range',
    );
    expect(apiError(() => serviceCluster().api.create('services', service('x', web({ clusterIP: '10.96.0.0' }))))).toBe(
      'Service "x" is invalid: spec.clusterIPs: Invalid value: ["10.96.0.0"]: failed to allocate IP 10.96.0.0: the provided IP (10.96.0.0) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    );
    expect(apiError(() => serviceCluster({ version: '1.32.0' }).api.create('services', service('x', web({ clusterIP: '10.0.0.1' }))))).toBe(
      'Service "x" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.1"}: failed to allocate IP 10.0.0.1: the provided IP (10.0.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    );
  });

  test('a create that fails validation gives its reservation back', () => {
    const c = serviceCluster();
    // targetPort defaults to port, so it is invalid too, as on a real API server.
    expect(apiError(() => c.api.create('services', service('bad', { clusterIP: '10.96.0.20', ports: [{ port: 0 }] })))).toBe(
      'Service "bad" is invalid: [spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive, spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive]',
    );
    expect(c.api.create<Service>('services', service('good', web({ clusterIP: '10.96.0.20' }))).spec?.clusterIP).toBe('10.96.0.20');
  });

  test('a clusterIP never changes; an update that leaves it out keeps the allocated one', () => {
    const c = serviceCluster();
    const svc = c.api.create<Service>('services', service('web', web()));
    const changed = clone(svc);
    changed.spec!.clusterIP = '10.96.0.99';
    expect(apiError(() => c.api.update('services', changed))).toBe('Service "web" is invalid: spec.clusterIPs[0]: Invalid value: ["10.96.0.99"]: may not change once set');
    const reapplied = clone(svc);
    delete reapplied.spec!.clusterIP;
    delete reapplied.spec!.clusterIPs;
    reapplied.spec!.ports = [{ port: 8080 }];
    expect(c.api.update<Service>('services', reapplied).spec?.clusterIPs).toEqual(svc.spec?.clusterIPs);
  });

  test('headless and ExternalName Services get no address; families as an API server fills them', () => {
    const c = serviceCluster();
    const headless = c.api.create<Service>('services', service('db', web({ clusterIP: 'None' })));
    expect(headless.spec).toMatchObject({ clusterIP: 'None', clusterIPs: ['None'], ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'] });
    const selectorless = c.api.create<Service>('services', service('ext-db', { clusterIP: 'None', ports: [{ port: 5432 }] }));
    expect(selectorless.spec).toMatchObject({ ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4', 'IPv6'] });
    const external = c.api.create<Service>('services', service('api', { type: 'ExternalName', externalName: 'api.example.com' }));
    expect(external.spec?.clusterIP).toBeUndefined();
    expect(external.spec?.ipFamilies).toBeUndefined();
    expect(c.cp.services.clusterIPs.used).toBe(1);
  });
});

describe('NodePort allocation', () => {
  test('dynamic node ports come from 30086-32767; a chosen one is honoured', () => {
    const c = serviceCluster();
    const np = c.api.create<Service>('services', service('np', web({ type: 'NodePort' })));
    expect(np.spec?.ports?.[0]?.nodePort).toBeGreaterThanOrEqual(30086);
    expect(np.spec?.ports?.[0]?.nodePort).toBeLessThanOrEqual(32767);
    expect(np.spec?.externalTrafficPolicy).toBe('Cluster');
    const chosen = c.api.create<Service>('services', service('fixed', web({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] })));
    expect(chosen.spec?.ports?.[0]?.nodePort).toBe(30080);
  });

  test('a taken or out-of-range port fails with the real 422 texts', () => {
    const c = serviceCluster();
    c.api.create('services', service('a', web({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] })));
    expect(apiError(() => c.api.create('services', service('b', web({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }))))).toBe(
      'Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    );
    expect(apiError(() => c.api.create('services', service('b', web({ type: 'NodePort', ports: [{ port: 80, nodePort: 38080 }] }))))).toBe(
      'Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 38080: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
    // The failed creates reserved nothing: b's cluster IP and ports are free.
    expect(c.cp.services.clusterIPs.used).toBe(2);
    expect(c.cp.services.nodePorts.used).toBe(1);
  });

  test('LoadBalancer Services get node ports too; changing the type or deleting releases them', () => {
    const c = serviceCluster();
    const lb = c.api.create<Service>('services', service('lb', web({ type: 'LoadBalancer', ports: [{ port: 80, nodePort: 31000 }] })));
    expect(lb.spec).toMatchObject({ allocateLoadBalancerNodePorts: true, externalTrafficPolicy: 'Cluster' });
    const asClusterIP = clone(lb);
    asClusterIP.spec!.type = 'ClusterIP';
    const updated = c.api.update<Service>('services', asClusterIP);
    expect(updated.spec?.ports?.[0]?.nodePort).toBeUndefined();
    expect(updated.spec?.externalTrafficPolicy).toBeUndefined();
    expect(updated.spec?.allocateLoadBalancerNodePorts).toBeUndefined();
    expect(c.api.create<Service>('services', service('np', web({ type: 'NodePort', ports: [{ port: 80, nodePort: 31000 }] }))).spec?.ports?.[0]?.nodePort).toBe(31000);
    c.api.delete('services', 'default', 'np');
    expect(c.cp.services.nodePorts.used).toBe(0);
  });

  test('no node ports for a LoadBalancer with allocateLoadBalancerNodePorts: false', () => {
    const c = serviceCluster();
    const lb = c.api.create<Service>('services', service('lb', web({ type: 'LoadBalancer', allocateLoadBalancerNodePorts: false })));
    expect(lb.spec?.ports?.[0]?.nodePort).toBeUndefined();
  });
});

describe('allocations survive snapshot and restore', () => {
  test('a restored cluster refuses the same taken values and allocates exactly as the original', () => {
    const factories = [endpointControllerComponents, serviceRegistryComponents];
    const original = serviceCluster();
    original.api.create('services', service('a', web({ type: 'NodePort', clusterIP: '10.96.0.50', ports: [{ port: 80, nodePort: 30500 }] })));
    const restored = Cluster.restore(original.snapshot(), factories);
    for (const c of [original, restored]) {
      expect(apiError(() => c.api.create('services', service('b', web({ clusterIP: '10.96.0.50' }))))).toContain('provided IP is already allocated');
      expect(apiError(() => c.api.create('services', service('b', web({ type: 'NodePort', ports: [{ port: 80, nodePort: 30500 }] }))))).toContain('provided port is already allocated');
    }
    const next = (c: Cluster) => c.api.create<Service>('services', service('c', web({ type: 'NodePort' }))).spec;
    expect(next(restored)).toEqual(next(original));
    expect(restored.stateHash()).toBe(original.stateHash());
  });
});

describe('type changes', () => {
  test('ClusterIP → ExternalName gives the address back; ExternalName → ClusterIP draws a new one', () => {
    const c = serviceCluster();
    const svc = c.api.create<Service>('services', service('web', web({ clusterIP: '10.96.0.30' })));
    expect(svc.status).toEqual({ loadBalancer: {} });
    const external = clone(svc);
    external.spec = { ...external.spec, type: 'ExternalName', externalName: 'web.example.com' };
    delete external.spec.selector;
    const updated = c.api.update<Service>('services', external);
    expect(updated.spec?.clusterIP).toBeUndefined();
    expect(updated.spec?.ipFamilies).toBeUndefined();
    expect(c.api.create<Service>('services', service('other', web({ clusterIP: '10.96.0.30' }))).spec?.clusterIP).toBe('10.96.0.30');
    const back = clone(updated);
    back.spec = { type: 'ClusterIP', selector: { app: 'web' }, ports: [{ port: 80 }] };
    const again = c.api.update<Service>('services', back);
    expect(again.spec?.clusterIP).toMatch(/^10\.(9[6-9]|10\d|11[01])\./);
    expect(again.spec?.ipFamilyPolicy).toBe('SingleStack');
  });
});
