import type { Pod } from 'kubernetes-types/core/v1';
import { nodeConfig } from '../../../src/engine/cluster-config';
import { describe, expect, test } from 'vitest';
import { Cluster } from '../../../src/engine/cluster';
import { kubeletComponents } from '../../../src/engine/kubelet';
import { boundPod, condition, eventsOf, getPod, kubelet, kubeletCluster, traceOf } from './helpers';

describe('kubelet: pod start-up', () => {
  test('pulls, creates and starts nginx with 1.34 event texts, an IP from the podCIDR and Ready conditions', () => {
    const c = kubeletCluster();
    c.api.create('pods', boundPod('web'));
    c.advance(2_000);
    expect(getPod(c, 'web')?.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ContainerCreating');
    expect(condition(getPod(c, 'web'), 'PodReadyToStartContainers')).toBe('True');
    c.advance(3_000);
    const pod = getPod(c, 'web')!;
    expect(pod.status?.phase).toBe('Running');
    expect(pod.status?.podIP).toBe('10.244.1.2');
    expect(pod.status?.hostIP).toBe('172.18.0.3');
    expect(condition(pod, 'Ready')).toBe('True');
    expect(condition(pod, 'ContainersReady')).toBe('True');
    const cs = pod.status!.containerStatuses![0]!;
    expect(cs.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(cs.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(eventsOf(c, 'web')).toEqual([
      'Pulling: Pulling image "nginx:1.27"',
      'Pulled: Successfully pulled image "nginx:1.27" in 3.234s (3.234s including waiting). Image size: 72099405 bytes.',
      'Created: Created container: web',
      'Started: Started container web',
    ]);
  });

  test('the second pod on a node finds the image cached and gets the next free IP', () => {
    const c = kubeletCluster();
    c.api.create('pods', boundPod('a'));
    c.advance(5_000);
    c.api.create('pods', boundPod('b'));
    c.advance(1_000);
    expect(eventsOf(c, 'b')[0]).toBe('Pulled: Container image "nginx:1.27" already present on machine');
    expect(getPod(c, 'b')?.status?.podIP).toBe('10.244.1.3');
    expect(getPod(c, 'b')?.status?.phase).toBe('Running');
  });

  test('pulls on one node are serialised and report the time spent waiting', () => {
    const c = kubeletCluster();
    c.api.create('pods', boundPod('a', { image: 'redis:7.4' }));
    c.api.create('pods', boundPod('b', { image: 'nginx:1.27' }));
    c.advance(10_000);
    expect(eventsOf(c, 'b')[1]).toBe('Pulled: Successfully pulled image "nginx:1.27" in 3.234s (5.421s including waiting). Image size: 72099405 bytes.');
  });

  test('Kubernetes 1.35 prints the short Created/Started texts and the accessible-image text', () => {
    const c = kubeletCluster({ kubernetesVersion: '1.35.0' });
    c.api.create('pods', boundPod('a'));
    c.advance(5_000);
    c.api.create('pods', boundPod('b'));
    c.advance(1_000);
    expect(eventsOf(c, 'a').slice(2)).toEqual(['Created: Container created', 'Started: Container started']);
    expect(eventsOf(c, 'b')[0]).toBe('Pulled: Container image "nginx:1.27" already present on machine and can be accessed by the pod');
  });

  test('the kubelet reports the pod generation it acted on (status and its conditions), deletion included', () => {
    const c = kubeletCluster();
    type Observed = { metadata?: { generation?: number }; status?: { observedGeneration?: number; conditions?: { type: string; observedGeneration?: number }[] } };
    const written: Observed[] = [];
    const put = c.store.put.bind(c.store);
    c.store.put = (key, value, expected) => {
      if (key === '/registry/pods/default/web') written.push(value as Observed);
      return put(key, value, expected);
    };
    const observed = (p: Observed) => [p.status?.observedGeneration, ...(p.status?.conditions ?? []).map((x) => `${x.type}=${x.observedGeneration}`)];
    c.api.create('pods', boundPod('web'));
    c.advance(5_000);
    // A pod given its node in the spec still reports PodScheduled, as the kubelet always does.
    expect(observed(written.at(-1)!)).toEqual([1, 'PodReadyToStartContainers=1', 'Initialized=1', 'Ready=1', 'ContainersReady=1', 'PodScheduled=1']);
    c.api.delete('pods', 'default', 'web');
    c.advance(5_000);
    // Every status the kubelet wrote after the deletion says it saw generation 2.
    const afterDelete = written.slice(written.findIndex((p) => p.metadata?.generation === 2) + 1);
    expect(afterDelete.length).toBeGreaterThan(0);
    for (const p of afterDelete) expect(observed(p)).toEqual([2, 'PodReadyToStartContainers=2', 'Initialized=2', 'Ready=2', 'ContainersReady=2', 'PodScheduled=2']);
  });

  test("the kubelet's status keeps other components' conditions first and its own after, PodScheduled last", () => {
    const c = kubeletCluster();
    c.api.create('pods', boundPod('web'));
    c.advance(5_000);
    const written: string[][] = [];
    const put = c.store.put.bind(c.store);
    c.store.put = (key, value, expected) => {
      if (key === '/registry/pods/default/web') written.push(((value as Pod).status?.conditions ?? []).map((x) => x.type));
      return put(key, value, expected);
    };
    c.api.evict('default', 'web');
    c.advance(5_000);
    // The eviction appends DisruptionTarget; the kubelet's next status puts it first.
    expect(written[0]).toEqual(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled', 'DisruptionTarget']);
    expect(written.at(-1)).toEqual(['DisruptionTarget', 'PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);
  });

  test('a missing tag: containerd 2.1 words it through its transfer service, 2.0 through the local pull', () => {
    const failed = (version: string) => {
      const node = nodeConfig('node-1', 1, { runtime: { name: 'containerd', version } });
      const c = kubeletCluster({ nodes: [node] });
      c.api.create('pods', boundPod('gone', { image: 'nginx:1.92' }));
      c.advance(900);
      return eventsOf(c, 'gone')[1];
    };
    const start = 'Failed: Failed to pull image "nginx:1.92": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.92": ';
    expect(failed('2.1.4')).toBe(`${start}failed to resolve image: docker.io/library/nginx:1.92: not found`);
    expect(failed('2.0.5')).toBe(`${start}failed to resolve reference "docker.io/library/nginx:1.92": docker.io/library/nginx:1.92: not found`);
  });

  test('from 1.31 (RecursiveReadOnlyMounts) each container status lists its mounts, a read-only one with its recursive mode', () => {
    const mounts = (version: string, featureGates: Record<string, boolean> = {}) => {
      const c = kubeletCluster({ kubernetesVersion: version, featureGates });
      c.api.create('pods', boundPod('web', {
        volumes: [{ name: 'scratch', emptyDir: {} }, { name: 'conf', emptyDir: {} }],
        containers: [{ name: 'web', image: 'nginx:1.27', volumeMounts: [{ name: 'scratch', mountPath: '/scratch' }, { name: 'conf', mountPath: '/conf', readOnly: true }] }],
      }));
      c.advance(5_000);
      const status = getPod(c, 'web')?.status?.containerStatuses?.[0] as { volumeMounts?: unknown; state?: object } | undefined;
      expect(status?.state).toHaveProperty('running');
      return status?.volumeMounts;
    };
    const listed = [
      { name: 'scratch', mountPath: '/scratch' },
      { name: 'conf', mountPath: '/conf', readOnly: true, recursiveReadOnly: 'Disabled' },
      { name: expect.stringMatching(/^kube-api-access-[a-z0-9]{5}$/) as unknown, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true, recursiveReadOnly: 'Disabled' },
    ];
    expect(mounts('1.31.0')).toEqual(listed);
    expect(mounts('1.34.0')).toEqual(listed);
    expect(mounts('1.30.0')).toBeUndefined();
    expect(mounts('1.30.0', { RecursiveReadOnlyMounts: true })).toEqual(listed);
    expect(mounts('1.32.0', { RecursiveReadOnlyMounts: false })).toBeUndefined();
  });

  test('from 1.33 a created container\'s status reports its resources and, on containerd 2, the identity it runs as', () => {
    type Reported = { resources?: unknown; allocatedResources?: unknown; user?: unknown };
    const statusOf = (version: string, runtime = '2.1.4', resources?: object) => {
      const node = nodeConfig('node-1', 1, { runtime: { name: 'containerd', version: runtime } });
      const c = kubeletCluster({ kubernetesVersion: version, nodes: [node] });
      c.api.create('pods', boundPod('web', { containers: [{ name: 'web', image: 'nginx:1.27', ...(resources ? { resources } : {}) }] }));
      const current = () => getPod(c, 'web')?.status?.containerStatuses?.[0] as (Reported & { state?: object }) | undefined;
      c.advance(1_000);
      const before = current();
      expect(before?.state).toEqual({ waiting: { reason: 'ContainerCreating' } });
      c.advance(5_000);
      return { before, running: current() };
    };
    const root = { linux: { uid: 0, gid: 0, supplementalGroups: [0] } };
    const { before, running } = statusOf('1.34.0');
    expect(before).not.toHaveProperty('resources');
    expect(running).toMatchObject({ resources: {}, user: root });
    expect(running).not.toHaveProperty('allocatedResources');
    const requests = { cpu: '100m', memory: '64Mi' };
    expect(statusOf('1.34.0', '2.1.4', { requests }).running).toMatchObject({ resources: { requests }, allocatedResources: requests });
    expect(statusOf('1.34.0', '1.7.27').running).not.toHaveProperty('user');
    const old = statusOf('1.32.0').running;
    expect(old).not.toHaveProperty('resources');
    expect(old).not.toHaveProperty('user');
  });

  test('a mistyped image fails with ErrImagePull, then ImagePullBackOff, retrying after 10 s then 20 s', () => {
    const c = kubeletCluster();
    c.api.create('pods', boundPod('bad', { image: 'ngnix:1.27' }));
    c.advance(900);
    const waiting = () => getPod(c, 'bad')?.status?.containerStatuses?.[0]?.state?.waiting;
    expect(waiting()?.reason).toBe('ErrImagePull');
    expect(eventsOf(c, 'bad')).toEqual([
      'Pulling: Pulling image "ngnix:1.27"',
      'Failed: Failed to pull image "ngnix:1.27": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/ngnix:1.27": failed to resolve image: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
      'Failed: Error: ErrImagePull',
    ]);
    c.advance(1_200);
    expect(waiting()?.reason).toBe('ImagePullBackOff');
    expect(waiting()?.message).toMatch(/^Back-off pulling image "ngnix:1.27": ErrImagePull: rpc error/);
    expect(eventsOf(c, 'bad').slice(3)).toEqual(['BackOff: Back-off pulling image "ngnix:1.27"', 'Failed: Error: ImagePullBackOff']);
    const pulls = () => traceOf(c, 'bad').filter((l) => l.split(' ')[1] === 'pull').map((l) => Number(l.split(' ')[0]));
    c.advance(60_000);
    const [first, second, third] = pulls();
    expect(second! - first!).toBeGreaterThanOrEqual(10_000);
    expect(second! - first!).toBeLessThan(11_000);
    expect(third! - second!).toBeGreaterThanOrEqual(20_000);
    expect(third! - second!).toBeLessThan(21_000);
  });

  test('a missing ConfigMap keeps the pod ContainerCreating with FailedMount until it appears', () => {
    const c = kubeletCluster();
    c.api.create('pods', boundPod('cfg', { volumes: [{ name: 'conf', configMap: { name: 'app-config' } }] }));
    c.advance(3_000);
    expect(eventsOf(c, 'cfg')[0]).toBe('FailedMount: MountVolume.SetUp failed for volume "conf" : configmap "app-config" not found');
    expect(getPod(c, 'cfg')?.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ContainerCreating');
    c.api.create('configmaps', { metadata: { name: 'app-config', namespace: 'default' }, data: { 'app.conf': 'x=1\n' } });
    c.advance(10_000);
    expect(getPod(c, 'cfg')?.status?.phase).toBe('Running');
  });

  test('every pod gets a unique IP from its own node', () => {
    const c = kubeletCluster();
    for (let i = 0; i < 5; i++) c.api.create('pods', boundPod(`p${i}`, {}, i % 2 ? 'node-1' : 'node-2'));
    c.advance(6_000);
    const ips = [0, 1, 2, 3, 4].map((i) => getPod(c, `p${i}`)!.status!.podIP!);
    expect(new Set(ips).size).toBe(5);
    expect(ips.filter((ip) => ip.startsWith('10.244.2.'))).toHaveLength(3);
  });

  test('node conditions posted at start and every 5 min; the node Lease renewed every 10 s', () => {
    const c = kubeletCluster();
    c.advance(25_000);
    const node = () => c.api.get<import('kubernetes-types/core/v1').Node>('nodes', undefined, 'node-1');
    const ready = () => node().status!.conditions!.find((x) => x.type === 'Ready')!;
    const lease = () => c.api.get<import('kubernetes-types/coordination/v1').Lease>('leases', 'kube-node-lease', 'node-1');
    expect(ready()).toMatchObject({ status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: '2026-01-01T00:00:00Z' });
    expect(node().status!.conditions!.map((x) => x.reason)).toEqual(['KubeletHasSufficientMemory', 'KubeletHasNoDiskPressure', 'KubeletHasSufficientPID', 'KubeletReady']);
    expect(lease().spec).toEqual({ holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: '2026-01-01T00:00:20.000000Z' });
    expect(lease().metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'Node', name: 'node-1' });
    c.advance(5 * 60_000);
    expect(ready().lastHeartbeatTime).toBe('2026-01-01T00:05:00Z');
  });

  test('a snapshot taken mid-pull continues identically after restore', () => {
    const c = kubeletCluster();
    c.api.create('pods', boundPod('web'));
    c.api.create('pods', boundPod('job', { image: 'busybox:1.36', containers: [{ name: 'sh', image: 'busybox:1.36', command: ['sh', '-c', 'while true; do echo tick; sleep 2; done'] }] }));
    c.advance(1_500);
    const restored = Cluster.restore(c.snapshot(), [kubeletComponents]);
    c.advance(20_000);
    restored.advance(20_000);
    expect(restored.stateHash()).toBe(c.stateHash());
    expect(getPod(restored, 'web')?.status?.phase).toBe('Running');
  });

  test('a restored container keeps its log and goes on writing to it', () => {
    const c = kubeletCluster();
    c.api.create('pods', boundPod('job', { image: 'busybox:1.36', containers: [{ name: 'sh', image: 'busybox:1.36', command: ['sh', '-c', 'while true; do echo tick; sleep 2; done'] }] }));
    c.advance(10_000);
    const logs = (cluster: Cluster) => {
      const result = kubelet(cluster).logs('default', 'job', 'sh', {});
      return result.ok ? result.text : result.error;
    };
    const before = logs(c);
    expect(before).toMatch(/^(tick\n){3,}$/);
    const restored = Cluster.restore(c.snapshot(), [kubeletComponents]);
    expect(logs(restored)).toBe(before);
    c.advance(10_000);
    restored.advance(10_000);
    expect(logs(restored)).toBe(logs(c));
    expect(logs(restored).length).toBeGreaterThan(before.length);
    expect(restored.stateHash()).toBe(c.stateHash());
  });
});
