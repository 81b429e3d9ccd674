import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Endpoints, Event, Node, Pod, PodTemplateSpec } from 'kubernetes-types/core/v1';
import { describeDeployment, describeEndpoints, describeNode, describeReplicaSet } from '../../../src/cli/kubectl/printers/describe/index';

const labels = { 'k8s-app': 'bar' };
const template = (image: string): PodTemplateSpec => ({
  metadata: { labels },
  spec: {
    containers: [{ name: '', image, volumeMounts: [{ name: 'vol-foo', mountPath: '/tmp/vol-foo' }, { name: 'vol-bar', mountPath: '/tmp/vol-bar' }] }],
    volumes: [{ name: 'vol-foo', emptyDir: {} }, { name: 'vol-bar', emptyDir: {} }],
  },
});
const deployment: Deployment = {
  metadata: { name: 'bar', namespace: 'foo', labels, uid: 'd-1', creationTimestamp: '2021-01-01T00:00:00Z' },
  spec: { replicas: 1, selector: { matchLabels: labels }, template: template('mytest-image:latest') },
};
const rs = (name: string, image: string, replicas: number): ReplicaSet => ({
  metadata: { name, namespace: 'foo', labels, uid: `rs-${name}`, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'bar', uid: 'd-1', controller: true }] },
  spec: { replicas, selector: { matchLabels: labels }, template: template(image) },
  status: { replicas, readyReplicas: replicas, availableReplicas: replicas },
});

describe('describe deployment (upstream TestDescribeDeployment expectations)', () => {
  it('with two mounted volumes', () => {
    const out = describeDeployment(deployment, [rs('bar-001', 'mytest-image:latest', 1)], [], 0);
    for (const expected of [
      'Name:               bar\nNamespace:          foo',
      'CreationTimestamp:  Fri, 01 Jan 2021 00:00:00 +0000',
      'Labels:             k8s-app=bar',
      'Selector:           k8s-app=bar',
      'Replicas:           1 desired | 0 updated | 0 total | 0 available | 0 unavailable',
      'Image:        mytest-image:latest',
      'Mounts:\n      /tmp/vol-bar from vol-bar (rw)\n      /tmp/vol-foo from vol-foo (rw)',
      'OldReplicaSets:    <none>',
      'NewReplicaSet:     bar-001 (1/1 replicas created)',
      'Events:            <none>',
      'Node-Selectors:  <none>',
      'Tolerations:     <none>',
    ]) {
      expect(out).toContain(expected);
    }
  });

  it('during a rollout, with event series and aggregated counts', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    const ago = (min: number) => new Date(now - min * 60_000).toISOString();
    const d: Deployment = {
      ...deployment,
      spec: { ...deployment.spec, replicas: 2, template: template('mytest-image:v2.0') },
      status: { replicas: 3, updatedReplicas: 1, availableReplicas: 2, unavailableReplicas: 1 },
    } as Deployment;
    const ev = (name: string, message: string, extra: Partial<Event>): Event => ({
      metadata: { name, namespace: 'foo' },
      involvedObject: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'bar', namespace: 'foo' },
      type: 'Normal',
      reason: 'ScalingReplicaSet',
      message,
      ...extra,
    });
    const events = [
      ev('bar-000', 'Scaled up replica set bar-002 from 0 to 1', { reportingComponent: 'deployment-controller', eventTime: ago(20), series: { count: 3, lastObservedTime: ago(12) } }),
      ev('bar-001', 'Scaled up replica set bar-001 from 0 to 2', { source: { component: 'deployment-controller' }, firstTimestamp: ago(10) }),
      ev('bar-002', 'Scaled up replica set bar-002 from 0 to 1', { source: { component: 'deployment-controller' }, firstTimestamp: ago(2) }),
      ev('bar-003', 'Scaled down replica set bar-002 from 2 to 1', { reportingComponent: 'deployment-controller', eventTime: ago(1) }),
    ];
    const out = describeDeployment(d, [rs('bar-001', 'mytest-image:latest', 2), rs('bar-002', 'mytest-image:v2.0', 1)], events, now);
    for (const expected of [
      'Replicas:           2 desired | 1 updated | 3 total | 2 available | 1 unavailable',
      'Image:        mytest-image:v2.0',
      'OldReplicaSets:    bar-001 (2/2 replicas created)',
      'NewReplicaSet:     bar-002 (1/1 replicas created)',
      'Events:\n',
      'Normal  ScalingReplicaSet  12m (x3 over 20m)  deployment-controller  Scaled up replica set bar-002 from 0 to 1',
      'Normal  ScalingReplicaSet  10m                deployment-controller  Scaled up replica set bar-001 from 0 to 2',
      'Normal  ScalingReplicaSet  2m                 deployment-controller  Scaled up replica set bar-002 from 0 to 1',
      'Normal  ScalingReplicaSet  60s                deployment-controller  Scaled down replica set bar-002 from 2 to 1',
    ]) {
      expect(out).toContain(expected);
    }
  });

  it('prints the rolling update strategy and conditions', () => {
    const d: Deployment = {
      ...deployment,
      spec: { ...deployment.spec, strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } } },
      status: { conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' }] },
    } as Deployment;
    const out = describeDeployment(d, [], undefined, 0);
    expect(out).toContain('StrategyType:           RollingUpdate\nMinReadySeconds:        0\nRollingUpdateStrategy:  25% max unavailable, 25% max surge\n');
    expect(out).toContain('Conditions:\n  Type        Status  Reason\n  ----        ------  ------\n  Available   True    MinimumReplicasAvailable\n');
    expect(out).not.toContain('OldReplicaSets');
  });
});

