import type { Deployment } from 'kubernetes-types/apps/v1';
import { describe, expect, test } from 'vitest';
import { bench } from './harness';
import { WEB_DEPLOYMENT } from './fixtures';

function withWeb() {
  const b = bench();
  b.file('web.yaml', WEB_DEPLOYMENT);
  b.k('apply -f web.yaml');
  const web = () => b.cluster.api.get<Deployment>('deployments', 'default', 'web');
  return { b, web };
}

describe('kubectl patch', () => {
  test('a strategic merge patch merges containers by name, so a preStop hook keeps the image', () => {
    const { b, web } = withWeb();
    const hook = '{"spec":{"template":{"spec":{"containers":[{"name":"web","lifecycle":{"preStop":{"sleep":{"seconds":5}}}}]}}}}';
    expect(b.k(['patch', 'deployment', 'web', '-p', hook])).toEqual({ stdout: 'deployment.apps/web patched\n', stderr: '', exitCode: 0 });
    const [container] = web().spec!.template.spec!.containers;
    expect(container).toMatchObject({ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }], lifecycle: { preStop: { sleep: { seconds: 5 } } } });
    expect(web().metadata?.generation).toBe(2);
    expect(b.k(['patch', 'deployment', 'web', '-p', hook]).stdout).toBe('deployment.apps/web patched (no change)\n');
    // A client dry run shows the result and writes nothing.
    expect(b.k(['patch', 'deployment', 'web', '--dry-run=client', '-p', '{"spec":{"replicas":9}}']).stdout).toBe('deployment.apps/web patched (dry run)\n');
    expect(b.k(['patch', 'deployment', 'web', '--dry-run=client', '-o', 'jsonpath={.spec.replicas}', '-p', '{"spec":{"replicas":9}}']).stdout).toBe('9');
    expect(web().spec?.replicas).toBe(2);
    // null deletes a field; $patch: delete removes a keyed list item.
    b.k(['patch', 'deploy/web', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"side","image":"busybox"}]}}}}']);
    expect(web().spec!.template.spec!.containers.map((c) => c.name)).toEqual(['web', 'side']);
    b.k(['patch', 'deploy/web', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"side","$patch":"delete"}]}}}}']);
    b.k(['patch', 'deploy/web', '-p', '{"metadata":{"labels":{"app":null}}}']);
    expect(web().spec!.template.spec!.containers.map((c) => c.name)).toEqual(['web']);
    expect(web().metadata?.labels?.app).toBeUndefined();
  });

  test('a JSON merge patch replaces lists whole, and accepts YAML', () => {
    const { b, web } = withWeb();
    expect(b.k(['patch', 'deployment', 'web', '--type', 'merge', '-p', 'spec: {replicas: 5}']).stdout).toBe('deployment.apps/web patched\n');
    expect(web().spec?.replicas).toBe(5);
    // The container list is replaced, so the required image goes missing: the update is invalid.
    const r = b.k(['patch', 'deployment', 'web', '--type=merge', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"web"}]}}}}']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('spec.template.spec.containers[0].image: Required value');
  });

  test('a JSON patch applies operations in order, and a missing path fails as the API server says', () => {
    const { b, web } = withWeb();
    const ops = '[{"op":"replace","path":"/spec/replicas","value":1},{"op":"add","path":"/spec/template/spec/containers/0/env","value":[{"name":"A","value":"1"}]}]';
    expect(b.k(['patch', 'deployment', 'web', '--type=json', `-p=${ops}`]).stdout).toBe('deployment.apps/web patched\n');
    expect(web().spec?.replicas).toBe(1);
    expect(web().spec?.template.spec?.containers[0]?.env).toEqual([{ name: 'A', value: '1' }]);
    expect(b.k(['patch', 'deployment', 'web', '--type=json', '-p=[{"op":"remove","path":"/spec/template/spec/nodeSelector"}]'])).toEqual({
      stdout: '',
      stderr: 'Error from server: jsonpatch remove operation does not apply: doc is missing path: "/spec/template/spec/nodeSelector": missing value\n',
      exitCode: 1,
    });
  });

  test('bad input: unknown object, unparsable patch, unknown type, no patch', () => {
    const { b } = withWeb();
    expect(b.k(['patch', 'deployment', 'nope', '-p', '{}']).stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    // patch.go reads -p with yaml.ToJSON: go-yaml's message, the patch quoted as %q does.
    expect(b.k(['patch', 'deployment', 'web', '-p', '{bad']).stderr).toBe('error: unable to parse "{bad": yaml: line 1: did not find expected \',\' or \'}\'\n');
    expect(b.k(['patch', 'deployment', 'web', '-p', '{"a": [1}']).stderr).toBe('error: unable to parse "{\\"a\\": [1}": yaml: line 1: did not find expected \',\' or \']\'\n');
    expect(b.k(['patch', 'deployment', 'web', '-p', '{"spec":{"replicas":"three"}}']).stderr).toBe(
      'Error from server (BadRequest): Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32\n',
    );
    expect(b.k(['patch', 'deployment', 'web', '--type=xml', '-p', '{}']).stderr).toMatch(/^error: --type must be one of \[json merge strategic\], not "xml"/);
    expect(b.k(['patch', 'deployment', 'web']).stderr).toMatch(/^error: must specify --patch or --patch-file/);
  });
});
