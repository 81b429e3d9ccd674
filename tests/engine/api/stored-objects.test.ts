import type { Pod } from 'kubernetes-types/core/v1';
import { afterEach, describe, expect, it } from 'vitest';
import { isStored, setFreezeStoredObjects } from '../../../src/engine/api/objects';
import { Cluster } from '../../../src/engine/cluster';

const pod: Pod = { metadata: { name: 'web' }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } };

describe('objects the API server stores', () => {
  afterEach(() => setFreezeStoredObjects(true));

  it('are frozen in the test suite, so a component that edits what it read fails loudly', () => {
    const stored = Cluster.create().api.create('pods', pod);
    expect(Object.isFrozen(stored) && Object.isFrozen(stored.spec!.containers[0])).toBe(true);
    expect(() => {
      (stored.metadata as { name: string }).name = 'other';
    }).toThrow(TypeError);
  });

  it('are marked as stored, frozen or not, so caches keyed on their parts work in both modes', () => {
    setFreezeStoredObjects(false);
    const cluster = Cluster.create();
    const stored = cluster.api.create('pods', pod);
    expect(Object.isFrozen(stored)).toBe(false);
    expect(isStored(stored.spec!)).toBe(true);
    // What a caller is still building is not.
    expect(isStored(pod.spec!)).toBe(false);
  });
});