describe('describe replicaset', () => {
  it('prints replicas, pod phase counts and the controller', () => {
    const r = rs('bar-001', 'img', 2);
    const owned = (phase: string): Pod => ({ metadata: { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'bar-001', uid: 'rs-bar-001', controller: true }] }, status: { phase } });
    const out = describeReplicaSet(r, [owned('Running'), owned('Pending'), { metadata: {}, status: { phase: 'Running' } }], [], 0);
    expect(out.split('\n').slice(0, 8).join('\n')).toBe(
      [
        'Name:           bar-001',
        'Namespace:      foo',
        'Selector:       k8s-app=bar',
        'Labels:         k8s-app=bar',
        'Annotations:    <none>',
        'Controlled By:  Deployment/bar',
        'Replicas:       2 current / 2 desired',
        'Pods Status:    1 Running / 1 Waiting / 0 Succeeded / 0 Failed',
      ].join('\n'),
    );
  });
});

describe('describe endpoints', () => {
  it('prints subsets with a ports table', () => {
    const ep: Endpoints = {
      metadata: { name: 'web', namespace: 'default' },
      subsets: [{ addresses: [{ ip: '10.0.0.1' }], notReadyAddresses: [], ports: [{ port: 80, protocol: 'TCP' }] }],
    };
    expect(describeEndpoints(ep, [], 0)).toBe(
      [
        'Name:         web',
        'Namespace:    default',
        'Labels:       <none>',
        'Annotations:  <none>',
        'Subsets:',
        '  Addresses:          10.0.0.1',
        '  NotReadyAddresses:  <none>',
        '  Ports:',
        '    Name     Port  Protocol',
        '    ----     ----  --------',
        '    <unset>  80    TCP',
        '',
        'Events:  <none>',
        '',
      ].join('\n'),
    );
  });
});

describe('describe node', () => {
  const node: Node = {
    metadata: { name: 'bar', creationTimestamp: '2026-01-01T00:00:00Z', labels: { 'node-role.kubernetes.io/control-plane': '' } },
    spec: { unschedulable: true, taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] },
    status: {
      capacity: { cpu: '8', memory: '24Gi', 'hugepages-2Mi': '4Gi', 'hugepages-1Gi': '0' },
      allocatable: { cpu: '4', memory: '12Gi', 'hugepages-2Mi': '2Gi', 'hugepages-1Gi': '0' },
    },
  };
  const resourcesPod: Pod = {
    metadata: { name: 'pod-with-resources', namespace: 'foo', creationTimestamp: '2026-01-01T00:00:00Z' },
    spec: {
      containers: [
        { name: 'cpu-mem', image: 'image:latest', resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } } },
        { name: 'hugepages', image: 'image:latest', resources: { requests: { 'hugepages-2Mi': '512Mi' }, limits: { 'hugepages-2Mi': '512Mi' } } },
      ],
    },
    status: { phase: 'Running' },
  };

  it('reproduces upstream TestDescribeNode allocated resources', () => {
    const out = describeNode(node, [resourcesPod], [], Date.parse('2026-01-01T01:00:00Z'), { metadata: { name: 'bar' }, spec: { holderIdentity: 'holder' } });
    expect(out).toContain(
      [
        'Allocated resources:',
        '  (Total limits may be over 100 percent, i.e., overcommitted.)',
        '  Resource           Requests     Limits',
        '  --------           --------     ------',
        '  cpu                1 (25%)      2 (50%)',
        '  memory             1Gi (8%)     2Gi (16%)',
        '  ephemeral-storage  0 (0%)       0 (0%)',
        '  hugepages-1Gi      0 (0%)       0 (0%)',
        '  hugepages-2Mi      512Mi (25%)  512Mi (25%)',
      ].join('\n'),
    );
    expect(out).toContain('Roles:              control-plane\n');
    expect(out).toContain('Taints:             node-role.kubernetes.io/control-plane:NoSchedule\nUnschedulable:      true\n');
    expect(out).toContain('Lease:\n  HolderIdentity:  holder\n  AcquireTime:     <unset>\n');
    expect(out).toContain(
      '  Namespace                   Name                  CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age\n' +
        '  ---------                   ----                  ------------  ----------  ---------------  -------------  ---\n' +
        '  foo                         pod-with-resources    1 (25%)       2 (50%)     1Gi (8%)         2Gi (16%)      60m\n',
    );
  });

  it('sums requests across pods: cpu 750m (37%)', () => {
    const small: Node = { metadata: { name: 'n' }, status: { allocatable: { cpu: '2', memory: '4Gi' } } };
    const p = (name: string, cpu: string): Pod => ({ metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c', resources: { requests: { cpu, memory: '128Mi' } } }] } });
    const out = describeNode(small, [p('a', '500m'), p('b', '250m')], undefined, 0);
    expect(out).toContain('  cpu                750m (37%)  0 (0%)\n  memory             256Mi (6%)  0 (0%)\n');
    expect(out).not.toContain('Events');
  });
});
