import { describe, expect, test } from 'vitest';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import { deployment, FakeKubelet, pods, workloadCluster } from './fake-kubelet';

function runningDeployment() {
  const c = workloadCluster();
  const k = new FakeKubelet(c, { node: 'node-1', terminateAfterMs: 3000 });
  c.api.create('deployments', deployment('web', 3));
  k.run(3000);
  return { c, k };
}
const replicaSets = (c: ReturnType<typeof workloadCluster>) => c.api.list<ReplicaSet>('replicasets', 'default').items;

describe('garbage collector', () => {
  test('background: deleting a Deployment deletes its ReplicaSet, then its pods', () => {
    const { c, k } = runningDeployment();
    const { gone } = c.api.delete('deployments', 'default', 'web');
    expect(gone).toBe(true);
    k.run(1000);
    expect(replicaSets(c)).toHaveLength(0);
    expect(pods(c, true)).toHaveLength(0);
    k.run(5000);
    expect(pods(c)).toHaveLength(0);
  });

  test('foreground: the Deployment stays, with its finalizer, until its pods are gone', () => {
    const { c, k } = runningDeployment();
    c.api.delete('deployments', 'default', 'web', { propagationPolicy: 'Foreground' });
    k.run(1000);
    const d = c.api.tryGet<Deployment>('deployments', 'default', 'web');
    expect(d?.metadata?.finalizers).toEqual(['foregroundDeletion']);
    expect(replicaSets(c)[0]?.metadata?.finalizers).toEqual(['foregroundDeletion']);
    expect(pods(c).every((p) => p.metadata?.deletionTimestamp)).toBe(true);
    expect(pods(c)).toHaveLength(3);
    k.run(6000);
    expect(pods(c)).toHaveLength(0);
    expect(replicaSets(c)).toHaveLength(0);
    expect(c.api.tryGet('deployments', 'default', 'web')).toBeUndefined();
  });

  test('orphan: the ReplicaSet survives its Deployment; orphaning the ReplicaSet leaves pods without owners', () => {
    const { c, k } = runningDeployment();
    c.api.delete('deployments', 'default', 'web', { propagationPolicy: 'Orphan' });
    k.run(1000);
    expect(c.api.tryGet('deployments', 'default', 'web')).toBeUndefined();
    const rs = replicaSets(c)[0]!;
    expect(rs.metadata?.ownerReferences).toBeUndefined();
    c.api.delete('replicasets', 'default', rs.metadata!.name!, { propagationPolicy: 'Orphan' });
    k.run(1000);
    expect(replicaSets(c)).toHaveLength(0);
    expect(pods(c, true)).toHaveLength(3);
    expect(pods(c).every((p) => p.metadata?.ownerReferences === undefined)).toBe(true);
  });

  test('a pod whose owner uid no longer exists is deleted', () => {
    const c = workloadCluster();
    c.api.create('pods', {
      metadata: { name: 'stray', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'gone', uid: 'no-such-uid', controller: true }] },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    });
    c.advance(100);
    expect(c.api.tryGet('pods', 'default', 'stray')).toBeUndefined();
  });
});
