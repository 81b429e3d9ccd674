import { describe, expect, it } from 'vitest';
import { keyOf, splitKey } from '../../../src/engine/api/objects';
import { resourceType, storageKey } from '../../../src/engine/api/resources';

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

describe('etcd keys', () => {
  it('name the resource, namespace and object, with the historical segments real clusters keep', () => {
    expect(storageKey(resourceType('pods'), 'default', 'web-1')).toBe('/registry/pods/default/web-1');
    expect(storageKey(resourceType('nodes'), 'default', 'node-1')).toBe('/registry/minions/node-1');
    expect(storageKey(resourceType('services'), 'default', 'web')).toBe('/registry/services/specs/default/web');
    expect(storageKey(resourceType('endpoints'), 'kube-system', 'kube-dns')).toBe('/registry/services/endpoints/kube-system/kube-dns');
  });

  it('stay right past the number of keys kept', () => {
    const pods = resourceType('pods');
    const wrong: string[] = [];
    for (let i = 0; i < 210_000; i++) if (storageKey(pods, `ns-${i % 3}`, `p-${i}`) !== `/registry/pods/ns-${i % 3}/p-${i}`) wrong.push(`p-${i}`);
    expect(wrong).toEqual([]);
    expect(storageKey(resourceType('nodes'), undefined, 'node-2')).toBe('/registry/minions/node-2');
  });
});
