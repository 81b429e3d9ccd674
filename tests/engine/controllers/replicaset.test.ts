import { describe, expect, test } from 'vitest';
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { clone } from '../../../src/engine/api/objects';
import { deployment, eventMessages, FakeKubelet, pods, workloadCluster } from './fake-kubelet';

const replicaSet = (name: string, replicas: number): ReplicaSet => ({
  metadata: { name },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
  },
});
const bare = (name: string, labels: Record<string, string>): Pod => ({ metadata: { name, labels }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } });

describe('ReplicaSet controller', () => {
  test('adopts a matching orphan pod instead of creating one, and records its events', () => {
    const c = workloadCluster();
    c.api.create('pods', bare('hand-made', { app: 'fe' }));
    c.api.create('replicasets', replicaSet('fe', 2));
    c.advance(100);
    const all = pods(c);
    expect(all).toHaveLength(2);
    const adopted = c.api.get<Pod>('pods', 'default', 'hand-made');
    expect(adopted.metadata?.ownerReferences).toMatchObject([{ kind: 'ReplicaSet', name: 'fe', controller: true, blockOwnerDeletion: true }]);
    const created = all.find((p) => p.metadata?.name !== 'hand-made')!;
    expect(created.metadata?.generateName).toBe('fe-');
    expect(eventMessages(c, 'SuccessfulCreate')).toEqual([`Created pod: ${created.metadata?.name}`]);
  });

  test('releases a pod whose labels stop matching, and replaces it', () => {
    const c = workloadCluster();
    c.api.create('replicasets', replicaSet('fe', 1));
    c.advance(100);
    const pod = clone(pods(c)[0]!);
    pod.metadata!.labels = { app: 'debug' };
    c.api.update('pods', pod);
    c.advance(100);
    expect(c.api.get<Pod>('pods', 'default', pod.metadata!.name!).metadata?.ownerReferences ?? []).toEqual([]);
    expect(pods(c)).toHaveLength(2);
  });

  test('deletes unscheduled and not-ready pods before running ready ones', () => {
    const c = workloadCluster();
    const k = new FakeKubelet(c, { node: 'node-1' });
    c.api.create('replicasets', replicaSet('fe', 2));
    k.run(3000);
    const ready = pods(c).map((p) => p.metadata!.name);
    const rs = clone(c.api.get<ReplicaSet>('replicasets', 'default', 'fe'));
    rs.spec!.replicas = 4;
    c.api.update('replicasets', rs);
    c.advance(50); // two new pods exist but the kubelet has not bound them yet
    const fresh = clone(c.api.get<ReplicaSet>('replicasets', 'default', 'fe'));
    fresh.spec!.replicas = 2;
    c.api.update('replicasets', fresh);
    c.advance(50);
    expect(pods(c).map((p) => p.metadata!.name).sort()).toEqual(ready.sort());
    expect(eventMessages(c, 'SuccessfulDelete')).toHaveLength(2);
  });

  test('reports status: replicas, ready and available after minReadySeconds, observedGeneration', () => {
    const c = workloadCluster();
    const k = new FakeKubelet(c, { node: 'node-1', readyAfterMs: 1000 });
    c.api.create('replicasets', { ...replicaSet('fe', 3), spec: { ...replicaSet('fe', 3).spec!, minReadySeconds: 5 } });
    k.run(2000);
    const status = () => c.api.get<ReplicaSet>('replicasets', 'default', 'fe').status;
    expect(status()).toMatchObject({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 0, observedGeneration: 1 });
    k.run(8000);
    expect(status()).toMatchObject({ availableReplicas: 3 });
  });

  test('terminating pods are not replicas; from 1.35 they are counted in terminatingReplicas', () => {
    const c = workloadCluster(1, { kubernetesVersion: '1.35.0' });
    const k = new FakeKubelet(c, { node: 'node-1', terminateAfterMs: 10_000 });
    c.api.create('replicasets', replicaSet('fe', 2));
    k.run(3000);
    c.api.delete('pods', 'default', pods(c)[0]!.metadata!.name!);
    k.run(500);
    const status = c.api.get<ReplicaSet>('replicasets', 'default', 'fe').status as { replicas?: number; terminatingReplicas?: number };
    expect(status).toMatchObject({ replicas: 2, terminatingReplicas: 1 });
    expect(pods(c)).toHaveLength(3);
  });

  test('same seed, same pod names; another seed, other names', () => {
    const names = (seed: number) => {
      const c = workloadCluster(seed);
      const k = new FakeKubelet(c, { node: 'node-1' });
      c.api.create('deployments', deployment('web', 5));
      k.run(3000);
      return pods(c).map((p) => p.metadata!.name).sort();
    };
    expect(names(1)).toEqual(names(1));
    expect(names(2)).not.toEqual(names(1));
  });

  test('snapshot and restore mid-rollout continue identically', async () => {
    const { Cluster } = await import('../../../src/engine/cluster');
    const { workloadControllerComponents } = await import('../../../src/engine/controllers');
    const a = workloadCluster(4);
    a.api.create('deployments', deployment('web', 4));
    a.advance(20);
    const b = Cluster.restore(a.snapshot(), [workloadControllerComponents]);
    a.advance(2000);
    b.advance(2000);
    expect(b.stateHash()).toBe(a.stateHash());
  });
});
