import { describe, expect, test } from 'vitest';
import { Session } from '../../../src/cli/session';

const outputs = (lines: string[]) => {
  const session = new Session({ seed: 1 });
  return lines.map((line) => session.run(line).output);
};

describe('resource names as ParseResourceArg reads them', () => {
  test('resource.version.group and resource.group, as kubectl get --help shows', () => {
    const [, full, group, core, wrong] = outputs([
      'kubectl create deployment web --image=nginx:1.27 >/dev/null',
      'kubectl get deployments.v1.apps -o name',
      'kubectl get deploy.apps -o name',
      'kubectl get namespaces.v1. -o name | head -1',
      'kubectl get deployments.v2.apps',
    ]);
    expect([full, group, core]).toEqual(['deployment.apps/web\n', 'deployment.apps/web\n', 'namespace/default\n']);
    expect(wrong).toBe('error: the server doesn\'t have a resource type "deployments.v2.apps"\n');
  });
});

describe('kubectl config view -o', () => {
  test('jsonpath reads the kubeconfig; json is in clientcmd v1 struct order, as a real kubectl prints it', () => {
    const [, ns, json, wide] = outputs([
      'kubectl config set-context --current --namespace=dev',
      "kubectl config view --minify -o jsonpath='{..namespace}'",
      'kubectl config view -o json | head -4',
      'kubectl config view -o wide',
    ]);
    expect(ns).toBe('dev');
    expect(json).toBe('{\n    "kind": "Config",\n    "apiVersion": "v1",\n    "preferences": {},\n');
    expect(wide).toMatch(/^error: unable to match a printer suitable for the output format "wide"/);
  });
});
