import { describe, expect, test } from 'vitest';
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { Endpoints } from 'kubernetes-types/core/v1';
import { Cluster } from '../../../src/engine/cluster';
import { service } from './helpers';

const deployment: Deployment = {
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] } },
  },
};

describe('Services across snapshot and restore', () => {
  test('a cluster restored while a load balancer is provisioning and pods start continues identically', () => {
    const original = Cluster.create({ seed: 7 });
    original.api.create('deployments', deployment);
    original.api.create('services', service('web', { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 80 }] }));
    original.advance(1500);
    const restored = Cluster.restore(original.snapshot());
    for (const c of [original, restored]) {
      c.advance(30_000);
      c.api.create('services', service('late', { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 8080, targetPort: 80 }] }));
      c.advance(5000);
    }
    expect(restored.stateHash()).toBe(original.stateHash());
    expect(restored.api.get<Endpoints>('endpoints', 'default', 'late').subsets?.[0]?.addresses).toHaveLength(3);
  });

  test('deleted Endpoints of a selector Service come back', () => {
    const c = Cluster.create({ seed: 3 });
    c.api.create('deployments', deployment);
    c.api.create('services', service('web', { selector: { app: 'web' }, ports: [{ port: 80 }] }));
    c.advance(20_000);
    c.api.delete('endpoints', 'default', 'web');
    c.advance(100);
    expect(c.api.get<Endpoints>('endpoints', 'default', 'web').subsets?.[0]?.addresses).toHaveLength(3);
  });
});
