import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, test } from 'vitest';
import { Cluster } from '../../src/engine/cluster';
import { DEFAULT_COMPONENTS } from '../../src/engine/components';

describe('pod garbage collector', () => {
  test('pods bound to a deleted node are marked Failed and force-deleted after the 40 s quarantine; their ReplicaSet replaces them', () => {
    const c = Cluster.create({ seed: 1 }, DEFAULT_COMPONENTS);
    c.api.create('deployments', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 4, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
    });
    c.advance(20_000);
    const web = () => c.api.list<Pod>('pods', 'default').items;
    const orphans = web().filter((p) => p.spec?.nodeName === 'node-2').map((p) => p.metadata!.name!);
    expect(orphans.length).toBeGreaterThan(0);
    const written: Pod[] = [];
    const put = c.store.put.bind(c.store);
    c.store.put = (key, value, expected) => {
      if (orphans.some((name) => key === `/registry/pods/default/${name}`)) written.push(value as Pod);
      return put(key, value, expected);
    };
    c.api.delete('nodes', undefined, 'node-2');
    c.advance(39_000);
    expect(web().filter((p) => p.spec?.nodeName === 'node-2')).toHaveLength(orphans.length);
    c.advance(41_000);
    expect(web().filter((p) => p.spec?.nodeName === 'node-2')).toEqual([]);
    expect(written.at(-1)?.status).toMatchObject({ phase: 'Failed' });
    expect(written.at(-1)?.status?.conditions?.at(-1)).toMatchObject({ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' });
    c.advance(20_000);
    expect(web().map((p) => [p.spec?.nodeName, p.status?.phase])).toEqual(Array(4).fill(['node-1', 'Running']));
  });
});
