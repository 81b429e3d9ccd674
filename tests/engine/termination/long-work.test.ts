import { describe, expect, test } from 'vitest';
import { createPod, env, run, session, when } from './helpers';

const transcoder = (vars: Record<string, string>) => [{ name: 'transcode', image: 'ghcr.io/clusterlab/transcoder:1.0', env: env({ SEGMENT_SECONDS: '20', ...vars }) }];
const stream = (vars: Record<string, string>) => [{ name: 'stream', image: 'ghcr.io/clusterlab/stream-server:1.0', env: env(vars) }];

describe('long-running work under termination', () => {
  test('the transcoder finishes the segment in progress on SIGTERM, then exits 143', () => {
    const s = session();
    createPod(s, 'job', transcoder({}));
    run(s, 'sleep 50');
    const started = when(s, 'job', 'start')!;
    expect(run(s, 'kubectl exec job -- cat /tmp/progress')).toBe('segment=2/720\npercent=0.3\n');
    run(s, 'kubectl delete pod job --wait=false');
    run(s, 'sleep 1');
    const logs = run(s, 'kubectl logs job');
    expect(logs).toContain('no resumable progress found; starting at segment 1 of 720 (4h0m0s of work)\n');
    expect(logs).toContain('segment 2/720 done (0.3%), elapsed 40s, eta 3h59m20s\n');
    const left = (started + 60_000 - when(s, 'job', 'signal', 'SIGTERM')!) / 1000;
    expect(logs).toContain(`received SIGTERM, finishing current segment 3/720 (${left}s left)\n`);
    run(s, 'sleep 30');
    expect(when(s, 'job', 'exit')).toBe(started + 60_000);
    expect(when(s, 'job', 'exit', 'exited with code 143')).toBeDefined();
  });

  test('a segment longer than the grace period is lost: SIGKILL at the grace period, 137', () => {
    const s = session();
    createPod(s, 'job', transcoder({}), { terminationGracePeriodSeconds: 5 });
    run(s, 'sleep 30');
    run(s, 'kubectl delete pod job --wait=false');
    run(s, 'sleep 10');
    const term = when(s, 'job', 'signal', 'SIGTERM')!;
    expect(when(s, 'job', 'exit')! - term).toBe(5_000);
    expect(when(s, 'job', 'exit', 'exited with code 137')).toBeDefined();
  });

  test('ON_SIGTERM=abort gives up the segment at once (143)', () => {
    const s = session();
    createPod(s, 'job', transcoder({ ON_SIGTERM: 'abort' }));
    run(s, 'sleep 30');
    run(s, 'kubectl delete pod job --wait=false');
    run(s, 'sleep 1');
    expect(when(s, 'job', 'exit')).toBe(when(s, 'job', 'signal', 'SIGTERM'));
    expect(when(s, 'job', 'exit', 'exited with code 143')).toBeDefined();
  });

  test('the stream server closes every viewer with 1001 going away, then exits 0', () => {
    const s = session();
    createPod(s, 'live', stream({}));
    run(s, 'sleep 20');
    expect(run(s, 'kubectl exec live -- cat /etc/os-release')).toContain('executable file not found');
    run(s, 'kubectl delete pod live --wait=false');
    run(s, 'sleep 0.5');
    const logs = run(s, 'kubectl logs live');
    expect(logs).toContain('viewer 20 connected from 203.0.113.21 (20 connected)\n');
    expect(logs).toContain('received SIGTERM: sending close 1001 (going away) to 20 viewers\n');
    run(s, 'sleep 2');
    expect(when(s, 'live', 'exit')! - when(s, 'live', 'signal', 'SIGTERM')!).toBe(1_000);
    expect(when(s, 'live', 'exit', 'code 0')).toBeDefined();
  });

  test('SHUTDOWN=wait keeps streaming; viewers that never leave are dropped by SIGKILL at the grace period', () => {
    const s = session();
    createPod(s, 'live', stream({ SHUTDOWN: 'wait' }));
    run(s, 'sleep 20');
    run(s, 'kubectl delete pod live --wait=false');
    run(s, 'sleep 25');
    const logs = run(s, 'kubectl logs live');
    expect(logs).toContain('received SIGTERM: no longer accepting viewers; waiting for 20 viewers to disconnect\n');
    expect(logs.match(/20 viewers still connected\n/g)).toHaveLength(2);
    run(s, 'sleep 10');
    expect(when(s, 'live', 'exit')! - when(s, 'live', 'signal', 'SIGTERM')!).toBe(30_000);
    expect(when(s, 'live', 'exit', 'code 137')).toBeDefined();
  });

  test('SHUTDOWN=wait exits 0 as soon as the last viewer has left', () => {
    const s = session();
    createPod(s, 'live', stream({ SHUTDOWN: 'wait', CLIENTS: '3', CONNECT_MS: '1000', SESSION_SECONDS: '15' }));
    run(s, 'sleep 10');
    run(s, 'kubectl delete pod live --wait=false');
    run(s, 'sleep 20');
    const started = when(s, 'live', 'start')!;
    // Viewers joined at 1, 2 and 3 s and stay 15 s: the last leaves 18 s after start.
    expect(when(s, 'live', 'exit')).toBe(started + 18_000);
    expect(when(s, 'live', 'exit', 'code 0')).toBeDefined();
  });
});
