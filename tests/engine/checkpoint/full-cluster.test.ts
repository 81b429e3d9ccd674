import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../../src/engine/cluster';
import { nodeConfig } from '../../../src/engine/cluster-config';
import { DEFAULT_COMPONENTS } from '../../../src/engine/components';
import { storageOf } from '../../../src/engine/cri/storage';
import { ADMIN, CRIO } from './helpers';

describe('checkpointing in a full cluster', () => {
  it('runs beside every default component, and a snapshot taken after a checkpoint continues identically', () => {
    const factories = DEFAULT_COMPONENTS;
    const nodes = [nodeConfig('control-plane', 0, { controlPlane: true }), nodeConfig('node-1', 1, { runtime: CRIO })];
    const c = Cluster.create({ seed: 11, nodes }, factories);
    c.api.create('pods', { metadata: { name: 'counter', namespace: 'default' }, spec: { containers: [{ name: 'counter', image: 'ghcr.io/clusterlab/counter:1.0' }] } } satisfies Pod, 'test');
    c.advance(20_000);
    const res = c.nodeAgent('node-1')?.serveHttps?.({ method: 'POST', path: '/checkpoint/default/counter/counter', clientCert: ADMIN });
    expect(res?.status).toBe(200);
    const copy = Cluster.restore(c.snapshot(), factories);
    expect(Object.keys(storageOf(copy)!.files('node-1'))).toEqual(Object.keys(storageOf(c)!.files('node-1')));
    c.advance(10_000);
    copy.advance(10_000);
    expect(copy.stateHash()).toBe(c.stateHash());
  });
});
