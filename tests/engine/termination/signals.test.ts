import { describe, expect, test } from 'vitest';
import { createPod, deletedAt, env, kubeletTrace, removedAt, run, session, when } from './helpers';

const probe = { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5, failureThreshold: 1 };

describe('termination timing', () => {
  test('preStop sleep 15 s with a 30 s grace: SIGTERM at 15 s, the pod goes when the app exits', () => {
    const s = session();
    createPod(s, 'web', [{ name: 'app', image: 'ghcr.io/clusterlab/http-app:1.0', env: env({ SHUTDOWN: 'delay:4' }), lifecycle: { preStop: { sleep: { seconds: 15 } } } }]);
    run(s, 'sleep 10');
    expect(run(s, 'kubectl delete pod web --wait=false')).toBe('pod "web" deleted from default namespace\n');
    const t0 = deletedAt(s, 'web')!;
    run(s, 'sleep 30');
    const hook = when(s, 'web', 'prestop')!;
    const term = when(s, 'web', 'signal', 'SIGTERM sent')!;
    expect(hook - t0).toBeLessThan(5);
    expect(term - hook).toBe(15_000);
    expect(kubeletTrace(s, 'web').find(([, a]) => a === 'signal')?.[2]).toBe('SIGTERM sent to container app; SIGKILL in 15s');
    // The app keeps serving 4 s, exits 0 by itself: no SIGKILL, the pod is removed right after.
    expect(when(s, 'web', 'exit')! - term).toBe(4_000);
    expect(when(s, 'web', 'exit', 'code 0')).toBeDefined();
    expect(when(s, 'web', 'signal', 'SIGKILL sent')).toBeUndefined();
    expect(removedAt(s, 'web')! - when(s, 'web', 'exit')!).toBeLessThan(50);
  });

  test('an app that ignores SIGTERM is SIGKILLed at the 30 s grace period: exit 137, reason Error', () => {
    const s = session();
    createPod(s, 'stubborn', [{ name: 'app', image: 'ghcr.io/clusterlab/stubborn:1.0' }]);
    run(s, 'sleep 10');
    run(s, 'kubectl delete pod stubborn --wait=false');
    run(s, 'sleep 29');
    expect(run(s, 'kubectl get pod stubborn --no-headers')).toMatch(/^stubborn\s+1\/1\s+Terminating\s+0\s+39s\n$/);
    run(s, 'sleep 2');
    const term = when(s, 'stubborn', 'signal', 'SIGTERM sent')!;
    expect(when(s, 'stubborn', 'signal', 'SIGKILL sent')! - term).toBe(30_000);
    expect(when(s, 'stubborn', 'exit')).toBe(when(s, 'stubborn', 'signal', 'SIGKILL sent'));
    expect(when(s, 'stubborn', 'exit', 'exited with code 137')).toBeDefined();
    expect(run(s, 'kubectl get pod stubborn')).toBe('Error from server (NotFound): pods "stubborn" not found\n');
  });

  test('restarted containers show 137 (SIGKILL) and 143 (died by SIGTERM) as their last state', () => {
    const s = session();
    createPod(s, 'stubborn', [{ name: 'app', image: 'ghcr.io/clusterlab/stubborn:1.0', env: env({ FAIL_LIVENESS_AFTER: '6' }), livenessProbe: probe }]);
    createPod(s, 'plain', [{ name: 'app', image: 'ghcr.io/clusterlab/http-app:1.0', env: env({ FAIL_LIVENESS_AFTER: '6' }), livenessProbe: probe }]);
    run(s, 'sleep 50');
    const lastState = "'{.status.containerStatuses[0].lastState.terminated.exitCode} {.status.containerStatuses[0].lastState.terminated.reason}'";
    expect(run(s, `kubectl get pod stubborn -o jsonpath=${lastState}`)).toBe('137 Error');
    expect(run(s, `kubectl get pod plain -o jsonpath=${lastState}`)).toBe('143 Error');
    const described = run(s, 'kubectl describe pod stubborn');
    expect(described).toContain('    Last State:     Terminated\n      Reason:       Error\n      Exit Code:    137\n');
    expect(described).toMatch(/Normal {3}Killing {4}\S+ +kubelet +Container app failed liveness probe, will be restarted/);
    expect(run(s, 'kubectl logs stubborn --previous')).toContain('received SIGTERM, shutdown mode ignore\n');
    expect(run(s, 'kubectl logs plain --previous')).toContain('received SIGTERM, shutdown mode immediate\n');
  });

  test('kubectl delete --grace-period=5 gives the app 5 s before SIGKILL', () => {
    const s = session();
    createPod(s, 'stubborn', [{ name: 'app', image: 'ghcr.io/clusterlab/stubborn:1.0' }]);
    run(s, 'sleep 10');
    const before = s.cluster.now();
    expect(run(s, 'kubectl delete pod stubborn --grace-period=5')).toBe('pod "stubborn" deleted from default namespace\n');
    const term = when(s, 'stubborn', 'signal', 'SIGTERM sent')!;
    expect(kubeletTrace(s, 'stubborn').find(([, a]) => a === 'terminate')?.[2]).toBe('pod stubborn terminating with grace period 5s');
    expect(when(s, 'stubborn', 'signal', 'SIGKILL sent')! - term).toBe(5_000);
    // kubectl waited for the pod to be gone (it polls, so it returns within a second of the removal).
    expect(removedAt(s, 'stubborn')! - before).toBeGreaterThanOrEqual(5_000);
    expect(s.cluster.now()).toBeGreaterThanOrEqual(removedAt(s, 'stubborn')!);
    expect(s.cluster.now() - removedAt(s, 'stubborn')!).toBeLessThan(1_000);
  });

  test('--force --grace-period=0 removes the pod from the API at once; the node still stops it (2 s floor)', () => {
    const s = session();
    createPod(s, 'stubborn', [{ name: 'app', image: 'ghcr.io/clusterlab/stubborn:1.0' }]);
    run(s, 'sleep 10');
    const r = s.run('kubectl delete pod stubborn --force --grace-period=0');
    const lines = r.output.split('\n');
    expect(lines).toContain('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.');
    expect(lines).toContain('pod "stubborn" force deleted from default namespace');
    const t0 = deletedAt(s, 'stubborn') ?? removedAt(s, 'stubborn')!;
    expect(removedAt(s, 'stubborn')).toBe(t0);
    run(s, 'sleep 5');
    expect(kubeletTrace(s, 'stubborn').find(([, a]) => a === 'terminate')?.[2]).toBe('pod stubborn terminating with grace period 1s (pod already removed from the API)');
    const term = when(s, 'stubborn', 'signal', 'SIGTERM sent')!;
    expect(when(s, 'stubborn', 'signal', 'SIGKILL sent')! - term).toBe(2_000);
    expect(when(s, 'stubborn', 'exit', 'code 137')).toBeGreaterThan(t0);
  });

  test('containers of a pod are killed in parallel, not one after the other', () => {
    const s = session();
    createPod(s, 'pair', [
      { name: 'a', image: 'ghcr.io/clusterlab/stubborn:1.0' },
      { name: 'b', image: 'ghcr.io/clusterlab/stubborn:1.0', env: env({ PORT: '8081' }) },
    ]);
    run(s, 'sleep 10');
    run(s, 'kubectl delete pod pair --wait=false');
    run(s, 'sleep 35');
    const signals = kubeletTrace(s, 'pair').filter(([, a]) => a === 'signal');
    expect(signals.map(([, , d]) => d)).toEqual([
      'SIGTERM sent to container a; SIGKILL in 30s',
      'SIGTERM sent to container b; SIGKILL in 30s',
      'SIGKILL sent to container a',
      'SIGKILL sent to container b',
    ]);
    expect(signals[0]![0]).toBe(signals[1]![0]);
    expect(signals[2]![0]).toBe(signals[3]![0]);
    expect(signals[2]![0] - signals[0]![0]).toBe(30_000);
    expect(removedAt(s, 'pair')! - deletedAt(s, 'pair')!).toBeLessThan(30_100);
  });

  test('nginx: the image stops it with SIGQUIT (graceful); it exits 0 within milliseconds', () => {
    const s = session();
    createPod(s, 'web', [{ name: 'nginx', image: 'nginx:1.27' }]);
    run(s, 'sleep 10');
    run(s, 'kubectl delete pod web --wait=false');
    run(s, 'sleep 1');
    expect(kubeletTrace(s, 'web').find(([, a]) => a === 'signal')?.[2]).toBe('SIGQUIT sent to container nginx; SIGKILL in 30s');
    expect(when(s, 'web', 'exit', 'code 0')! - when(s, 'web', 'signal')!).toBeLessThan(100);
  });
});

describe('nginx -s', () => {
  test('a preStop `nginx -s quit` starts the graceful shutdown before the kubelet signals', () => {
    const s = session();
    createPod(s, 'web', [{ name: 'nginx', image: 'nginx:1.27', lifecycle: { preStop: { exec: { command: ['/usr/sbin/nginx', '-s', 'quit'] } } } }]);
    run(s, 'sleep 10');
    expect(run(s, 'kubectl exec web -- nginx -s bogus')).toMatch(/^nginx: invalid option: "-s bogus"\ncommand terminated with exit code 1\n/);
    run(s, 'kubectl delete pod web --wait=false');
    run(s, 'sleep 0.01');
    const logs = run(s, 'kubectl logs web');
    expect(logs).toMatch(/\[notice\] 40#40: signal process started\n.*\[notice\] 1#1: signal 3 \(SIGQUIT\) received from 40, shutting down\n/);
    run(s, 'sleep 1');
    expect(when(s, 'web', 'exit', 'code 0')).toBeDefined();
    expect(s.cluster.sim.trace.entries({ object: 'pods/default/web' }).some((e) => e.action === 'remove')).toBe(true);
  });
});
