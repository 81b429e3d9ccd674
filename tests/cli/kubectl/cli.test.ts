import { describe, expect, test } from 'vitest';
import { bench, words } from './harness';

describe('kubectl command line', () => {
  test('with no arguments prints the root help', () => {
    const r = bench().k('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('kubectl controls the Kubernetes cluster manager.');
    expect(r.stdout).toMatch(/^ {2}get +Display one or many resources$/m);
  });

  test('an unknown verb suggests close ones', () => {
    expect(bench().k('gett pods')).toEqual({ stdout: '', stderr: 'error: unknown command "gett" for "kubectl"\n\nDid you mean this?\n\tget\n\tset\n', exitCode: 1 });
    expect(bench().k('frobnicate').stderr).toBe('error: unknown command "frobnicate" for "kubectl"\n');
  });

  test('an unknown flag names the verb help', () => {
    expect(bench().k('get pods --foo')).toEqual({ stdout: '', stderr: "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n", exitCode: 1 });
    const b = bench();
    expect(b.k('rollout status deploy/web --foo').stderr).toBe("error: unknown flag: --foo\nSee 'kubectl rollout status --help' for usage.\n");
    expect(b.k('create svc clusterip web --foo').stderr).toBe("error: unknown flag: --foo\nSee 'kubectl create service clusterip --help' for usage.\n");
    expect(b.k('set image --foo deploy/web web=nginx').stderr).toBe("error: unknown flag: --foo\nSee 'kubectl set image --help' for usage.\n");
    expect(bench().k('get pods -z').stderr).toBe("error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.\n");
    expect(bench().k('scale deploy web --replicas=x').stderr).toBe(
      'error: invalid argument "x" for "--replicas" flag: strconv.ParseInt: parsing "x": invalid syntax\nSee \'kubectl scale --help\' for usage.\n',
    );
  });

  test('flags parse like pflag: -n ns, --namespace=ns, -nns, global flags before the verb', () => {
    const b = bench();
    const expected = 'No resources found in kube-system namespace.\n';
    expect(b.k('get pods -n kube-system').stderr).toBe(expected);
    expect(b.k('get pods --namespace=kube-system').stderr).toBe(expected);
    expect(b.k('get pods -nkube-system').stderr).toBe(expected);
    expect(b.k('-n kube-system get pods').stderr).toBe(expected);
  });

  test('an unknown resource type', () => {
    expect(bench().k('get foo')).toEqual({ stdout: '', stderr: 'error: the server doesn\'t have a resource type "foo"\n', exitCode: 1 });
    // A kind every real cluster serves is not called unknown: the simulation says it lacks it.
    for (const name of ['jobs', 'job', 'sts', 'networkpolicy', 'storageclass', 'componentstatus']) {
      expect(bench().k(`get ${name}`).stderr).toMatch(/^error: [a-z]+ are not available in this simulated cluster \(kubectl api-resources lists what it serves\)\n$/);
    }
  });

  test('the test shell splitter keeps quoted words together', () => {
    expect(words(`get pods -o 'jsonpath={.items[*].metadata.name}'`)).toEqual(['get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}']);
  });

  test('version prints the pinned version', () => {
    expect(bench().k('version').stdout).toBe('Client Version: v1.34.2\nKustomize Version: v5.7.1\nServer Version: v1.34.2\n');
    expect(bench({ version: '1.33.1' }).k('version --client').stdout).toBe('Client Version: v1.33.1\nKustomize Version: v5.6.0\n');
  });

  test('config set-context changes the namespace later commands use', () => {
    const b = bench();
    expect(b.k('config set-context --current --namespace=kube-system').stdout).toBe('Context "clusterlab" modified.\n');
    expect(b.k('get pods').stderr).toBe('No resources found in kube-system namespace.\n');
  });
});

describe('kubectl api-resources', () => {
  test('filters by group and scope, sorts by name or kind, prints -o name and --no-headers, and refuses what kubectl refuses', () => {
    const b = bench();
    expect(b.k('api-resources --no-headers --api-group=apps -o name').stdout).toBe('controllerrevisions.apps\ndaemonsets.apps\ndeployments.apps\nreplicasets.apps\n');
    expect(b.k('api-resources -o name --namespaced=false').stdout).toBe('namespaces\nnodes\ningressclasses.networking.k8s.io\n');
    const byKind = b.k('api-resources --sort-by=kind --no-headers').stdout.split('\n').filter(Boolean).map((l) => l.split(/\s+/).at(-1));
    expect(byKind).toEqual([...byKind].sort());
    expect(b.k('api-resources --api-group=apps').stdout.split('\n')[0]).toMatch(/^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND$/);
    expect(b.k('api-resources --sort-by=group').stderr).toBe('error: --sort-by accepts only name or kind\n');
    expect(b.k('api-resources pods').stderr).toBe("error: unexpected arguments: [pods]\nSee 'kubectl api-resources -h' for help and examples\n");
  });
});
