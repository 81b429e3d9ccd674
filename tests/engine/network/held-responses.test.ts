import { describe, expect, test } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import type { Network } from '../../../src/engine/network/index';
import type { Session } from '../../../src/cli/session';
import { createPod, env, run, session, when } from '../termination/helpers';

const IMAGE = 'ghcr.io/clusterlab/http-app:1.0';

function podIP(s: Session, name: string): string {
  return s.cluster.api.get<Pod>('pods', 'default', name).status!.podIP!;
}

function network(s: Session): Network {
  return s.cluster.components.find((c) => c.id === 'network') as unknown as Network;
}

/** A running pod `web` whose `/` takes `ms` to answer, and a client pod to send from. */
function slowPod(s: Session, ms: number, shutdown: string): void {
  createPod(s, 'web', [{ name: 'app', image: IMAGE, env: env({ REQUEST_MS: String(ms), SHUTDOWN: shutdown }) }]);
  createPod(s, 'client', [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }]);
  run(s, 'sleep 15');
}

describe('responses a server is still working on', () => {
  test('curl waits for a slow handler and gets its answer when the process lives', () => {
    const s = session();
    slowPod(s, 3000, 'immediate');
    const before = s.cluster.now();
    const out = run(s, `ssh node-1 curl -s -o /dev/null -w "'%{http_code} %{time_total}'" http://${podIP(s, 'web')}:8080/`);
    expect(out).toMatch(/^200 3\.00\d+$/m);
    expect(s.cluster.now() - before).toBeGreaterThanOrEqual(3000);
  });

  test('curl sees the connection reset when the pod is SIGKILLed before answering', () => {
    const s = session();
    slowPod(s, 5000, 'ignore');
    run(s, 'kubectl delete pod web --grace-period=2 --wait=false');
    run(s, 'sleep 0.5');
    const sent = s.cluster.now();
    const r = s.run(`ssh node-1 curl -sS http://${podIP(s, 'web')}:8080/`);
    expect(r.output).toContain('curl: (56) Recv failure: Connection reset by peer');
    expect(r.exitCode).toBe(56);
    const killed = when(s, 'web', 'exit', 'code 137')!;
    expect(killed).toBeGreaterThan(sent);
    // The client learns of it when the process dies, not when the answer would have been due.
    expect(s.cluster.now()).toBeLessThan(sent + 5000);
  });

  test('background load: requests in flight when the process dies of SIGTERM are recorded as resets', () => {
    const s = session();
    slowPod(s, 3000, 'immediate');
    run(s, 'sim load start bg --url http://' + podIP(s, 'web') + ':8080/ --rps 10 --from pod/client');
    run(s, 'sleep 5');
    run(s, 'kubectl delete pod web --wait=false');
    run(s, 'sleep 10');
    const exited = when(s, 'web', 'exit', 'code 143')!;
    const records = network(s).records().filter((r) => r.client === 'load/bg');
    const resets = records.filter((r) => r.error === 'connection-reset');
    // Everything sent in the 3 s before the process died was still being worked on.
    expect(resets.length).toBeGreaterThanOrEqual(25);
    for (const r of resets) {
      expect(r.t).toBeGreaterThan(exited - 3000);
      expect(r.t + r.latencyMs).toBeCloseTo(exited, -1);
    }
    expect(records.filter((r) => r.status === 200 && r.t > exited - 3000)).toEqual([]);
    // Records stay in send order even though held ones are settled later.
    expect(records.map((r) => r.t)).toEqual([...records.map((r) => r.t)].sort((a, b) => a - b));
  });

  test('background load: a graceful server answers what it took before exiting, so nothing is reset', () => {
    const s = session();
    slowPod(s, 3000, 'graceful');
    run(s, 'sim load start bg --url http://' + podIP(s, 'web') + ':8080/ --rps 10 --from pod/client');
    run(s, 'sleep 5');
    run(s, 'kubectl delete pod web --wait=false');
    run(s, 'sleep 10');
    const records = network(s).records().filter((r) => r.client === 'load/bg');
    expect(records.filter((r) => r.error === 'connection-reset')).toEqual([]);
    const exited = when(s, 'web', 'exit', 'code 0')!;
    const lastAnswered = records.filter((r) => r.status === 200).at(-1)!;
    expect(lastAnswered.t + lastAnswered.latencyMs).toBeCloseTo(exited, -1);
    // Once the listener closed, new connections were refused.
    expect(records.some((r) => r.error === 'connection-refused')).toBe(true);
  });

  test('sim load keeps its rate while answers are slow, and reports resets', () => {
    const s = session();
    slowPod(s, 3000, 'immediate');
    const out = run(s, `sim load --url http://${podIP(s, 'web')}:8080/ --rps 4 --duration 5s --from pod/client`);
    expect(out).toContain('20 requests to');
    expect(out).toMatch(/ 200 {18}20\n/);
    expect(out).toMatch(/latency: p50 300\d\.\d\dms/);
  });
});
