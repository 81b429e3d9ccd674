import { describe, expect, test } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { boundPod, condition, eventsOf, getPod, kubelet, kubeletCluster, traceOf } from './helpers';

const times = (lines: string[], action: string, contains = '') => lines.filter((l) => l.split(' ')[1] === action && l.includes(contains)).map((l) => Number(l.split(' ')[0]));

describe('kubelet: restarts and probes', () => {
  test('CrashLoopBackOff: restarts at once, then after 10 s, 20 s, 40 s', () => {
    const c = kubeletCluster();
    c.api.create('pods', boundPod('crash', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'echo boom; exit 1'] }] }));
    c.advance(120_000);
    const trace = traceOf(c, 'crash');
    const exits = times(trace, 'exit');
    const starts = times(trace, 'start');
    const gaps = starts.slice(1, 5).map((s, i) => s - exits[i]!);
    expect(gaps.map((g) => Math.round(g / 1000))).toEqual([0, 10, 20, 40]);
    const pod = getPod(c, 'crash')!;
    const cs = pod.status!.containerStatuses![0]!;
    expect(cs.restartCount).toBeGreaterThanOrEqual(4);
    expect(cs.state?.waiting?.reason).toBe('CrashLoopBackOff');
    expect(cs.state?.waiting?.message).toBe(`back-off 1m20s restarting failed container=app pod=crash_default(${pod.metadata!.uid})`);
    expect(cs.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(eventsOf(c, 'crash')).toContain(`BackOff: Back-off restarting failed container app in pod crash_default(${pod.metadata!.uid})`);
  });

  test('restartPolicy Never: a pod whose container exits 0 Succeeds, non-zero Fails', () => {
    const c = kubeletCluster();
    c.api.create('pods', boundPod('ok', { restartPolicy: 'Never', containers: [{ name: 'j', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 2; exit 0'] }] }));
    c.api.create('pods', boundPod('ko', { restartPolicy: 'Never', containers: [{ name: 'j', image: 'busybox:1.36', command: ['sh', '-c', 'exit 3'] }] }));
    c.advance(10_000);
    expect(getPod(c, 'ok')?.status?.phase).toBe('Succeeded');
    expect(getPod(c, 'ko')?.status?.phase).toBe('Failed');
    expect(getPod(c, 'ko')?.status?.containerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    expect(condition(getPod(c, 'ok'), 'Ready')).toBe('False');
  });

  test('init containers run in order before the app container', () => {
    const c = kubeletCluster();
    c.api.create('pods', boundPod('init', {
      initContainers: [
        { name: 'one', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 1'] },
        { name: 'two', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 1'] },
      ],
    }));
    c.advance(1_500);
    expect(condition(getPod(c, 'init'), 'Initialized')).toBe('False');
    c.advance(10_000);
    const starts = traceOf(c, 'init').filter((l) => l.split(' ')[1] === 'start').map((l) => l.split(' ')[3]);
    expect(starts).toEqual(['one', 'two', 'web']);
    expect(getPod(c, 'init')?.status?.phase).toBe('Running');
  });

  test('a readiness probe gates Ready until the app answers 200', () => {
    const c = kubeletCluster();
    const pod: Pod = boundPod('ready', {
      containers: [{
        name: 'web',
        image: 'ghcr.io/clusterlab/http-app:1.0',
        env: [{ name: 'READY_AFTER', value: '5' }],
        readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 2 },
      }],
    });
    c.api.create('pods', pod);
    c.advance(3_000);
    expect(getPod(c, 'ready')?.status?.phase).toBe('Running');
    expect(condition(getPod(c, 'ready'), 'Ready')).toBe('False');
    expect(eventsOf(c, 'ready')).toContain('Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 503');
    c.advance(6_000);
    expect(condition(getPod(c, 'ready'), 'Ready')).toBe('True');
  });

  test('a failing liveness probe kills and restarts the container', () => {
    const c = kubeletCluster();
    c.api.create('pods', boundPod('live', {
      containers: [{
        name: 'web',
        image: 'ghcr.io/clusterlab/http-app:1.0',
        env: [{ name: 'FAIL_LIVENESS_AFTER', value: '4' }, { name: 'SHUTDOWN', value: 'drain' }, { name: 'DRAIN_SECONDS', value: '1' }],
        livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 2, failureThreshold: 2 },
      }],
    }));
    c.advance(15_000);
    const events = eventsOf(c, 'live');
    expect(events).toContain('Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 500');
    expect(events).toContain('Killing: Container web failed liveness probe, will be restarted');
    const cs = getPod(c, 'live')!.status!.containerStatuses![0]!;
    expect(cs.restartCount).toBe(1);
    expect(cs.lastState?.terminated?.exitCode).toBe(0);
  });
});

describe('kubelet: graceful termination', () => {
  test('an app that ignores SIGTERM is SIGKILLed after the default 30 s with exit code 137', () => {
    const c = kubeletCluster();
    c.api.create('pods', boundPod('sleepy', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }] }));
    c.advance(5_000);
    c.api.delete('pods', 'default', 'sleepy');
    const t0 = c.now();
    c.advance(29_000);
    expect(getPod(c, 'sleepy')?.metadata?.deletionTimestamp).toBeDefined();
    c.advance(2_000);
    expect(getPod(c, 'sleepy')).toBeUndefined();
    const trace = traceOf(c, 'sleepy');
    expect(times(trace, 'signal', 'SIGTERM')[0]! - t0).toBeLessThan(10);
    expect(times(trace, 'signal', 'SIGKILL sent')[0]! - times(trace, 'signal', 'SIGTERM')[0]!).toBe(30_000);
    expect(trace.some((l) => l.endsWith('exit container app exited with code 137'))).toBe(true);
    expect(eventsOf(c, 'sleepy')).toContain('Killing: Stopping container app');
  });

  test('preStop sleep 5 delays SIGTERM by 5 s and leaves 25 s before SIGKILL', () => {
    const c = kubeletCluster();
    c.api.create('pods', boundPod('hook', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'], lifecycle: { preStop: { sleep: { seconds: 5 } } } }] }));
    c.advance(5_000);
    c.api.delete('pods', 'default', 'hook');
    c.advance(40_000);
    const trace = traceOf(c, 'hook');
    const hook = times(trace, 'prestop')[0]!;
    const term = times(trace, 'signal', 'SIGTERM')[0]!;
    expect(term - hook).toBe(5_000);
    expect(times(trace, 'signal', 'SIGKILL sent')[0]! - term).toBe(25_000);
  });

  test('a preStop hook longer than the grace period still leaves the 2 s minimum', () => {
    const c = kubeletCluster();
    c.api.create('pods', boundPod('long', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'], lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 35'] } } } }] }));
    c.advance(5_000);
    c.api.delete('pods', 'default', 'long');
    c.advance(40_000);
    const trace = traceOf(c, 'long');
    const hook = times(trace, 'prestop')[0]!;
    const term = times(trace, 'signal', 'SIGTERM')[0]!;
    expect(term - hook).toBe(30_000);
    expect(times(trace, 'signal', 'SIGKILL sent')[0]! - term).toBe(2_000);
  });

  test('nginx stops on SIGQUIT within milliseconds; the pod goes only after its containers stopped', () => {
    const c = kubeletCluster();
    c.api.create('pods', boundPod('web'));
    c.advance(5_000);
    c.api.delete('pods', 'default', 'web');
    c.advance(20);
    expect(getPod(c, 'web')).toBeDefined();
    c.advance(100);
    expect(getPod(c, 'web')).toBeUndefined();
    const trace = traceOf(c, 'web');
    const exit = times(trace, 'exit')[0]!;
    const deleted = times(trace, 'delete')[0]!;
    expect(deleted).toBeGreaterThan(exit);
    expect(trace.some((l) => l.includes('SIGQUIT sent to container web'))).toBe(true);
    // The IP is free for the next pod once the sandbox is gone.
    c.api.create('pods', boundPod('next'));
    c.advance(1_000);
    expect(getPod(c, 'next')?.status?.podIP).toBe('10.244.1.3');
  });
});

