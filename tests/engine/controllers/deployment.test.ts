import { describe, expect, test } from 'vitest';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import { clone } from '../../../src/engine/api/objects';
import { availablePods, deployment, editDeployment, eventMessages, FakeKubelet, pods, workloadCluster } from './fake-kubelet';

const SAFE = '[bcdfghjklmnpqrstvwxz2456789]';
const replicaSets = (c: ReturnType<typeof workloadCluster>) => c.api.list<ReplicaSet>('replicasets', 'default').items;
const getDeployment = (c: ReturnType<typeof workloadCluster>, name = 'web') => c.api.get<Deployment>('deployments', 'default', name);
const condition = (d: Deployment, type: string) => d.status?.conditions?.find((x) => x.type === type);
const setImage = (image: string) => (d: Deployment) => {
  d.spec!.template.spec!.containers[0]!.image = image;
};

describe('Deployment controller', () => {
  test('a Deployment of 3 creates one ReplicaSet <deploy>-<hash> and 3 pods <rs>-<5 chars>', () => {
    const c = workloadCluster();
    const k = new FakeKubelet(c, { node: 'node-1' });
    c.api.create('deployments', deployment('web', 3));
    k.run(5000);
    const [rs, ...others] = replicaSets(c);
    expect(others).toHaveLength(0);
    const hash = rs!.metadata!.labels!['pod-template-hash']!;
    expect(rs!.metadata!.name).toBe(`web-${hash}`);
    expect(hash).toMatch(new RegExp(`^${SAFE}{6,10}$`));
    expect(rs!.spec!.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs!.metadata!.annotations).toEqual({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
    });
    const names = pods(c).map((p) => p.metadata!.name!);
    expect(names).toHaveLength(3);
    for (const name of names) expect(name).toMatch(new RegExp(`^web-${hash}-${SAFE}{5}$`));
    expect(eventMessages(c, 'ScalingReplicaSet')).toEqual([`Scaled up replica set web-${hash} from 0 to 3`]);
    expect(eventMessages(c, 'SuccessfulCreate').sort()).toEqual(names.map((n) => `Created pod: ${n}`).sort());
    const d = getDeployment(c);
    expect(d.metadata!.annotations!['deployment.kubernetes.io/revision']).toBe('1');
    expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, unavailableReplicas: 0 });
    expect(condition(d, 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });
    expect(condition(d, 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "web-${hash}" has successfully progressed.` });
  });

  test('the first sync stores the revision and the Progressing condition in one status write, then the counts', () => {
    const c = workloadCluster();
    c.api.create('deployments', deployment('web', 3));
    const key = '/registry/deployments/default/web';
    const versions: Deployment[] = [];
    const watchId = c.store.watch(key, c.store.get(key)!.modRevision + 1, 'test-versions');
    c.sim.register({ id: 'test-versions', receive: (m) => void (m.type === 'watch' && versions.push(...(m.events as { kv: { value: Deployment } }[]).map((e) => e.kv.value))) });
    c.advance(100);
    c.store.cancelWatch(watchId);
    const [first, second] = versions;
    expect(first!.metadata!.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1' });
    expect(first!.status).toEqual({ conditions: [expect.objectContaining({ type: 'Progressing', reason: 'NewReplicaSetCreated' })] });
    expect(second!.status).toMatchObject({ observedGeneration: 1 });
  });

  test('a deleted pod is replaced', () => {
    const c = workloadCluster();
    const k = new FakeKubelet(c, { node: 'node-1' });
    c.api.create('deployments', deployment('web', 3));
    k.run(3000);
    const victim = pods(c)[0]!.metadata!.name!;
    c.api.delete('pods', 'default', victim);
    k.run(5000);
    const names = pods(c).map((p) => p.metadata!.name);
    expect(names).toHaveLength(3);
    expect(names).not.toContain(victim);
    expect(availablePods(c)).toHaveLength(3);
  });

  test('scaling 3 → 5 → 2 creates, then deletes, in the one ReplicaSet', () => {
    const c = workloadCluster();
    const k = new FakeKubelet(c, { node: 'node-1' });
    c.api.create('deployments', deployment('web', 3));
    k.run(3000);
    editDeployment(c, 'web', (d) => void (d.spec!.replicas = 5));
    k.run(3000);
    expect(availablePods(c)).toHaveLength(5);
    editDeployment(c, 'web', (d) => void (d.spec!.replicas = 2));
    k.run(5000);
    expect(pods(c)).toHaveLength(2);
    const rs = replicaSets(c)[0]!;
    expect(replicaSets(c)).toHaveLength(1);
    expect(rs.metadata!.annotations!['deployment.kubernetes.io/desired-replicas']).toBe('2');
    expect(eventMessages(c, 'ScalingReplicaSet')).toEqual([
      `Scaled up replica set ${rs.metadata!.name} from 0 to 3`,
      `Scaled up replica set ${rs.metadata!.name} from 3 to 5`,
      `Scaled down replica set ${rs.metadata!.name} from 5 to 2`,
    ]);
    expect(eventMessages(c, 'SuccessfulDelete')).toHaveLength(3);
    expect(getDeployment(c).status).toMatchObject({ replicas: 2, availableReplicas: 2 });
  });

  test('rolling update of 10 with 25%/25% never runs more than 13 pods nor fewer than 8 available', () => {
    const c = workloadCluster();
    const k = new FakeKubelet(c, { node: 'node-1', readyAfterMs: 1500, terminateAfterMs: 3000 });
    c.api.create('deployments', deployment('web', 10));
    k.run(5000);
    expect(availablePods(c)).toHaveLength(10);
    editDeployment(c, 'web', setImage('nginx:1.28'));
    let maxPods = 0;
    let minAvailable = Infinity;
    k.run(60_000, 50, () => {
      maxPods = Math.max(maxPods, pods(c, true).length);
      minAvailable = Math.min(minAvailable, availablePods(c).length);
    });
    expect(maxPods).toBe(13);
    expect(minAvailable).toBe(8);
    const d = getDeployment(c);
    expect(d.status).toMatchObject({ replicas: 10, updatedReplicas: 10, availableReplicas: 10 });
    expect(d.metadata!.annotations!['deployment.kubernetes.io/revision']).toBe('2');
    expect(pods(c).every((p) => p.spec!.containers[0]!.image === 'nginx:1.28')).toBe(true);
    const [oldRS, newRS] = [...replicaSets(c)].sort((a, b) => (a.metadata!.annotations!['deployment.kubernetes.io/revision']! < b.metadata!.annotations!['deployment.kubernetes.io/revision']! ? -1 : 1));
    expect(oldRS!.spec!.replicas).toBe(0);
    const scaling = eventMessages(c, 'ScalingReplicaSet');
    expect(scaling[1]).toBe(`Scaled up replica set ${newRS!.metadata!.name} from 0 to 3`);
    expect(scaling[2]).toBe(`Scaled down replica set ${oldRS!.metadata!.name} from 10 to 8`);
  });

  test('maxSurge 0, maxUnavailable 1 with 2 replicas: old(-1), new(+1), old(-1), new(+1)', () => {
    const c = workloadCluster();
    const k = new FakeKubelet(c, { node: 'node-1' });
    const strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } };
    c.api.create('deployments', deployment('web', 2, { strategy }));
    k.run(3000);
    editDeployment(c, 'web', setImage('nginx:1.28'));
    let maxPods = 0;
    k.run(20_000, 50, () => void (maxPods = Math.max(maxPods, pods(c, true).length)));
    expect(maxPods).toBe(2);
    const [, ...rollout] = eventMessages(c, 'ScalingReplicaSet');
    expect(rollout.map((m) => m.replace(/ web-\w+ /, ' X ').replace(/^Scaled (up|down) replica set X/, (_m, dir: string) => dir))).toEqual([
      'down from 2 to 1',
      'up from 0 to 1',
      'down from 1 to 0',
      'up from 1 to 2',
    ]);
  });

  test('Recreate scales the old ReplicaSet to 0 and waits for its pods to go before the new one starts', () => {
    const c = workloadCluster();
    const k = new FakeKubelet(c, { node: 'node-1', terminateAfterMs: 4000 });
    c.api.create('deployments', deployment('web', 3, { strategy: { type: 'Recreate' } }));
    k.run(3000);
    const oldHash = replicaSets(c)[0]!.metadata!.labels!['pod-template-hash']!;
    editDeployment(c, 'web', setImage('nginx:1.28'));
    let overlap = false;
    k.run(20_000, 50, () => {
      const hashes = new Set(pods(c).map((p) => p.metadata!.labels!['pod-template-hash']));
      if (hashes.size > 1) overlap = true;
    });
    expect(overlap).toBe(false);
    expect(pods(c)).toHaveLength(3);
    expect(pods(c).every((p) => p.metadata!.labels!['pod-template-hash'] !== oldHash)).toBe(true);
    const scaling = eventMessages(c, 'ScalingReplicaSet');
    expect(scaling[1]).toBe(`Scaled down replica set web-${oldHash} from 3 to 0`);
    expect(scaling[2]).toMatch(/^Scaled up replica set web-\w+ from 0 to 3$/);
  });

  test('rollback to revision 1 reuses the old ReplicaSet and bumps its revision to 3', () => {
    const c = workloadCluster();
    const k = new FakeKubelet(c, { node: 'node-1' });
    c.api.create('deployments', deployment('web', 3));
    k.run(3000);
    const first = replicaSets(c)[0]!;
    editDeployment(c, 'web', setImage('nginx:1.28'));
    k.run(15_000);
    // kubectl rollout undo: copy revision 1's template (minus pod-template-hash) into the Deployment.
    editDeployment(c, 'web', (d) => {
      const template = clone(first.spec!.template!);
      delete template.metadata!.labels!['pod-template-hash'];
      d.spec!.template = template;
    });
    k.run(15_000);
    const rss = replicaSets(c);
    expect(rss).toHaveLength(2);
    const reused = rss.find((rs) => rs.metadata!.uid === first.metadata!.uid)!;
    expect(reused.spec!.replicas).toBe(3);
    expect(reused.metadata!.annotations!['deployment.kubernetes.io/revision']).toBe('3');
    expect(reused.metadata!.annotations!['deployment.kubernetes.io/revision-history']).toBe('1');
    expect(getDeployment(c).metadata!.annotations!['deployment.kubernetes.io/revision']).toBe('3');
    expect(pods(c).every((p) => p.metadata!.labels!['pod-template-hash'] === first.metadata!.labels!['pod-template-hash'])).toBe(true);
  });

  test('revisionHistoryLimit 2 keeps the new ReplicaSet and the 2 newest old ones', () => {
    const c = workloadCluster();
    const k = new FakeKubelet(c, { node: 'node-1' });
    c.api.create('deployments', deployment('web', 2, { revisionHistoryLimit: 2 }));
    k.run(3000);
    for (const tag of ['1.28', '1.29', '1.30', '1.31']) {
      editDeployment(c, 'web', setImage(`nginx:${tag}`));
      k.run(15_000);
    }
    const revisions = replicaSets(c)
      .map((rs) => Number(rs.metadata!.annotations!['deployment.kubernetes.io/revision']))
      .sort();
    expect(revisions).toEqual([3, 4, 5]);
  });

  test('progress deadline exceeded when the new pods never become ready', () => {
    const c = workloadCluster();
    const k = new FakeKubelet(c, { node: 'node-1', neverReady: (p) => p.spec!.containers[0]!.image === 'nginx:broken' });
    c.api.create('deployments', deployment('web', 3, { progressDeadlineSeconds: 30 }));
    k.run(3000);
    editDeployment(c, 'web', setImage('nginx:broken'));
    k.run(25_000, 500);
    expect(condition(getDeployment(c), 'Progressing')?.reason).toBe('ReplicaSetUpdated');
    k.run(10_000, 500);
    const d = getDeployment(c);
    const newRS = replicaSets(c).find((rs) => rs.spec!.template!.spec!.containers[0]!.image === 'nginx:broken')!;
    expect(condition(d, 'Progressing')).toMatchObject({
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: `ReplicaSet "${newRS.metadata!.name}" has timed out progressing.`,
    });
    // 25% of 3: maxSurge 1, maxUnavailable 0. One broken new pod, and all 3 old ones stay.
    expect(d.status).toMatchObject({ replicas: 4, availableReplicas: 3, updatedReplicas: 1 });
  });

  test('a paused Deployment does not roll out a new template but still scales', () => {
    const c = workloadCluster();
    const k = new FakeKubelet(c, { node: 'node-1' });
    c.api.create('deployments', deployment('web', 2));
    k.run(3000);
    editDeployment(c, 'web', (d) => {
      d.spec!.paused = true;
      setImage('nginx:1.28')(d);
      d.spec!.replicas = 4;
    });
    k.run(5000);
    expect(replicaSets(c)).toHaveLength(1);
    expect(availablePods(c)).toHaveLength(4);
    expect(condition(getDeployment(c), 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    editDeployment(c, 'web', (d) => void (d.spec!.paused = false));
    k.run(20_000);
    expect(replicaSets(c)).toHaveLength(2);
    expect(pods(c).every((p) => p.spec!.containers[0]!.image === 'nginx:1.28')).toBe(true);
  });

  test('scaling mid-rollout is shared in proportion between the ReplicaSets', () => {
    const c = workloadCluster();
    const k = new FakeKubelet(c, { node: 'node-1', neverReady: (p) => p.spec!.containers[0]!.image === 'nginx:broken' });
    c.api.create('deployments', deployment('web', 10, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } } }));
    k.run(3000);
    editDeployment(c, 'web', setImage('nginx:broken'));
    k.run(5000);
    const sizes = () => replicaSets(c).map((rs) => rs.spec!.replicas).sort((a, b) => a! - b!);
    expect(sizes()).toEqual([5, 8]);
    editDeployment(c, 'web', (d) => void (d.spec!.replicas = 15));
    k.run(3000);
    // The documented example: 13 pods → 18 allowed, +5 split by size: old 8 → 11, new 5 → 7.
    expect(sizes()).toEqual([7, 11]);
  });
});
