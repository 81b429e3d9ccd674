import { describe, expect, test } from 'vitest';
import { bench } from './harness';
import { FULL, WEB_DEPLOYMENT } from './fixtures';

/** A cluster with scheduler, controllers and kubelets, and a rolled-out `web` Deployment. */
function rolledOut() {
  const b = bench({ components: FULL });
  b.file('web.yaml', WEB_DEPLOYMENT);
  b.k('apply -f web.yaml');
  expect(b.k('rollout status deployment/web').exitCode).toBe(0);
  return b;
}

describe('kubectl against a running cluster', () => {
  test('rollout status waits in virtual time, printing the status for the listed Deployment and for every change to it', () => {
    const b = bench({ components: FULL });
    b.file('web.yaml', WEB_DEPLOYMENT);
    b.k('apply -f web.yaml');
    const start = b.cluster.now();
    const writes = () => Number(b.cluster.store.get('/registry/deployments/default/web')!.modRevision);
    const before = writes();
    let changes = 0;
    const counting = b.cluster.store.watch('/registry/deployments/default/web', before + 1, 'test-counter');
    b.cluster.sim.register({ id: 'test-counter', receive: (m) => void (m.type === 'watch' && (changes += (m.events as unknown[]).length)) });
    const r = b.k('rollout status deployment/web');
    b.cluster.store.cancelWatch(counting);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.endsWith('deployment "web" successfully rolled out\n')).toBe(true);
    // One line as listed, then one per watch event up to the one that completes the rollout;
    // so messages repeat while a status write leaves them unchanged, as kubectl's do.
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBe(1 + changes);
    expect(lines.some((line, i) => i > 0 && line === lines[i - 1])).toBe(true);
    expect(b.cluster.now() - start).toBeGreaterThan(0);
    expect(b.cluster.now() - start).toBeLessThan(30_000);
  });

  test('-o yaml leaves out the zero status counters Go omits, as the API server serves them', () => {
    const b = rolledOut();
    b.k('set image deployment/web web=nginx:1.28');
    b.k('rollout status deployment/web');
    const oldRs = b.k('get rs -o yaml').stdout.split('\n- apiVersion').find((rs) => rs.includes('revision: "1"'))!;
    expect(oldRs).toMatch(/  status:\n    observedGeneration: \d+\n    replicas: 0$/);
    expect(b.k('get deploy web -o yaml').stdout).not.toContain('unavailableReplicas');
    b.k('scale deploy web --replicas=0');
    b.cluster.advance(30_000);
    const status = b.k('get deploy web -o jsonpath={.status}').stdout;
    expect(Object.keys(JSON.parse(status) as object)).toEqual(['conditions', 'observedGeneration']);
  });

  test('--record: deprecated but still honoured, it fills rollout history\'s CHANGE-CAUSE', () => {
    const b = rolledOut();
    const set = b.k('set image deployment/web web=nginx:1.28 --record');
    expect(set.stderr).toBe('Flag --record has been deprecated, --record will be removed in the future\n');
    expect(set.stdout).toBe('deployment.apps/web image updated\n');
    b.k('rollout status deployment/web');
    expect(b.k('rollout history deployment/web').stdout).toBe(
      'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         kubectl set image deployment/web web=nginx:1.28 --record=true\n\n',
    );
    b.k('scale deploy web --replicas=3 --record -n default');
    expect(b.k(['get', 'deploy', 'web', '-o', 'jsonpath={.metadata.annotations.kubernetes\\.io/change-cause}']).stdout).toBe('kubectl scale deploy web --replicas=3 --record=true --namespace=default');
    expect(b.k('get deploy web --record').stderr).toBe("error: unknown flag: --record\nSee 'kubectl get --help' for usage.\n");
    // Taken by create -f and set image, not by their generator or env sub-commands.
    expect(b.k('create deployment api --image=nginx --record').stderr).toBe("error: unknown flag: --record\nSee 'kubectl create deployment --help' for usage.\n");
    expect(b.k('set env deploy/web A=B --record').stderr).toBe("error: unknown flag: --record\nSee 'kubectl set env --help' for usage.\n");
  });

  test('rollout status --timeout', () => {
    const b = bench({ components: FULL });
    b.file('web.yaml', WEB_DEPLOYMENT.replace('nginx:1.27', 'nginx:1.27').replace('replicas: 2', 'replicas: 50'));
    b.k('apply -f web.yaml');
    const r = b.k('rollout status deploy/web --timeout=1s');
    expect(r.stderr).toBe('error: timed out waiting for the condition\n');
    expect(r.exitCode).toBe(1);
  });

  test('set image, history, undo, restart, pause and resume', () => {
    const b = rolledOut();
    b.k('set image deployment/web web=nginx:1.28');
    b.k('rollout status deployment/web');
    expect(b.k('rollout history deployment/web').stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    expect(b.k('rollout undo deployment/web --to-revision=9').stderr).toBe('error: unable to find specified revision 9 in history\n');
    expect(b.k('rollout undo deployment/web').stdout).toBe('deployment.apps/web rolled back\n');
    b.k('rollout status deployment/web');
    expect(b.k(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']).stdout).toBe('nginx:1.27');
    expect(b.k('rollout undo deployment/web --to-revision=3').stdout).toBe('deployment.apps/web skipped rollback (current template already matches revision 3)\n');
    expect(b.k('rollout restart deployment/web').stdout).toBe('deployment.apps/web restarted\n');
    const restartedAt = b.k(['get', 'deploy', 'web', '-o', `jsonpath={.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}`]).stdout;
    expect(restartedAt).toMatch(/^2026-01-01T00:00:\d\dZ$/);
    expect(b.k('rollout pause deployment/web').stdout).toBe('deployment.apps/web paused\n');
    expect(b.k('rollout restart deployment/web').stderr).toBe("error: can't restart paused deployment (run rollout resume first)\n");
    expect(b.k('rollout resume deployment/web').stdout).toBe('deployment.apps/web resumed\n');
  });

  test('history --revision prints the pod template; undo brings back the revision\'s change-cause', () => {
    const b = rolledOut();
    b.k(['annotate', 'deployment/web', 'kubernetes.io/change-cause=first release']);
    b.cluster.advance(1000); // the deployment controller copies the cause onto the current ReplicaSet
    b.k('set image deployment/web web=nginx:1.28');
    b.k(['annotate', 'deployment/web', 'kubernetes.io/change-cause=upgrade to 1.28', '--overwrite']);
    b.k('rollout status deployment/web');
    const history = b.k('rollout history deployment/web --revision=1').stdout;
    const hash = history.match(/pod-template-hash=(\S+)/)?.[1] ?? '';
    expect(history).toBe(
      [
        'deployment.apps/web with revision #1',
        'Pod Template:',
        '  Labels:\tapp=web',
        `\tpod-template-hash=${hash}`,
        '  Annotations:\tkubernetes.io/change-cause: first release',
        '  Containers:',
        '   web:',
        '    Image:\tnginx:1.27',
        '    Port:\t80/TCP',
        '    Host Port:\t0/TCP',
        '    Environment:\t<none>',
        '    Mounts:\t<none>',
        '  Volumes:\t<none>',
        '  Node-Selectors:\t<none>',
        '  Tolerations:\t<none>',
        '',
        '',
      ].join('\n'),
    );
    expect(b.k('rollout history deployment/web --revision=7').stderr).toBe('error: unable to find the specified revision\n');
    b.k('rollout undo deployment/web');
    const cause = b.k(['get', 'deploy', 'web', '-o', 'jsonpath={.metadata.annotations.kubernetes\\.io/change-cause}']).stdout;
    expect(cause).toBe('first release');
  });

  test('get -w ends a deleted pod with its last state, and only shows the names asked for', () => {
    const b = bench({ components: FULL });
    b.k('run web --image=nginx');
    b.k('run other --image=nginx');
    b.k('wait --for=condition=Ready pod/web pod/other');
    b.k('delete pod web other --wait=false');
    const rows = b.k('get pod web -w --request-timeout=40s').stdout.trim().split('\n').slice(1);
    expect(rows.every((r) => r.startsWith('web '))).toBe(true);
    expect(rows[0]).toMatch(/^web +1\/1 +Terminating /);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(b.k('get pod web').stderr).toBe('Error from server (NotFound): pods "web" not found\n');
  });

  test('get -w prints a row per change as the pod starts', () => {
    const b = bench({ components: FULL });
    b.k('run web --image=nginx');
    const r = b.k('get pods -w --request-timeout=10s');
    const statuses = r.stdout.trim().split('\n').slice(1).map((l) => l.split(/ +/)[2]);
    // Every change the API server made, in order: created, bound to a node, containers starting, running.
    expect(statuses).toEqual(['Pending', 'Pending', 'ContainerCreating', 'Running']);
    const lines = r.stdout.split('\n');
    // Rows after the first block keep the header's column widths (tabwriter RememberWidths).
    expect(lines.every((l) => l === '' || l.indexOf('   ') === lines[0]!.indexOf('   ') || l.startsWith('web '))).toBe(true);
  });

  test('wait --for=condition=Ready, --for=delete and the timeout error', () => {
    const b = bench({ components: FULL });
    b.k('run web --image=nginx');
    expect(b.k('wait --for=condition=Ready pod/web --timeout=60s')).toEqual({ stdout: 'pod/web condition met\n', stderr: '', exitCode: 0 });
    expect(b.k('wait --for=condition=Ready=false pod/web --timeout=2s')).toEqual({ stdout: '', stderr: 'error: timed out waiting for the condition on pods/web\n', exitCode: 1 });
    expect(b.k(['wait', '--for=jsonpath={.status.phase}=Running', 'pod/web']).stdout).toBe('pod/web condition met\n');
  });

  test('delete waits until the kubelet has stopped the pod', () => {
    const b = bench({ components: FULL });
    b.k('run web --image=nginx');
    b.k('wait --for=condition=Ready pod/web');
    const start = b.cluster.now();
    expect(b.k('delete pod web').stdout).toBe('pod "web" deleted from default namespace\n');
    expect(b.cluster.api.tryGet('pods', 'default', 'web')).toBeUndefined();
    expect(b.cluster.now()).toBeGreaterThan(start);
    b.k('run web2 --image=nginx');
    b.k('wait --for=condition=Ready pod/web2');
    expect(b.k('delete pod web2 --wait=false').exitCode).toBe(0);
    expect(b.cluster.api.tryGet('pods', 'default', 'web2')?.metadata?.deletionTimestamp).toBeDefined();
  });

  test('logs and exec reach the kubelet of the pod node', () => {
    const b = bench({ components: FULL });
    b.k(['run', 'hello', '--image=busybox', '--restart=Never', '--', 'echo', 'hello world']);
    b.k(['wait', '--for=jsonpath={.status.phase}=Succeeded', 'pod/hello']);
    expect(b.k('logs hello')).toEqual({ stdout: 'hello world\n', stderr: '', exitCode: 0 });
    expect(b.k('logs hello -c nope').stderr).toBe('error: container nope is not valid for pod hello\n');
    // The kubelet's refusals come back through the API server, as its 400.
    expect(b.k('logs hello --previous')).toEqual({ stdout: '', stderr: 'Error from server (BadRequest): previous terminated container "hello" in pod "hello" not found\n', exitCode: 1 });
    b.k('run slow --image=nginx:1.29');
    expect(b.k('logs slow').stderr).toBe('Error from server (BadRequest): container "slow" in pod "slow" is waiting to start: ContainerCreating\n');
    expect(b.k('exec hello -- ls').stderr).toBe('error: cannot exec into a container in a completed pod; current phase is Succeeded\n');
    b.k('run web --image=nginx');
    b.k('wait --for=condition=Ready pod/web');
    expect(b.k('exec web ls').stderr).toBe("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n");
    expect(b.k('exec -it web -- ls /').exitCode).toBe(0);
  });

  test('logs and exec of a pod with two containers say which they defaulted to before their output', () => {
    const b = bench({ components: FULL });
    b.file('two.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: two\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n  - name: side\n    image: busybox:1.36\n    command: [sleep, "3600"]\n');
    b.k('apply -f two.yaml');
    b.k('wait --for=condition=Ready pod/two');
    for (const command of ['logs two', 'exec two -- hostname']) {
      const r = b.k(command);
      expect(r.chunks?.[0]).toEqual({ stream: 'stderr', text: 'Defaulted container "web" out of: web, side\n' });
      expect(r.chunks?.[1]?.stream).toBe('stdout');
    }
  });

  test('logs of a deployment picks one pod and says so', () => {
    const b = rolledOut();
    const r = b.k('logs deploy/web');
    expect(r.stderr).toMatch(/^Found 2 pods, using pod\/web-[a-z0-9]+-[a-z0-9]{5}\n$/);
  });

  test('describe delegates to the printers with events, owned ReplicaSets and prefix matching', () => {
    const b = rolledOut();
    const d = b.k('describe deployment web').stdout;
    expect(d).toMatch(/^Name: +web\nNamespace: +default\n/);
    expect(d).toContain('NewReplicaSet:');
    expect(d).toContain('ScalingReplicaSet');
    const pods = b.k('describe pods web-');
    expect(pods.stdout.match(/^Name: /gm)).toHaveLength(2);
    expect(b.k('describe pod nope').stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(b.k('describe nodes node-1').stdout).toMatch(/^Name: +node-1\n/);
  });
});
