import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { unknownFields } from '../../../src/engine/api/validation/known-fields';
import { bench } from './harness';

const TYPO_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replica: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      nodeSelector: {disk: ssd}
      containers:
      - name: web
        image: nginx
        imagee: nginx:1.27
        ports:
        - containerPort: 80
          protocl: TCP
`;

describe('strict field validation (fieldValidation=Strict, kubectl default)', () => {
  test('a typo in a manifest is refused with every unknown field, and nothing is created', () => {
    const b = bench();
    b.file('web.yaml', TYPO_DEPLOYMENT);
    const r = b.k('apply -f web.yaml');
    expect(r.stderr).toBe(
      'Error from server (BadRequest): error when creating "web.yaml": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: ' +
        'unknown field "spec.replica", unknown field "spec.template.spec.containers[0].imagee", unknown field "spec.template.spec.containers[0].ports[0].protocl"\n',
    );
    expect(r.exitCode).toBe(1);
    expect(b.cluster.api.tryGet('deployments', 'default', 'web')).toBeUndefined();
    expect(b.k('create -f web.yaml').stderr).toContain('error when creating "web.yaml": Deployment in version "v1" cannot be handled as a Deployment');
  });

  test('--validate=warn creates the object and warns per field; --validate=false is silent; bad values are refused', () => {
    const b = bench();
    b.file('web.yaml', TYPO_DEPLOYMENT);
    const warned = b.k('create -f web.yaml --validate=warn');
    expect(warned.stdout).toBe('deployment.apps/web created\n');
    expect(warned.stderr).toBe(
      'Warning: unknown field "spec.replica"\nWarning: unknown field "spec.template.spec.containers[0].imagee"\nWarning: unknown field "spec.template.spec.containers[0].ports[0].protocl"\n',
    );
    expect(b.k('replace -f web.yaml --validate=false')).toEqual({ stdout: 'deployment.apps/web replaced\n', stderr: '', exitCode: 0 });
    expect(b.k('apply -f web.yaml --validate=maybe').stderr).toBe('error: invalid - validate option "maybe"; must be one of: strict (or true), warn, ignore (or false)\n');
  });

  test('maps keep free-form keys; every real field of the served kinds is known', () => {
    expect(unknownFields('Pod', { metadata: { labels: { 'any/key': 'v' }, annotations: { x: 'y' } }, spec: { nodeSelector: { disk: 'ssd' }, containers: [{ name: 'c', resources: { limits: { cpu: '1' } } }] } })).toEqual([]);
    expect(unknownFields('Service', { spec: { ports: [{ port: 80, targetPort: 'http', nodePort: 30080 }], selector: { app: 'web' }, sessionAffinityConfig: { clientIP: { timeoutSeconds: 10 } } } })).toEqual([]);
    expect(unknownFields('Pod', { spec: { containers: [{ name: 'c', lifecycle: { preStop: { sleep: { seconds: 5 } }, stopSignal: 'SIGQUIT' } }] } })).toEqual([]);
    expect(unknownFields('Pod', { metadata: { nmae: 'x' }, spec: { containers: [{ name: 'c', env: [{ name: 'A', vlaue: '1' }] }] } })).toEqual(['metadata.nmae', 'spec.containers[0].env[0].vlaue']);
  });

  test('the generated schema matches the installed kubernetes-types', () => {
    expect(() => execFileSync(process.execPath, ['scripts/gen-known-fields.mjs', '--check'], { stdio: 'pipe' })).not.toThrow();
  });
});

const WRONG_TYPES = (replicas: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx
        resources:
          requests: {cpu: 1, memory: 64Mi}
${extra}`;

describe('values of the wrong JSON type (decoding, before any field validation)', () => {
  test('a string where Go has an int32 is refused as encoding/json words it, whatever --validate says', () => {
    const b = bench();
    b.file('web.yaml', WRONG_TYPES('three'));
    const message = 'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32';
    expect(b.k('apply -f web.yaml')).toEqual({ stdout: '', stderr: `Error from server (BadRequest): error when creating "web.yaml": ${message}\n`, exitCode: 1 });
    expect(b.k('apply -f web.yaml --validate=false').stderr).toContain(message);
    expect(b.k('get deploy').stderr).toBe('No resources found in default namespace.\n');
  });

  test('names the struct and path of nested fields, maps and lists; quantities may be numbers', () => {
    const b = bench();
    b.file('a.yaml', WRONG_TYPES('1', '        env:\n        - name: A\n          value: 1\n'));
    expect(b.k('apply -f a.yaml').stderr).toContain('json: cannot unmarshal number into Go struct field EnvVar.spec.template.spec.containers.env.value of type string');
    b.file('b.yaml', WRONG_TYPES('1.5'));
    expect(b.k('apply -f b.yaml').stderr).toContain('json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32');
    b.file('c.yaml', WRONG_TYPES('2').replace('labels: {app: web}\nspec:', 'labels: {app: web, v: 1}\nspec:'));
    expect(b.k('apply -f c.yaml').stderr).toContain('json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string');
    b.file('ok.yaml', WRONG_TYPES('2'));
    expect(b.k('apply -f ok.yaml').stdout).toBe('deployment.apps/web created\n');
  });
});
