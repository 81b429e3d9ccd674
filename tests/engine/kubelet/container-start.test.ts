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

describe('kubelet: official images whose entrypoint execs another command', () => {
  test('nginx given `echo hi` prints it and exits 0 (then restarts, as restartPolicy Always says); `sleep` keeps running without a port', () => {
    const c = kubeletCluster();
    c.api.create('pods', boundPod('once', { containers: [{ name: 'once', image: 'nginx:1.27', args: ['echo', 'hi'] }] }));
    c.api.create('pods', boundPod('sleeper', { containers: [{ name: 'sleeper', image: 'nginx:1.27', command: ['sleep', '3600'] }] }));
    c.advance(15_000);
    const once = getPod(c, 'once')!.status!.containerStatuses![0]!;
    expect(once.restartCount).toBeGreaterThanOrEqual(1);
    expect(once.lastState?.terminated ?? once.state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(c.nodeAgent('node-1')!.logs('default', 'once', 'once', {})).toEqual({ ok: true, text: 'hi\n' });
    expect(getPod(c, 'sleeper')!.status!.containerStatuses![0]!.state?.running).toBeDefined();
    expect(c.nodeAgent('node-1')!.logs('default', 'sleeper', 'sleeper', {})).toEqual({ ok: true, text: '' });
  });

  test('redis turns leading flags into redis-server flags and still serves', () => {
    const c = kubeletCluster();
    c.api.create('pods', boundPod('cache', { containers: [{ name: 'cache', image: 'redis:7.4', args: ['--appendonly', 'yes'] }] }));
    c.advance(30_000);
    const logs = c.nodeAgent('node-1')!.logs('default', 'cache', 'cache', {});
    expect(logs.ok && logs.text).toContain('Ready to accept connections tcp');
  });
});
