import { describe, expect, test } from 'vitest';
import type { Container, Service } from 'kubernetes-types/core/v1';
import { networkOf, type TrafficRecord } from '../../../src/engine/network/index';
import { env, run, session } from './helpers';

/**
 * The lesson's core result: the same rolling update under the same constant load, with the same
 * seed, loses requests when pods exit on SIGTERM before every node's kube-proxy has removed them,
 * and loses none when a preStop sleep (or the app itself) keeps serving through that window.
 */
function rolloutUnderLoad(container: Partial<Container>): { records: TrafficRecord[]; failed: TrafficRecord[] } {
  const s = session(7);
  const app: Container = {
    name: 'app',
    image: 'ghcr.io/clusterlab/http-app:1.0',
    readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 1 },
    ...container,
  };
  s.cluster.api.create('deployments', {
    metadata: { name: 'web', namespace: 'default' },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [app] } } },
  });
  s.cluster.api.create('services', { metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] } });
  run(s, 'kubectl rollout status deployment/web');
  run(s, 'sleep 5');
  const ip = s.cluster.api.get<Service>('services', 'default', 'web').spec?.clusterIP ?? '';
  expect(run(s, `sim load start steady --url http://${ip} --rps 100 --from node/node-1`)).toBe(`load steady started: 100 requests/s to http://${ip}\n`);
  run(s, 'sleep 5');
  expect(run(s, 'kubectl set image deployment/web app=ghcr.io/clusterlab/http-app:2.0')).toBe('deployment.apps/web image updated\n');
  run(s, 'kubectl rollout status deployment/web');
  run(s, 'sleep 40');
  run(s, 'sim load stop steady');
  const records = networkOf(s.cluster)!.records().filter((r) => r.client === 'load/steady');
  return { records, failed: records.filter((r) => r.error !== undefined || (r.status ?? 0) >= 500) };
}

describe('a rolling update under constant load', () => {
  test('without a preStop hook, requests fail while pods exit before the rules are gone', () => {
    const { records, failed } = rolloutUnderLoad({});
    expect(records.length).toBeGreaterThan(4000);
    expect(failed.length).toBeGreaterThan(0);
    // Lost at the network level (the pod and its address went away), not answered with a 5xx.
    for (const r of failed) expect(['connection-refused', 'connection-reset', 'timeout']).toContain(r.error);
    // Only while the old pods were going: every failure falls inside the rollout.
    const rolloutEnd = records.at(-1)!.t - 40_000;
    for (const r of failed) expect(r.t).toBeLessThan(rolloutEnd + 5_000);
  });

  test('with preStop sleep 5 the same rollout (same seed, same load) fails no request', () => {
    const { records, failed } = rolloutUnderLoad({ lifecycle: { preStop: { sleep: { seconds: 5 } } } });
    expect(records.length).toBeGreaterThan(4000);
    expect(failed).toEqual([]);
  });

  test('an app that keeps serving 5 s after SIGTERM fixes it too', () => {
    const { failed } = rolloutUnderLoad({ env: env({ SHUTDOWN: 'delay:5' }) });
    expect(failed).toEqual([]);
  });

  test('an app that fails readiness and drains for 5 s fixes it as well', () => {
    const { failed } = rolloutUnderLoad({ env: env({ SHUTDOWN: 'drain', DRAIN_SECONDS: '5' }) });
    expect(failed).toEqual([]);
  });

  test('an app that closes its listener at once (graceful shutdown) still loses requests', () => {
    const { failed } = rolloutUnderLoad({ env: env({ SHUTDOWN: 'graceful' }) });
    expect(failed.length).toBeGreaterThan(0);
  });
});