describe('kubelet: node API', () => {
  test('logs: waiting, current, previous and the errors kubectl prints', () => {
    const c = kubeletCluster();
    const agent = c.nodeAgent('node-1')!;
    expect(agent).toBe(kubelet(c));
    c.api.create('pods', boundPod('web'));
    c.advance(100);
    expect(agent.logs('default', 'web', 'web', {})).toEqual({ ok: false, error: 'container "web" in pod "web" is waiting to start: ContainerCreating' });
    c.advance(5_000);
    const logs = agent.logs('default', 'web', 'web', {});
    expect(logs.ok && logs.text.split('\n')[0]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
    expect(logs.ok && logs.text).toContain('[notice] 1#1: nginx/1.27.5');
    expect(agent.logs('default', 'web', 'web', { previous: true })).toEqual({ ok: false, error: 'previous terminated container "web" in pod "web" not found' });
    expect(agent.logs('default', 'web', 'web', { tailLines: 1 })).toEqual({ ok: true, text: '2026/01/01 00:00:03 [notice] 1#1: start worker process 32\n' });
  });

  test('exec: env, cat, nginx -v, sh -c, failures', () => {
    const c = kubeletCluster();
    const agent = c.nodeAgent('node-1')!;
    c.api.create('pods', boundPod('web', { containers: [{ name: 'web', image: 'nginx:1.27', env: [{ name: 'GREETING', value: 'hi' }] }] }));
    c.advance(5_000);
    expect(agent.exec('default', 'web', 'web', ['printenv', 'GREETING'], '')).toEqual({ stdout: 'hi\n', stderr: '', exitCode: 0 });
    expect(agent.exec('default', 'web', 'web', ['hostname'], '').stdout).toBe('web\n');
    expect(agent.exec('default', 'web', 'web', ['nginx', '-v'], '').stderr).toBe('nginx version: nginx/1.27.5\n');
    expect(agent.exec('default', 'web', 'web', ['cat', '/etc/resolv.conf'], '').stdout).toContain('nameserver 10.96.0.10');
    expect(agent.exec('default', 'web', 'web', ['sh', '-c', 'echo $HOSTNAME && exit 3'], '')).toEqual({ stdout: 'web\n', stderr: '', exitCode: 3 });
    expect(agent.exec('default', 'web', 'nope', ['ls'], '')).toEqual({ stdout: '', stderr: 'error: unable to upgrade connection: container not found ("nope")\n', exitCode: 1 });
  });

  test('exec in nginx: the image\'s ENV in Dockerfile order, and GNU coreutils\' errors (busybox words them otherwise)', () => {
    const c = kubeletCluster();
    const agent = c.nodeAgent('node-1')!;
    c.api.create('pods', boundPod('web', { containers: [{ name: 'web', image: 'nginx:1.27' }] }));
    c.api.create('pods', boundPod('box', { containers: [{ name: 'box', image: 'busybox:1.36', command: ['sleep', '3600'] }] }));
    c.advance(5_000);
    const env = agent.exec('default', 'web', 'web', ['env'], '').stdout.split('\n');
    expect(env.slice(0, 7)).toEqual(['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'HOSTNAME=web', 'NGINX_VERSION=1.27.5', 'NJS_VERSION=0.8.10', 'NJS_RELEASE=1~bookworm', 'PKG_RELEASE=1~bookworm', 'DYNPKG_RELEASE=1~bookworm']);
    expect(agent.exec('default', 'web', 'web', ['cat', '/nope'], '')).toEqual({ stdout: '', stderr: 'cat: /nope: No such file or directory\n', exitCode: 1 });
    expect(agent.exec('default', 'web', 'web', ['cat', '/etc'], '').stderr).toBe('cat: /etc: Is a directory\n');
    expect(agent.exec('default', 'web', 'web', ['ls', '/nope'], '')).toEqual({ stdout: '', stderr: "ls: cannot access '/nope': No such file or directory\n", exitCode: 2 });
    expect(agent.exec('default', 'box', 'box', ['cat', '/nope'], '')).toEqual({ stdout: '', stderr: "cat: can't open '/nope': No such file or directory\n", exitCode: 1 });
    expect(agent.exec('default', 'box', 'box', ['ls', '/nope'], '')).toEqual({ stdout: '', stderr: 'ls: /nope: No such file or directory\n', exitCode: 1 });
  });

  test('ls: the image\'s root directories, the WORKDIR by default, files before directories and a heading per directory', () => {
    const c = kubeletCluster();
    const agent = c.nodeAgent('node-1')!;
    c.api.create('pods', boundPod('web', { containers: [{ name: 'web', image: 'nginx:1.27' }] }));
    c.api.create('pods', boundPod('box', { containers: [{ name: 'box', image: 'busybox:1.36', command: ['sleep', '3600'] }] }));
    c.api.create('pods', boundPod('cache', { containers: [{ name: 'cache', image: 'redis:7.4' }] }));
    c.advance(30_000);
    const ls = (pod: string, ...args: string[]) => agent.exec('default', pod, pod, ['ls', ...args], '');
    expect(ls('web', '/').stdout).toBe('bin\nboot\ndev\ndocker-entrypoint.d\netc\nhome\nlib\nlib64\nmedia\nmnt\nopt\nproc\nroot\nrun\nsbin\nsrv\nsys\ntmp\nusr\nvar\n');
    expect(ls('box').stdout).toBe('bin\ndev\netc\nhome\nlib\nlib64\nproc\nroot\nsys\ntmp\nusr\nvar\n');
    // redis's Dockerfile sets WORKDIR /data, empty in a fresh container.
    expect(ls('cache')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(ls('web', '/tmp')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(ls('web', '/usr/share/nginx', '/etc/hostname', '/tmp')).toEqual({ stdout: '/etc/hostname\n\n/tmp:\n\n/usr/share/nginx:\nhtml\n', stderr: '', exitCode: 0 });
    expect(agent.exec('default', 'web', 'web', ['cat', '/etc/os-release'], '').stdout).toMatch(/^PRETTY_NAME="Debian GNU\/Linux 12 \(bookworm\)"\n[^]*\nVERSION_CODENAME=bookworm\nID=debian\n/);
    expect(agent.exec('default', 'web', 'web', ['cat', '/tmp'], '').stderr).toBe('cat: /tmp: Is a directory\n');
  });

  test('a stopped kubelet posts no heartbeats', () => {
    const c = kubeletCluster();
    c.advance(1_000);
    kubelet(c).stop();
    c.advance(30_000);
    const node = c.api.get<import('kubernetes-types/core/v1').Node>('nodes', undefined, 'node-1');
    expect(node.status!.conditions!.find((x) => x.type === 'Ready')!.lastHeartbeatTime).toBe('2026-01-01T00:00:00Z');
    kubelet(c).resume();
    c.advance(1_000);
    expect(c.api.get<import('kubernetes-types/core/v1').Node>('nodes', undefined, 'node-1').status!.conditions!.find((x) => x.type === 'Ready')!.lastHeartbeatTime).toBe('2026-01-01T00:00:31Z');
  });
});
