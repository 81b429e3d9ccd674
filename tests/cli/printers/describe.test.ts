import { describe, expect, it } from 'vitest';
import type { Event, Pod, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { describePod, describeService } from '../../../src/cli/kubectl/printers/describe/index';

const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('describe service', () => {
  it('reproduces upstream TestDescribeService "test1"', () => {
    const svc: Service = {
      metadata: { name: 'bar', namespace: 'foo' },
      spec: {
        type: 'LoadBalancer',
        ports: [{ name: 'port-tcp', port: 8080, protocol: 'TCP', targetPort: 9527, nodePort: 31111 }],
        selector: { blah: 'heh' },
        clusterIP: '1.2.3.4',
        ipFamilies: ['IPv4'],
        loadBalancerIP: '5.6.7.8',
        sessionAffinity: 'None',
        externalTrafficPolicy: 'Local',
        internalTrafficPolicy: 'Cluster',
        healthCheckNodePort: 32222,
      },
      status: { loadBalancer: { ingress: [{ ip: '5.6.7.8', ipMode: 'VIP' }] } },
    };
    const slice: EndpointSlice = {
      metadata: { name: 'bar-abcde', namespace: 'foo', labels: { 'kubernetes.io/service-name': 'bar' } },
      addressType: 'IPv4',
      endpoints: ['10.244.0.1', '10.244.0.2', '10.244.0.3'].map((ip) => ({ addresses: [ip], conditions: { ready: true } })),
      ports: [{ name: 'port-tcp', port: 9527, protocol: 'TCP' }],
    };
    expect(describeService(svc, [slice], [], 0)).toBe(
      lines(
        'Name:                     bar',
        'Namespace:                foo',
        'Labels:                   <none>',
        'Annotations:              <none>',
        'Selector:                 blah=heh',
        'Type:                     LoadBalancer',
        'IP Families:              IPv4',
        'IP:                       1.2.3.4',
        'IPs:                      <none>',
        'Desired LoadBalancer IP:  5.6.7.8',
        'LoadBalancer Ingress:     5.6.7.8 (VIP)',
        'Port:                     port-tcp  8080/TCP',
        'TargetPort:               9527/TCP',
        'NodePort:                 port-tcp  31111/TCP',
        'Endpoints:                10.244.0.1:9527,10.244.0.2:9527,10.244.0.3:9527',
        'Session Affinity:         None',
        'External Traffic Policy:  Local',
        'Internal Traffic Policy:  Cluster',
        'HealthCheck NodePort:     32222',
        'Events:                   <none>',
      ),
    );
  });

  it('caps endpoints at three, skips unready ones and names unnamed ports <unset>', () => {
    const svc: Service = {
      metadata: { name: 'web', namespace: 'default' },
      spec: { type: 'ClusterIP', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ports: [{ port: 80, protocol: 'TCP', targetPort: 'http' }], sessionAffinity: 'None' },
    };
    const slice: EndpointSlice = {
      metadata: { name: 'web-x' },
      addressType: 'IPv4',
      endpoints: ['1', '2', '3', '4', '5'].map((n, i) => ({ addresses: [`10.0.0.${n}`], conditions: { ready: i !== 1 } })),
      ports: [{ name: '', port: 8080, protocol: 'TCP' }],
    };
    const out = describeService(svc, [slice], undefined, 0);
    expect(out).toContain('Port:              <unset>  80/TCP\nTargetPort:        http/TCP\n');
    expect(out).toContain('Endpoints:         10.0.0.1:8080,10.0.0.3:8080,10.0.0.4:8080 + 1 more...\n');
    expect(out).not.toContain('Events');
  });
});

describe('describe pod', () => {
  const at = (s: string) => `2026-01-01T00:${s}Z`;
  const pod: Pod = {
    metadata: { name: 'nginx', namespace: 'default', labels: { app: 'nginx' }, creationTimestamp: at('00:05') },
    spec: {
      priority: 0,
      serviceAccountName: 'default',
      nodeName: 'minikube',
      containers: [
        {
          name: 'nginx',
          image: 'nginx:1.14.2',
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          volumeMounts: [{ name: 'kube-api-access-x4b6m', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }],
        },
      ],
      volumes: [
        {
          name: 'kube-api-access-x4b6m',
          projected: {
            sources: [
              { serviceAccountToken: { path: 'token', expirationSeconds: 3607 } },
              { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
              { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
            ],
          },
        },
      ],
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
    },
    status: {
      phase: 'Running',
      hostIP: '192.168.49.2',
      podIP: '10.244.0.5',
      podIPs: [{ ip: '10.244.0.5' }],
      startTime: at('00:05'),
      qosClass: 'BestEffort',
      conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True' })),
      containerStatuses: [
        {
          name: 'nginx',
          image: 'nginx:1.14.2',
          containerID: 'containerd://0d3f1c2b',
          imageID: 'docker.io/library/nginx@sha256:f7988fb6c02e',
          ready: true,
          started: true,
          restartCount: 0,
          state: { running: { startedAt: at('00:07') } },
        },
      ],
    },
  };
  const kubelet = (reason: string, message: string, time: string): Event => ({
    metadata: { name: `nginx.${reason}`, namespace: 'default' },
    involvedObject: { kind: 'Pod', name: 'nginx', namespace: 'default', fieldPath: 'spec.containers{nginx}' },
    reason,
    message,
    type: 'Normal',
    source: { component: 'kubelet', host: 'minikube' },
    firstTimestamp: at(time),
    lastTimestamp: at(time),
    count: 1,
  });
  const events: Event[] = [
    kubelet('Pulled', 'Container image "nginx:1.14.2" already present on machine and can be accessed by the pod', '00:06'),
    kubelet('Created', 'Container created', '00:06'),
    kubelet('Started', 'Container started', '00:07'),
    {
      metadata: { name: 'nginx.sched', namespace: 'default' },
      involvedObject: { kind: 'Pod', name: 'nginx', namespace: 'default' },
      reason: 'Scheduled',
      message: 'Successfully assigned default/nginx to minikube',
      type: 'Normal',
      reportingComponent: 'default-scheduler',
      eventTime: '2026-01-01T00:00:05.000000Z',
    },
  ];

  it('prints a running nginx pod with its four events', () => {
    expect(describePod(pod, events, Date.parse(at('03:06')))).toBe(
      lines(
        'Name:             nginx',
        'Namespace:        default',
        'Priority:         0',
        'Service Account:  default',
        'Node:             minikube/192.168.49.2',
        'Start Time:       Thu, 01 Jan 2026 00:00:05 +0000',
        'Labels:           app=nginx',
        'Annotations:      <none>',
        'Status:           Running',
        'IP:               10.244.0.5',
        'IPs:',
        '  IP:  10.244.0.5',
        'Containers:',
        '  nginx:',
        '    Container ID:   containerd://0d3f1c2b',
        '    Image:          nginx:1.14.2',
        '    Image ID:       docker.io/library/nginx@sha256:f7988fb6c02e',
        '    Port:           80/TCP',
        '    Host Port:      0/TCP',
        '    State:          Running',
        '      Started:      Thu, 01 Jan 2026 00:00:07 +0000',
        '    Ready:          True',
        '    Restart Count:  0',
        '    Environment:    <none>',
        '    Mounts:',
        '      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-x4b6m (ro)',
        'Conditions:',
        '  Type                        Status',
        '  PodReadyToStartContainers   True ',
        '  Initialized                 True ',
        '  Ready                       True ',
        '  ContainersReady             True ',
        '  PodScheduled                True ',
        'Volumes:',
        '  kube-api-access-x4b6m:',
        '    Type:                    Projected (a volume that contains injected data from multiple sources)',
        '    TokenExpirationSeconds:  3607',
        '    ConfigMapName:           kube-root-ca.crt',
        '    Optional:                false',
        '    DownwardAPI:             true',
        'QoS Class:                   BestEffort',
        'Node-Selectors:              <none>',
        'Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s',
        '                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s',
        'Events:',
        '  Type    Reason     Age    From               Message',
        '  ----    ------     ----   ----               -------',
        '  Normal  Scheduled  3m1s   default-scheduler  Successfully assigned default/nginx to minikube',
        '  Normal  Pulled     3m     kubelet            spec.containers{nginx}: Container image "nginx:1.14.2" already present on machine and can be accessed by the pod',
        '  Normal  Created    3m     kubelet            spec.containers{nginx}: Container created',
        '  Normal  Started    2m59s  kubelet            spec.containers{nginx}: Container started',
      ),
    );
  });

  it('shows Terminating, the controller, restarts and repeated events', () => {
    const deleting: Pod = {
      ...pod,
      metadata: {
        ...pod.metadata,
        deletionTimestamp: at('03:00'),
        deletionGracePeriodSeconds: 30,
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'nginx-7f9c8d5b6', uid: 'u', controller: true }],
      },
    };
    const backoff: Event = {
      ...kubelet('BackOff', 'Back-off restarting failed container nginx in pod nginx_default(u)', '00:10'),
      type: 'Warning',
      lastTimestamp: at('02:06'),
      count: 7,
    };
    const out = describePod(deleting, [backoff], Date.parse(at('03:06')));
    expect(out).toContain('Status:                    Terminating (lasts 6s)\nTermination Grace Period:  30s\n');
    expect(out).toContain('IPs:\n  IP:           10.244.0.5\nControlled By:  ReplicaSet/nginx-7f9c8d5b6\nContainers:\n');
    expect(out).toContain(
      '  Warning  BackOff  60s (x7 over 2m56s)  kubelet  spec.containers{nginx}: Back-off restarting failed container nginx in pod nginx_default(u)\n',
    );
  });
});
