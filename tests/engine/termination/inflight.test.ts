import { describe, expect, test } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { completedBefore } from '../../../src/engine/apps/inflight';
import type { Kubelet } from '../../../src/engine/kubelet/kubelet';
import type { Session } from '../../../src/cli/session';
import { createPod, env, run, session, when } from './helpers';

/** Send one request to the pod's process directly, as the network does after routing. */
function request(s: Session, pod: string) {
  const p = s.cluster.api.get<Pod>('pods', 'default', pod);
  const kubelet = s.cluster.components.find((c) => c.id === `kubelet/${p.spec!.nodeName!}`) as Kubelet;
  return kubelet.podByIP(p.status!.podIP!)!.http({ method: 'GET', path: '/', port: 8080, remoteAddr: '10.244.2.9', userAgent: 'test' });
}

describe('requests in flight when the stop signal arrives', () => {
  test('a graceful app stops listening at once but answers the slow request before it exits', () => {
    const s = session();
    createPod(s, 'web', [{ name: 'app', image: 'ghcr.io/clusterlab/http-app:1.0', env: env({ SHUTDOWN: 'graceful', REQUEST_MS: '3000' }) }]);
    run(s, 'sleep 10');
    const served = request(s, 'web')!;
    expect(served.res).toMatchObject({ status: 200, durationMs: 3000 });
    const acceptedAt = s.cluster.now();
    run(s, 'kubectl delete pod web --wait=false');
    run(s, 'sleep 0.1');
    expect(request(s, 'web')).toBeUndefined();
    expect(run(s, 'kubectl logs web')).toContain('closed listener on :8080; waiting for 1 in-flight requests\n');
    run(s, 'sleep 5');
    const exited = when(s, 'web', 'exit', 'code 0')!;
    expect(exited).toBe(acceptedAt + 3000);
    expect(completedBefore(acceptedAt + 3000, exited)).toBe(true);
  });

  test('an app that dies by SIGTERM takes its in-flight request with it (reset)', () => {
    const s = session();
    createPod(s, 'web', [{ name: 'app', image: 'ghcr.io/clusterlab/http-app:1.0', env: env({ REQUEST_MS: '3000' }) }]);
    run(s, 'sleep 10');
    request(s, 'web');
    const acceptedAt = s.cluster.now();
    run(s, 'kubectl delete pod web');
    const exited = when(s, 'web', 'exit', 'code 143')!;
    expect(exited - acceptedAt).toBeLessThan(100);
    expect(completedBefore(acceptedAt + 3000, exited)).toBe(false);
  });

  test('past SHUTDOWN_TIMEOUT the graceful app gives up and exits 1', () => {
    const s = session();
    createPod(s, 'web', [{ name: 'app', image: 'ghcr.io/clusterlab/http-app:1.0', env: env({ SHUTDOWN: 'graceful', REQUEST_MS: '20000', SHUTDOWN_TIMEOUT: '5' }) }]);
    run(s, 'sleep 10');
    request(s, 'web');
    run(s, 'kubectl delete pod web --wait=false');
    run(s, 'sleep 1');
    const term = when(s, 'web', 'signal', 'SIGTERM')!;
    run(s, 'sleep 10');
    expect(when(s, 'web', 'exit', 'code 1')! - term).toBe(5000);
  });
});
