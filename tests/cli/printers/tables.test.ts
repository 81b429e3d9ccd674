import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Endpoints, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { printGet, printTable } from '../../../src/cli/kubectl/printers/table-printer';
import { DAY, HOUR, MIN, NOW, ago, pod, runningStatus } from './fixtures/objects';

const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('kubectl get: reference captures', () => {
  it('pods -o wide with restarts', () => {
    const pods = [
      pod('curl-pod', { ip: '10.244.0.4', node: 'flannel-ctr', statuses: [runningStatus('main', { restarts: 6, lastFinishedAgo: 8 * HOUR })] }),
      pod('webpod-697b545f57-7rsn9', { ip: '10.244.2.10', node: 'flannel-w2', statuses: [runningStatus('main', { restarts: 2, lastFinishedAgo: 28 * HOUR })] }),
    ];
    expect(printTable({ kind: 'Pod', items: pods }, { wide: true }, NOW)).toBe(
      lines(
        'NAME                      READY   STATUS    RESTARTS      AGE   IP            NODE          NOMINATED NODE   READINESS GATES',
        'curl-pod                  1/1     Running   6 (8h ago)    20d   10.244.0.4    flannel-ctr   <none>           <none>',
        'webpod-697b545f57-7rsn9   1/1     Running   2 (28h ago)   20d   10.244.2.10   flannel-w2    <none>           <none>',
      ),
    );
  });

  it('services -o wide: NodePort and ExternalName', () => {
    const nodePort: Service = {
      metadata: { name: 'nginx-service', creationTimestamp: ago(22 * MIN) },
      spec: { type: 'NodePort', clusterIP: '172.20.152.220', clusterIPs: ['172.20.152.220'], selector: { app: 'nginx' }, ports: [{ port: 80, nodePort: 31282, protocol: 'TCP' }] },
    };
    expect(printTable({ kind: 'Service', items: [nodePort] }, { wide: true }, NOW)).toBe(
      lines(
        'NAME            TYPE       CLUSTER-IP       EXTERNAL-IP   PORT(S)        AGE   SELECTOR',
        'nginx-service   NodePort   172.20.152.220   <none>        80:31282/TCP   22m   app=nginx',
      ),
    );
    const external: Service = {
      metadata: { name: 'external-api', creationTimestamp: ago(0) },
      spec: { type: 'ExternalName', externalName: 'example.com' },
    };
    expect(printTable({ kind: 'Service', items: [external] }, { wide: true }, NOW)).toBe(
      lines(
        'NAME           TYPE           CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE   SELECTOR',
        'external-api   ExternalName   <none>       example.com   <none>    0s    <none>',
      ),
    );
  });

  it('endpoints and endpointslices', () => {
    const ep: Endpoints = {
      metadata: { name: 'nginx-svc', creationTimestamp: ago(0) },
      subsets: [{ addresses: [{ ip: '10.244.0.5' }, { ip: '10.244.0.6' }], ports: [{ port: 80, protocol: 'TCP' }] }],
    };
    expect(printTable({ kind: 'Endpoints', items: [ep] }, {}, NOW)).toBe(
      lines('NAME        ENDPOINTS                     AGE', 'nginx-svc   10.244.0.5:80,10.244.0.6:80   0s'),
    );
    const slice: EndpointSlice = {
      metadata: { name: 'nginx-svc-hb5wz', creationTimestamp: ago(0) },
      addressType: 'IPv4',
      ports: [{ name: '', port: 80, protocol: 'TCP' }],
      endpoints: [{ addresses: ['10.244.0.6'] }, { addresses: ['10.244.0.5'] }],
    };
    expect(printTable({ kind: 'EndpointSlice', items: [slice] }, { wide: true }, NOW)).toBe(
      lines('NAME              ADDRESSTYPE   PORTS   ENDPOINTS               AGE', 'nginx-svc-hb5wz   IPv4          80      10.244.0.6,10.244.0.5   0s'),
    );
  });

  it('deployments', () => {
    const d: Deployment = {
      metadata: { name: 'som-db', creationTimestamp: ago(37 * 1000) },
      spec: { replicas: 2, selector: { matchLabels: { app: 'som-db' } }, template: {} },
      status: { readyReplicas: 1, updatedReplicas: 2, availableReplicas: 1 },
    };
    expect(printTable({ kind: 'Deployment', items: [d] }, {}, NOW)).toBe(
      lines('NAME     READY   UP-TO-DATE   AVAILABLE   AGE', 'som-db   1/2     2            1           37s'),
    );
  });
});

