import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Endpoints, Event, Node, Service } from 'kubernetes-types/core/v1';
import { kindPrinters } from '../../../src/cli/kubectl/printers/tables/index';
import { podPrinter } from '../../../src/cli/kubectl/printers/tables/pod';
import { DAY, HOUR, MIN, NOW, ago, pod, runningStatus } from './fixtures/objects';

const ctx = { nowMs: NOW, wide: false };
const waiting = (reason: string): ContainerStatus => ({ name: 'main', image: 'i', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason } } });
const terminated = (reason: string, exitCode = 0, signal?: number): ContainerStatus => ({
  name: 'main', image: 'i', imageID: '', ready: false, restartCount: 0, state: { terminated: { reason, exitCode, signal } },
});
const status = (p: ReturnType<typeof pod>) => podPrinter.cells(p, ctx).slice(1, 4);

describe('pod STATUS, READY and RESTARTS', () => {
  it.each([
    ['ContainerCreating', pod('p', { phase: 'Pending', statuses: [waiting('ContainerCreating')] }), ['0/1', 'ContainerCreating', '0']],
    ['CrashLoopBackOff', pod('p', { statuses: [{ ...waiting('CrashLoopBackOff'), restartCount: 4, lastState: { terminated: { exitCode: 1, finishedAt: ago(90 * 1000) } } }] }), ['0/1', 'CrashLoopBackOff', '4 (90s ago)']],
    ['ErrImagePull', pod('p', { phase: 'Pending', statuses: [waiting('ErrImagePull')] }), ['0/1', 'ErrImagePull', '0']],
    ['Completed', pod('p', { phase: 'Succeeded', statuses: [terminated('Completed')] }), ['0/1', 'Completed', '0']],
    ['ExitCode', pod('p', { phase: 'Failed', statuses: [terminated('', 2)] }), ['0/1', 'ExitCode:2', '0']],
    ['Signal', pod('p', { phase: 'Failed', statuses: [terminated('', 137, 9)] }), ['0/1', 'Signal:9', '0']],
    ['Terminating', pod('p', { deleting: true }), ['1/1', 'Terminating', '0']],
    ['Init:0/1', pod('p', { phase: 'Pending', initContainers: [{ name: 'init' }], initStatuses: [{ ...waiting('PodInitializing'), name: 'init' }], statuses: [waiting('PodInitializing')] }), ['0/1', 'Init:0/1', '0']],
    ['Init:CrashLoopBackOff', pod('p', { phase: 'Pending', initContainers: [{ name: 'init' }], initStatuses: [{ ...waiting('CrashLoopBackOff'), name: 'init' }], statuses: [waiting('PodInitializing')] }), ['0/1', 'Init:CrashLoopBackOff', '0']],
    ['Init:Error', pod('p', { phase: 'Pending', initContainers: [{ name: 'init' }], initStatuses: [{ ...terminated('Error', 1), name: 'init' }], statuses: [waiting('PodInitializing')] }), ['0/1', 'Init:Error', '0']],
    ['first container wins', pod('p', { containers: [{ name: 'a' }, { name: 'b' }], statuses: [{ ...waiting('ImagePullBackOff'), name: 'a' }, { ...runningStatus('b') }] }), ['1/2', 'ImagePullBackOff', '0']],
    ['sidecar counts toward READY', pod('p', { initContainers: [{ name: 'side', restartPolicy: 'Always' }], initStatuses: [{ ...runningStatus('side'), started: true }], conditions: [{ type: 'Initialized', status: 'True' }] }), ['2/2', 'Running', '0']],
  ])('%s', (_name, p, expected) => {
    expect(status(p)).toEqual(expected);
  });

  it('prints wide columns with <none> placeholders', () => {
    const p = pod('p', { phase: 'Pending', statuses: [] });
    expect(podPrinter.cells(p, { nowMs: NOW, wide: true }).slice(5)).toEqual(['<none>', '<none>', '<none>', '<none>']);
  });
});

