import type { Service } from 'kubernetes-types/core/v1';
import { describe, expect, test } from 'vitest';
import { toYaml } from '../../../src/cli/kubectl/output';
import { bench } from './harness';
import { WEB_DEPLOYMENT } from './fixtures';

/** `kubectl create deployment web --image=nginx:1.27 --replicas=3 --dry-run=client -o yaml`, as kubectl v1.32 prints it. */
const DEPLOYMENT_1_32 = `apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: nginx:1.27
        name: nginx
        resources: {}
status: {}
`;

/** From 1.34 a zero creationTimestamp is omitted rather than written as null (kubernetes#130989). */
const withoutNullTimestamps = (yaml: string): string => yaml.replace(/^ *creationTimestamp: null\n/gm, '');

describe('generators with --dry-run=client -o yaml print what kubectl prints', () => {
  test('create deployment repeats the labels in full (no YAML anchors) and names no namespace without -n', () => {
    const cmd = 'create deployment web --image=nginx:1.27 --replicas=3 --dry-run=client -o yaml';
    expect(bench({ version: '1.33.1' }).k(cmd)).toEqual({ stdout: DEPLOYMENT_1_32, stderr: '', exitCode: 0 });
    expect(bench().k(cmd).stdout).toBe(withoutNullTimestamps(DEPLOYMENT_1_32));
  });

  test('-n puts the namespace in the generated metadata', () => {
    const out = bench().k('create deployment web --image=nginx:1.27 -n dev --dry-run=client -o yaml').stdout;
    expect(out.split('spec:')[0]).toBe('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels:\n    app: web\n  name: web\n  namespace: dev\n');
  });

  test('create service clusterip and nodeport share labels and selector without anchors', () => {
    const service = (type: string) => `apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  ports:
  - name: 80-8080
    port: 80
    protocol: TCP
    targetPort: 8080
  selector:
    app: web
  type: ${type}
status:
  loadBalancer: {}
`;
    const b = bench({ version: '1.33.1' });
    expect(b.k('create service clusterip web --tcp=80:8080 --dry-run=client -o yaml').stdout).toBe(service('ClusterIP'));
    expect(b.k('create service nodeport web --tcp=80:8080 --dry-run=client -o yaml').stdout).toBe(service('NodePort'));
    expect(bench().k('create service clusterip web --tcp=80:8080 --dry-run=client -o yaml').stdout).toBe(withoutNullTimestamps(service('ClusterIP')));
  });

  test('an ExternalName service has no ports at all', () => {
    expect(bench().k('create service externalname docs --external-name kubernetes.io --dry-run=client -o yaml').stdout).toBe(`apiVersion: v1
kind: Service
metadata:
  labels:
    app: docs
  name: docs
spec:
  externalName: kubernetes.io
  selector:
    app: docs
  type: ExternalName
status:
  loadBalancer: {}
`);
  });

  test('run and expose name no namespace either, and a 1.33 cluster prints the null timestamp', () => {
    const b = bench({ version: '1.33.1' });
    expect(b.k('run web --image=nginx --dry-run=client -o yaml').stdout).toBe(`apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: web
  name: web
spec:
  containers:
  - image: nginx
    name: web
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
`);
    b.file('web.yaml', WEB_DEPLOYMENT);
    b.k('apply -f web.yaml');
    expect(b.k('expose deployment web --port=80 --dry-run=client -o yaml').stdout).toBe(`apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  ports:
  - port: 80
    protocol: TCP
    targetPort: 80
  selector:
    app: web
status:
  loadBalancer: {}
`);
  });

  test('without --dry-run the object still goes to the namespace in effect', () => {
    const b = bench();
    b.k('create namespace dev');
    expect(b.k('create service clusterip web --tcp=80 -n dev').stdout).toBe('service/web created\n');
    expect(b.cluster.api.get<Service>('services', 'dev', 'web').metadata?.namespace).toBe('dev');
    expect(b.k('create deployment web --image=nginx').stdout).toBe('deployment.apps/web created\n');
    expect(b.k('get deploy web -o jsonpath={.metadata.namespace}').stdout).toBe('default');
  });

  test('a namespace kubectl creates (it sends status: {}) is Active at once, with the kubernetes finalizer', () => {
    const b = bench();
    expect(b.k('create namespace dev').stdout).toBe('namespace/dev created\n');
    expect(b.k('get ns dev').stdout).toBe('NAME   STATUS   AGE\ndev    Active   0s\n');
    expect(b.k('get ns dev -o jsonpath={.spec.finalizers}').stdout).toBe('["kubernetes"]');
    expect(b.k('create namespace dev --dry-run=client -o jsonpath={.status}').stdout).toBe('{}');
  });

  test('no -o yaml output writes an object reached twice as an anchor and alias', () => {
    const labels = { app: 'web' };
    expect(toYaml({ a: labels, b: { c: labels } })).toBe('a:\n  app: web\nb:\n  c:\n    app: web\n');
  });
});
