import { describe, expect, it } from 'vitest';
import { keyOf, splitKey } from '../../../src/engine/api/objects';

const pod = (namespace: string | undefined, name: string) => ({ metadata: { ...(namespace ? { namespace } : {}), name } });

describe('object keys (namespace/name), as informers and work queues file objects', () => {
  it('are namespace/name for namespaced objects and the name alone for cluster-scoped ones', () => {
    expect(keyOf(pod('default', 'web-1'))).toBe('default/web-1');
    expect(keyOf(pod('kube-system', 'web-1'))).toBe('kube-system/web-1');
    expect(keyOf(pod(undefined, 'node-1'))).toBe('node-1');
    expect(splitKey(keyOf(pod('default', 'web-1')))).toEqual({ namespace: 'default', name: 'web-1' });
  });

  it('stay right for every object of a run far longer than the remembered keys reach', () => {
    const wrong: string[] = [];
    for (let i = 0; i < 120_000; i++) if (keyOf(pod(`ns-${i % 7}`, `pod-${i}`)) !== `ns-${i % 7}/pod-${i}`) wrong.push(`pod-${i}`);
    expect(wrong).toEqual([]);
    expect(keyOf(pod('ns-1', 'pod-1'))).toBe('ns-1/pod-1');
  });
});
