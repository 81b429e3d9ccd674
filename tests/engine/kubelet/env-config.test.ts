import { describe, expect, test } from 'vitest';
import type { Container } from 'kubernetes-types/core/v1';
import { boundPod, eventsOf, getPod, kubeletCluster } from './helpers';

const withEnv = (env: Pick<Container, 'env' | 'envFrom'>) => boundPod('app', { containers: [{ name: 'app', image: 'nginx:1.27', ...env }] });
const waiting = (c: ReturnType<typeof kubeletCluster>) => getPod(c, 'app')!.status!.containerStatuses![0]!.state?.waiting;

describe('kubelet: a container whose environment names a missing ConfigMap or key', () => {
  test('waits as CreateContainerConfigError, retried each sync, and starts once the ConfigMap exists', () => {
    const c = kubeletCluster();
    c.api.create('pods', withEnv({ env: [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'settings', key: 'mode' } } }] }));
    c.advance(30_000);
    expect(waiting(c)).toEqual({ reason: 'CreateContainerConfigError', message: 'configmap "settings" not found' });
    const failures = eventsOf(c, 'app').filter((e) => e === 'Failed: Error: configmap "settings" not found');
    expect(failures.length).toBeGreaterThanOrEqual(1);
    c.api.create('configmaps', { metadata: { name: 'settings', namespace: 'default' }, data: { other: '1' } });
    c.advance(11_000);
    expect(waiting(c)).toEqual({ reason: 'CreateContainerConfigError', message: "couldn't find key mode in ConfigMap default/settings" });
    c.api.update('configmaps', { metadata: { name: 'settings', namespace: 'default' }, data: { mode: 'fast' } });
    c.advance(11_000);
    expect(getPod(c, 'app')!.status!.containerStatuses![0]!.state?.running).toBeDefined();
  });

  test('envFrom a missing ConfigMap fails the same way; optional references are skipped', () => {
    const c = kubeletCluster();
    c.api.create('pods', withEnv({ envFrom: [{ configMapRef: { name: 'nope' } }] }));
    c.advance(10_000);
    expect(waiting(c)).toEqual({ reason: 'CreateContainerConfigError', message: 'configmap "nope" not found' });
    const optional = kubeletCluster();
    optional.api.create('pods', withEnv({ envFrom: [{ configMapRef: { name: 'nope', optional: true } }], env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'nope', key: 'a', optional: true } } }] }));
    optional.advance(10_000);
    expect(getPod(optional, 'app')!.status!.containerStatuses![0]!.state?.running).toBeDefined();
  });
});
