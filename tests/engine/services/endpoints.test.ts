import { describe, expect, test } from 'vitest';
import type { Endpoints, Pod, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { serviceRegistryComponents } from '../../../src/engine/api/registry';
import { endpointControllerComponents, workloadControllerComponents } from '../../../src/engine/controllers';
import { apiError, runningPod, service, serviceCluster, setReady, slicesOf } from './helpers';

const endpointsOf = (c: ReturnType<typeof serviceCluster>, name: string) => c.api.tryGet<Endpoints>('endpoints', 'default', name);
const conditionsOf = (slices: EndpointSlice[]): Record<string, unknown> =>
  Object.fromEntries(slices.flatMap((s) => (s.endpoints ?? []).map((e) => [e.targetRef?.name ?? '', e.conditions] as const)));

function threePods() {
  const c = serviceCluster();
  c.api.create('services', service('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] }));
  runningPod(c, 'web-a', { ip: '10.244.1.7', node: 'node-1' });
  runningPod(c, 'web-b', { ip: '10.244.2.3', node: 'node-2' });
  runningPod(c, 'web-c', { ip: '10.244.1.10', node: 'node-1' });
  c.advance(100);
  return c;
}

describe('Endpoints controller', () => {
  test('ready pods are listed by IP with the resolved port', () => {
    const c = threePods();
    const ep = endpointsOf(c, 'web')!;
    expect(ep.metadata?.labels).toEqual({ 'endpoints.kubernetes.io/managed-by': 'endpoint-controller' });
    expect(ep.subsets).toHaveLength(1);
    // Sorted as strings, as LessEndpointAddress compares them.
    expect(ep.subsets![0]!.addresses!.map((a) => a.ip)).toEqual(['10.244.1.10', '10.244.1.7', '10.244.2.3']);
    expect(ep.subsets![0]!.addresses![1]).toMatchObject({ ip: '10.244.1.7', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-a' } });
    expect(ep.subsets![0]!.ports).toEqual([{ port: 8080, protocol: 'TCP' }]);
    expect(ep.metadata?.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']).toMatch(/^2026-01-01T00:00:00Z$/);
  });

  test('a pod that turns unready moves to notReadyAddresses; a terminating pod is dropped', () => {
    const c = threePods();
    setReady(c, 'web-b', false);
    c.advance(100);
    expect(endpointsOf(c, 'web')!.subsets![0]).toMatchObject({ addresses: [{ ip: '10.244.1.10' }, { ip: '10.244.1.7' }], notReadyAddresses: [{ ip: '10.244.2.3' }] });
    c.api.delete('pods', 'default', 'web-a');
    c.advance(100);
    expect(endpointsOf(c, 'web')!.subsets![0]!.addresses!.map((a) => a.ip)).toEqual(['10.244.1.10']);
  });

  test('publishNotReadyAddresses keeps unready and terminating pods under addresses', () => {
    const c = serviceCluster();
    c.api.create('services', service('db', { clusterIP: 'None', publishNotReadyAddresses: true, selector: { app: 'web' }, ports: [{ port: 5432 }] }));
    runningPod(c, 'web-a', { ip: '10.244.1.7', ready: false });
    runningPod(c, 'web-b', { ip: '10.244.1.8' });
    c.api.delete('pods', 'default', 'web-b');
    c.advance(100);
    const ep = endpointsOf(c, 'db')!;
    expect(ep.metadata?.labels).toEqual({ 'service.kubernetes.io/headless': '', 'endpoints.kubernetes.io/managed-by': 'endpoint-controller' });
    expect(ep.subsets![0]!.addresses!.map((a) => a.ip)).toEqual(['10.244.1.7', '10.244.1.8']);
    expect(ep.subsets![0]!.notReadyAddresses).toBeUndefined();
  });

  test('a selectorless Service is left alone; a deleted Service takes its Endpoints along', () => {
    const c = threePods();
    c.api.create('services', service('manual', { ports: [{ port: 80 }] }));
    c.advance(100);
    expect(endpointsOf(c, 'manual')).toBeUndefined();
    c.api.delete('services', 'default', 'web');
    c.advance(100);
    expect(endpointsOf(c, 'web')).toBeUndefined();
  });
});

describe('EndpointSlice controller', () => {
  test('one slice with the upstream shape: labels, generateName, owner, ports, conditions, nodeName, targetRef', () => {
    const c = threePods();
    const [slice, ...more] = slicesOf(c, 'web');
    expect(more).toHaveLength(0);
    const svc = c.api.get<Service>('services', 'default', 'web');
    expect(slice!.metadata).toMatchObject({
      generateName: 'web-',
      labels: { 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': 'web' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: svc.metadata?.uid, controller: true, blockOwnerDeletion: true }],
    });
    expect(slice!.metadata?.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slice!.addressType).toBe('IPv4');
    expect(slice!.ports).toEqual([{ name: '', port: 8080, protocol: 'TCP' }]);
    expect(slice!.endpoints?.find((e) => e.targetRef?.name === 'web-b')).toEqual({
      addresses: ['10.244.2.3'],
      conditions: { ready: true, serving: true, terminating: false },
      nodeName: 'node-2',
      targetRef: { kind: 'Pod', namespace: 'default', name: 'web-b', uid: c.api.get<Pod>('pods', 'default', 'web-b').metadata?.uid },
    });
  });

  test('conditions: unready is ready=false serving=false; terminating is ready=false, serving as readiness, terminating=true', () => {
    const c = threePods();
    setReady(c, 'web-b', false);
    c.api.delete('pods', 'default', 'web-a');
    c.advance(100);
    expect(conditionsOf(slicesOf(c, 'web'))).toEqual({
      'web-a': { ready: false, serving: true, terminating: true },
      'web-b': { ready: false, serving: false, terminating: false },
      'web-c': { ready: true, serving: true, terminating: false },
    });
  });

  test('250 pods make 3 slices of at most 100 endpoints', () => {
    const c = serviceCluster();
    c.api.create('services', service('big', { selector: { app: 'big' }, ports: [{ port: 80 }] }));
    c.advance(10);
    for (let i = 0; i < 250; i++) runningPod(c, `big-${i}`, { ip: `10.244.${1 + Math.floor(i / 200)}.${2 + (i % 200)}`, labels: { app: 'big' } });
    c.advance(1000);
    const sizes = slicesOf(c, 'big')
      .map((s) => s.endpoints?.length ?? 0)
      .sort((a, b) => b - a);
    expect(sizes).toEqual([100, 100, 50]);
    expect(endpointsOf(c, 'big')!.subsets![0]!.addresses).toHaveLength(250);
  });

  test('slices are updated in place: a pod that leaves and one that comes keep the same three slices', () => {
    const c = serviceCluster();
    c.api.create('services', service('big', { selector: { app: 'big' }, ports: [{ port: 80 }] }));
    for (let i = 0; i < 250; i++) runningPod(c, `big-${i}`, { ip: `10.244.${1 + Math.floor(i / 200)}.${2 + (i % 200)}`, labels: { app: 'big' } });
    c.advance(1000);
    const names = () => slicesOf(c, 'big').map((s) => s.metadata?.name).sort();
    const before = names();
    c.api.delete('pods', 'default', 'big-7', { gracePeriodSeconds: 0 });
    c.advance(100);
    expect(names()).toEqual(before);
    runningPod(c, 'big-new', { ip: '10.244.3.9', labels: { app: 'big' } });
    c.advance(100);
    expect(names()).toEqual(before);
    expect(slicesOf(c, 'big').flatMap((s) => s.endpoints ?? []).map((e) => e.addresses[0])).toContain('10.244.3.9');
    expect(slicesOf(c, 'big').flatMap((s) => s.endpoints ?? [])).toHaveLength(250);
  });

  test('named targetPorts resolve per pod; a pod without the port lands in a slice without ports', () => {
    const c = serviceCluster();
    c.api.create('services', service('web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'web' }] }));
    runningPod(c, 'web-a', { ip: '10.244.1.2', ports: [{ name: 'web', containerPort: 8080 }] });
    runningPod(c, 'web-b', { ip: '10.244.1.3', ports: [{ name: 'web', containerPort: 9090 }] });
    runningPod(c, 'web-c', { ip: '10.244.1.4' });
    c.advance(100);
    const byPorts = Object.fromEntries(slicesOf(c, 'web').map((s) => [JSON.stringify(s.ports), s.endpoints?.map((e) => e.addresses[0])]));
    expect(byPorts).toEqual({
      '[{"name":"http","port":8080,"protocol":"TCP"}]': ['10.244.1.2'],
      '[{"name":"http","port":9090,"protocol":"TCP"}]': ['10.244.1.3'],
      '[]': ['10.244.1.4'],
    });
    // The Endpoints object simply skips the pod for that port.
    const subsets = endpointsOf(c, 'web')!.subsets!.map((s) => [s.ports?.[0]?.port, s.addresses?.map((a) => a.ip)]);
    expect(subsets).toEqual(
      expect.arrayContaining([
        [8080, ['10.244.1.2']],
        [9090, ['10.244.1.3']],
      ]),
    );
    expect(subsets).toHaveLength(2);
  });

  test('headless Service: slices labelled headless, hostname for pods in its subdomain', () => {
    const c = serviceCluster();
    c.api.create('services', service('db', { clusterIP: 'None', selector: { app: 'web' }, ports: [{ port: 5432 }] }));
    runningPod(c, 'db-0', { ip: '10.244.1.5', hostname: 'db-0', subdomain: 'db' });
    c.advance(100);
    const [slice] = slicesOf(c, 'db');
    expect(slice!.metadata?.labels?.['service.kubernetes.io/headless']).toBe('');
    expect(slice!.endpoints?.[0]?.hostname).toBe('db-0');
  });

  test('without pods one placeholder slice remains; the garbage collector removes slices with the Service', () => {
    const c = serviceCluster({ components: [workloadControllerComponents, endpointControllerComponents, serviceRegistryComponents] });
    c.api.create('services', service('empty', { selector: { app: 'none' }, ports: [{ port: 80 }] }));
    c.advance(100);
    const [placeholder, ...more] = slicesOf(c, 'empty');
    expect(more).toHaveLength(0);
    expect(placeholder!.endpoints).toEqual([]);
    expect(placeholder!.ports).toEqual([]);
    c.api.delete('services', 'default', 'empty');
    c.advance(1000);
    expect(slicesOf(c, 'empty')).toHaveLength(0);
  });
});

describe('EndpointSlice mirroring and Endpoints validation', () => {
  test('hand-written Endpoints of a selectorless Service are mirrored into a slice', () => {
    const c = serviceCluster();
    c.api.create('services', service('external-db', { ports: [{ name: 'pg', port: 5432 }] }));
    c.api.create<Endpoints>('endpoints', {
      metadata: { name: 'external-db', namespace: 'default', labels: { team: 'data' } },
      subsets: [{ addresses: [{ ip: '192.168.10.5' }], notReadyAddresses: [{ ip: '192.168.10.6' }], ports: [{ name: 'pg', port: 5432 }] }],
    });
    c.advance(100);
    const [slice, ...more] = slicesOf(c, 'external-db');
    expect(more).toHaveLength(0);
    const ep = c.api.get<Endpoints>('endpoints', 'default', 'external-db');
    expect(slice!.metadata).toMatchObject({
      generateName: 'external-db-',
      labels: { team: 'data', 'kubernetes.io/service-name': 'external-db', 'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Endpoints', name: 'external-db', uid: ep.metadata?.uid, controller: true }],
    });
    expect(slice!.ports).toEqual([{ name: 'pg', port: 5432, protocol: 'TCP' }]);
    expect(slice!.endpoints).toEqual([
      { addresses: ['192.168.10.5'], conditions: { ready: true } },
      { addresses: ['192.168.10.6'], conditions: { ready: false } },
    ]);
  });

  test('the apiserver-owned kubernetes Endpoints are not mirrored (skip-mirror)', () => {
    const c = serviceCluster();
    c.advance(100);
    expect(slicesOf(c, 'kubernetes').map((s) => s.metadata?.name)).toEqual(['kubernetes']);
  });

  test('loopback, link-local and link-local multicast endpoint IPs are refused with the real texts', () => {
    const c = serviceCluster();
    const write = (ip: string) => () => c.api.create('endpoints', { metadata: { name: 'x', namespace: 'default' }, subsets: [{ addresses: [{ ip }], ports: [{ port: 80 }] }] });
    expect(apiError(write('127.0.0.1'))).toBe('Endpoints "x" is invalid: subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)');
    expect(apiError(write('169.254.169.254'))).toBe(
      'Endpoints "x" is invalid: subsets[0].addresses[0].ip: Invalid value: "169.254.169.254": may not be in the link-local range (169.254.0.0/16, fe80::/10)',
    );
    expect(apiError(write('224.0.0.5'))).toBe(
      'Endpoints "x" is invalid: subsets[0].addresses[0].ip: Invalid value: "224.0.0.5": may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)',
    );
    expect(apiError(() => c.api.create('endpoints', { metadata: { name: 'x', namespace: 'default' }, subsets: [{ ports: [{ port: 80 }] }] }))).toBe(
      'Endpoints "x" is invalid: subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`',
    );
  });
});
