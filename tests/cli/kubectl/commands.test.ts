import { describe, expect, test } from 'vitest';
import { bench } from './harness';
import { WEB_DEPLOYMENT } from './fixtures';

describe('real kubectl commands the simulator lacks, and typos', () => {
  test('a real command we do not simulate says so honestly, exit 1', () => {
    for (const verb of ['explain pods', 'auth can-i get pods', 'edit deploy/web', 'port-forward pod/web 8080:80', 'cp a b', 'attach web', 'proxy', 'certificate approve x']) {
      const name = verb.split(' ')[0];
      expect(bench().k(verb)).toEqual({ stdout: '', stderr: `error: "kubectl ${name}" is not available in this simulated cluster\n`, exitCode: 1 });
    }
  });

  test('top: a kubeadm cluster serves no metrics API (no metrics-server), so node and pod stop there', () => {
    const b = bench();
    expect(b.k('top nodes')).toEqual({ stdout: '', stderr: 'error: Metrics API not available\n', exitCode: 1 });
    expect(b.k('top pod -A --sort-by=cpu').stderr).toBe('error: Metrics API not available\n');
    expect(b.k('top').stderr).toMatch(/^Display resource \(CPU\/memory\) usage\.\n\nAvailable Commands:\n {2}node {10}Display resource \(CPU\/memory\) usage of nodes\n/);
    expect(b.k('top foo').stderr).toBe("error: unknown command \"foo\"\nSee 'kubectl top -h' for help and examples\n");
  });

  test('api-versions lists the group/versions the API server serves, sorted', () => {
    expect(bench().k('api-versions').stdout).toBe('apps/v1\ncoordination.k8s.io/v1\ndiscovery.k8s.io/v1\nnetworking.k8s.io/v1\npolicy/v1\nv1\n');
  });

  test('a typo is still cobra\'s unknown command, suggesting real commands', () => {
    expect(bench().k('evnts')).toEqual({ stdout: '', stderr: 'error: unknown command "evnts" for "kubectl"\n\nDid you mean this?\n\tevents\n', exitCode: 1 });
    expect(bench().k('explian').stderr).toBe('error: unknown command "explian" for "kubectl"\n\nDid you mean this?\n\texplain\n');
  });

  test('create sub-commands: real ones we lack by their full name, aliases resolved; stray arguments as kubectl reports them', () => {
    const b = bench();
    expect(b.k('create job pi --image=perl')).toEqual({ stdout: '', stderr: 'error: "kubectl create job" is not available in this simulated cluster\n', exitCode: 1 });
    expect(b.k('create sa robot').stderr).toBe('error: "kubectl create serviceaccount" is not available in this simulated cluster\n');
    expect(b.k('create secret generic creds --from-literal=a=b').stdout).toBe('secret/creds created\n');
    // Decided before flags are parsed: those of a sub-command we lack are not unknown flags.
    expect(b.k(['create', 'cronjob', 'tick', '--image=busybox', '--schedule=*/1 * * * *']).stderr).toBe('error: "kubectl create cronjob" is not available in this simulated cluster\n');
    expect(b.k('create -n kube-system quota q --hard=pods=1').stderr).toBe('error: "kubectl create quota" is not available in this simulated cluster\n');
    expect(b.k('create -n kube-system secret tls cert --cert=a --key=b').stderr).toBe('error: Cannot read file a, open a: no such file or directory\n');
    expect(b.k('create deploymnet web').stderr).toBe("error: Unexpected args: [deploymnet web]\nSee 'kubectl create -h' for help and examples\n");
    expect(b.k('create deploy web --image=nginx').stdout).toBe('deployment.apps/web created\n');
  });

  test('sub-command typos and missing ones of rollout, set and config', () => {
    const b = bench();
    expect(b.k('rollout stauts deploy/web').stderr).toBe("error: unknown command \"stauts deploy/web\"\nSee 'kubectl rollout -h' for help and examples\n");
    expect(b.k('set resources deploy/web --limits=cpu=1').stderr).toBe('error: "kubectl set resources" is not available in this simulated cluster\n');
    expect(b.k('set imgae deploy/web web=nginx').stderr).toBe("error: unknown command \"imgae deploy/web web=nginx\"\nSee 'kubectl set -h' for help and examples\n");
    expect(b.k('config use-context other').stderr).toBe('error: "kubectl config use-context" is not available in this simulated cluster\n');
  });

  test('root help lists events under troubleshooting and the node commands under cluster management', () => {
    const help = bench().k('--help').stdout;
    expect(help).toMatch(/^ {2}events +List events$/m);
    expect(help).toMatch(/Cluster Management Commands:\n {2}cluster-info +Display cluster information\n {2}top +Display resource \(CPU\/memory\) usage\n {2}cordon /);
  });
});

describe('required flags read like cobra\'s, checked before the command runs', () => {
  test('create deployment and run need --image before anything else', () => {
    const b = bench();
    const missing = { stdout: '', stderr: 'error: required flag(s) "image" not set\n', exitCode: 1 };
    expect(b.k('create deployment')).toEqual(missing);
    expect(b.k('create deployment web')).toEqual(missing);
    expect(b.k('run')).toEqual(missing);
    expect(b.k('run web')).toEqual(missing);
    // With the flag, the command's own checks come next.
    expect(b.k('create deployment --image=nginx').stderr).toBe("error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples\n");
    expect(b.k('run --image=nginx').stderr).toBe("error: NAME is required for run\nSee 'kubectl run -h' for help and examples\n");
    expect(b.k('run web --image=').stderr).toBe('error: --image is required\n');
  });

  test('an empty --image to create deployment leaves an empty container list, as pflag\'s string slice does', () => {
    expect(bench().k('create deployment web --image= --dry-run=client -o yaml').stdout).toContain('    spec:\n      containers: []\nstatus: {}\n');
  });

  test('scale needs --replicas; create service externalname needs --external-name', () => {
    const b = bench();
    b.file('web.yaml', WEB_DEPLOYMENT);
    b.k('apply -f web.yaml');
    expect(b.k('scale deployment web')).toEqual({ stdout: '', stderr: 'error: required flag(s) "replicas" not set\n', exitCode: 1 });
    expect(b.k('scale').stderr).toBe('error: required flag(s) "replicas" not set\n');
    expect(b.k('create service externalname').stderr).toBe('error: required flag(s) "external-name" not set\n');
  });
});