describe('other kinds', () => {
  it('node status, roles and wide columns', () => {
    const node: Node = {
      metadata: { name: 'cp', creationTimestamp: ago(3 * DAY), labels: { 'node-role.kubernetes.io/control-plane': '' } },
      spec: { unschedulable: true },
      status: {
        conditions: [{ type: 'Ready', status: 'True' }],
        addresses: [{ type: 'InternalIP', address: '192.168.0.2' }],
        nodeInfo: { kubeletVersion: 'v1.35.0', osImage: 'Debian', kernelVersion: '6.1', containerRuntimeVersion: 'containerd://2.0', architecture: '', bootID: '', kubeProxyVersion: '', machineID: '', operatingSystem: '', systemUUID: '' },
      },
    };
    expect(kindPrinters.Node.cells(node as never, { nowMs: NOW, wide: true })).toEqual([
      'cp', 'Ready,SchedulingDisabled', 'control-plane', '3d', 'v1.35.0', '192.168.0.2', '<none>', 'Debian', '6.1', 'containerd://2.0',
    ]);
    expect(kindPrinters.Node.cells({ metadata: { name: 'w' } } as never, ctx)[1]).toBe('Unknown');
  });

  it('load balancer external IP: pending, clipped unless wide', () => {
    const svc = (ingress: string[]): Service => ({
      metadata: { name: 'lb', creationTimestamp: ago(MIN) },
      spec: { type: 'LoadBalancer', clusterIPs: ['10.0.0.1'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }] },
      status: { loadBalancer: { ingress: ingress.map((ip) => ({ ip })) } },
    });
    expect(kindPrinters.Service.cells(svc([]) as never, ctx)[3]).toBe('<pending>');
    expect(kindPrinters.Service.cells(svc(['203.0.113.10', '203.0.113.9']) as never, ctx)[3]).toBe('203.0.113.10,...');
    expect(kindPrinters.Service.cells(svc(['203.0.113.10', '203.0.113.9']) as never, { nowMs: NOW, wide: true })[3]).toBe('203.0.113.10,203.0.113.9');
  });

  it('endpoints show three then "+ N more..."', () => {
    const ep: Endpoints = {
      metadata: { name: 'e' },
      subsets: [{ addresses: ['1', '2', '3', '4', '5'].map((n) => ({ ip: `10.0.0.${n}` })), notReadyAddresses: [{ ip: '10.0.0.9' }], ports: [{ port: 80 }] }],
    };
    expect(kindPrinters.Endpoints.cells(ep as never, ctx)[1]).toBe('10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 2 more...');
    expect(kindPrinters.Endpoints.cells({ metadata: { name: 'e' } } as never, ctx)[1]).toBe('<none>');
  });

  it('events: last seen, object, message and wide columns', () => {
    const e: Event = {
      metadata: { name: 'web.1', namespace: 'default' },
      involvedObject: { kind: 'Pod', name: 'web', fieldPath: 'spec.containers{web}' },
      reason: 'Pulled', message: ' Container image "nginx" already present on machine ', type: 'Normal',
      source: { component: 'kubelet', host: 'node-1' },
      firstTimestamp: ago(10 * MIN), lastTimestamp: ago(2 * MIN), count: 3,
    };
    expect(kindPrinters.Event.cells(e as never, ctx)).toEqual(['2m', 'Normal', 'Pulled', 'pod/web', 'Container image "nginx" already present on machine']);
    expect(kindPrinters.Event.cells(e as never, { nowMs: NOW, wide: true })).toEqual([
      '2m', 'Normal', 'Pulled', 'pod/web', 'spec.containers{web}', 'kubelet, node-1', 'Container image "nginx" already present on machine', '10m', '3', 'web.1',
    ]);
  });

  it('namespace and configmap', () => {
    expect(kindPrinters.Namespace.cells({ metadata: { name: 'default', creationTimestamp: ago(HOUR) }, status: { phase: 'Active' } } as never, ctx)).toEqual(['default', 'Active', '60m']);
    expect(kindPrinters.ConfigMap.cells({ metadata: { name: 'kube-root-ca.crt', creationTimestamp: ago(HOUR) }, data: { 'ca.crt': 'x' } } as never, ctx)).toEqual(['kube-root-ca.crt', '1', '60m']);
  });
});
