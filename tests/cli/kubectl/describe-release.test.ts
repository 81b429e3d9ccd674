import { describe, expect, test } from 'vitest';
import { bench } from './harness';

const PROBED = `apiVersion: v1
kind: Pod
metadata:
  name: probed
spec:
  nodeName: node-1
  containers:
  - name: web
    image: nginx:1.27
    readinessProbe:
      httpGet: { path: /healthz, port: 80 }
`;

describe("describe texts follow the cluster's kubectl release", () => {
  test('probe thresholds: #success/#failure until 1.36, named from 1.37', () => {
    for (const [version, wording] of [['1.34.2', '#success=1 #failure=3'], ['1.36.0', '#success=1 #failure=3'], ['1.37.0', 'successThreshold=1 failureThreshold=3']] as const) {
      const b = bench({ version });
      b.file('probed.yaml', PROBED);
      b.k('apply -f probed.yaml');
      expect(b.k('describe pod probed').stdout).toContain(`    Readiness:    http-get http://:80/healthz delay=0s timeout=1s period=10s ${wording}\n`);
    }
  });

  test('node System Info lists Kube-Proxy Version (empty: the kubelet no longer sets it) until 1.35', () => {
    const line = /^ {2}Kubelet Version:\s+v1\.\d+\.\d+\n {2}Kube-Proxy Version:\s*\n/m;
    expect(bench({ version: '1.35.0' }).k('describe node node-1').stdout).toMatch(line);
    const newer = bench({ version: '1.36.0' }).k('describe node node-1').stdout;
    expect(newer).toMatch(/^ {2}Kubelet Version:\s+v1\.36\.0\n/m);
    expect(newer).not.toContain('Kube-Proxy Version');
  });

  test('node System Info: a machine id, product UUID and boot id, as the kubelet reads them from the machine', () => {
    const info = bench().k('describe node node-1').stdout;
    expect(info).toMatch(/^ {2}Machine ID:\s+[0-9a-f]{32}\n {2}System UUID:\s+[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\n {2}Boot ID:\s+[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\n/m);
    expect(bench({ seed: 2 }).k('describe node node-1').stdout).toContain(/Machine ID:\s+(\S+)/.exec(info)![1]!);
    expect(bench().k('describe node node-2').stdout).not.toContain(/Machine ID:\s+(\S+)/.exec(info)![1]!);
  });
});
