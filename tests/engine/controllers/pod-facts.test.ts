import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { clone } from '../../../src/engine/api/objects';
import { Cluster } from '../../../src/engine/cluster';
import { podFacts } from '../../../src/engine/controllers/deployment/util/pod';

describe("a pod's facts for the ReplicaSet controller (active, terminating, ready)", () => {
  it('follow each stored version of the pod, and are read afresh from a copy being edited', () => {
    const c = Cluster.create({ seed: 5 });
    c.api.create('pods', { metadata: { name: 'web', namespace: 'default' }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } });
    const pending = c.api.get<Pod>('pods', 'default', 'web');
    expect(podFacts(pending)).toEqual({ active: true, terminating: false, ready: false });
    c.advance(30_000);
    const running = c.api.get<Pod>('pods', 'default', 'web');
    expect(podFacts(running)).toEqual({ active: true, terminating: false, ready: true });
    // The older version still answers for itself.
    expect(podFacts(pending).ready).toBe(false);
    const edited = clone(running);
    expect(podFacts(edited).ready).toBe(true);
    edited.metadata!.deletionTimestamp = '2026-01-01T00:01:00Z';
    edited.status!.conditions = edited.status!.conditions!.map((cond) => (cond.type === 'Ready' ? { ...cond, status: 'False' } : cond));
    expect(podFacts(edited)).toEqual({ active: false, terminating: true, ready: false });
    c.api.delete('pods', 'default', 'web');
    expect(podFacts(c.api.get<Pod>('pods', 'default', 'web'))).toMatchObject({ active: false, terminating: true });
  });
});