describe('kubectl get: decorations', () => {
  const p = pod('test1', { age: 20 * HOUR, namespace: 'test-namespace', labels: { 'second-label': 'label-value', 'first-label': '12' } });

  it('adds NAMESPACE with -A and LABELS with --show-labels', () => {
    expect(printTable({ kind: 'Pod', items: [p] }, { withNamespace: true }, NOW)).toBe(
      lines('NAMESPACE        NAME    READY   STATUS    RESTARTS   AGE', 'test-namespace   test1   1/1     Running   0          20h'),
    );
    expect(printTable({ kind: 'Pod', items: [p] }, { showLabels: true }, NOW)).toBe(
      lines(
        'NAME    READY   STATUS    RESTARTS   AGE   LABELS',
        'test1   1/1     Running   0          20h   first-label=12,second-label=label-value',
      ),
    );
    expect(printTable({ kind: 'Pod', items: [pod('x', { age: DAY })] }, { showLabels: true, noHeaders: true }, NOW)).toBe(
      lines('x     1/1   Running   0     24h   <none>'),
    );
  });

  it('prints several kinds like kubectl get all', () => {
    const svc: Service = {
      metadata: { name: 'kubernetes', creationTimestamp: ago(5 * DAY) },
      spec: { type: 'ClusterIP', clusterIPs: ['10.96.0.1'], ports: [{ port: 443, protocol: 'TCP' }] },
    };
    const deploy: Deployment = {
      metadata: { name: 'web', creationTimestamp: ago(5 * MIN) },
      spec: { replicas: 1, selector: {}, template: {} },
      status: { readyReplicas: 1, updatedReplicas: 1, availableReplicas: 1 },
    };
    const rs: ReplicaSet = {
      metadata: { name: 'web-7f9c8d5b6', creationTimestamp: ago(5 * MIN) },
      spec: { replicas: 1, selector: {} },
      status: { replicas: 1, readyReplicas: 1 },
    };
    const out = printTable(
      [
        { kind: 'Pod', items: [pod('web-7f9c8d5b6-x2x4q', { age: 5 * MIN })] },
        { kind: 'Service', items: [svc] },
        { kind: 'Deployment', items: [deploy] },
        { kind: 'ReplicaSet', items: [rs] },
      ],
      {},
      NOW,
    );
    expect(out).toBe(
      lines(
        'NAME                      READY   STATUS    RESTARTS   AGE',
        'pod/web-7f9c8d5b6-x2x4q   1/1     Running   0          5m',
        '',
        'NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE',
        'service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   5d',
        '',
        'NAME                  READY   UP-TO-DATE   AVAILABLE   AGE',
        'deployment.apps/web   1/1     1            1           5m',
        '',
        'NAME                            DESIRED   CURRENT   READY   AGE',
        'replicaset.apps/web-7f9c8d5b6   1         1         1       5m',
      ),
    );
  });

  it('skips empty kinds without an extra blank line but keeps the kind prefix', () => {
    const svc: Service = { metadata: { name: 'kubernetes', creationTimestamp: ago(DAY) }, spec: { type: 'ClusterIP', clusterIPs: ['10.96.0.1'], ports: [{ port: 443, protocol: 'TCP' }] } };
    const out = printTable([{ kind: 'Pod', items: [] }, { kind: 'Service', items: [svc] }, { kind: 'Deployment', items: [] }], {}, NOW);
    expect(out).toBe(lines('NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE', 'service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   24h'));
  });

  it('reports empty results on stderr', () => {
    expect(printGet({ kind: 'Pod', items: [] }, { namespace: 'default' }, NOW)).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n' });
    expect(printGet({ kind: 'Pod', items: [] }, { namespace: 'default', withNamespace: true }, NOW)).toEqual({ stdout: '', stderr: 'No resources found\n' });
    expect(printGet({ kind: 'Node', items: [] }, { namespace: 'default' }, NOW)).toEqual({ stdout: '', stderr: 'No resources found\n' });
  });
});
