import { describe, expect, test } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import type { Deployment } from 'kubernetes-types/apps/v1';
import { ApiError } from '../../src/engine/api/errors';
import { clone } from '../../src/engine/api/objects';
import { parseSelector } from '../../src/engine/api/labels';
import { Cluster } from '../../src/engine/cluster';

const pod = (name: string, labels: Record<string, string> = {}): Pod => ({
  metadata: { name, labels },
  spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
});

function apiError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

describe('API server', () => {
  test('defaults a pod and stores it under /registry/pods/<ns>/<name>', () => {
    const c = Cluster.create({ seed: 7 });
    const created = c.api.create('pods', pod('web'));
    expect(created.spec?.restartPolicy).toBe('Always');
    expect(created.spec?.terminationGracePeriodSeconds).toBe(30);
    expect(created.spec?.containers[0]?.imagePullPolicy).toBe('IfNotPresent');
    expect(created.status?.phase).toBe('Pending');
    expect(created.metadata?.creationTimestamp).toBe('2026-01-01T00:00:00Z');
    expect(c.store.get('/registry/pods/default/web')?.value).toBe(created);
    expect(created.metadata?.resourceVersion).toBe(String(c.store.revision));
  });

  test('defaults downward API field references to apiVersion v1, in env and in downwardAPI volumes', () => {
    const c = Cluster.create({ seed: 7 });
    const created = c.api.create('pods', {
      metadata: { name: 'dw', namespace: 'default' },
      spec: {
        containers: [{ name: 'app', image: 'busybox:1.36', env: [{ name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }] }],
        volumes: [{ name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } }],
      },
    });
    expect(created.spec?.containers[0]?.env?.[0]?.valueFrom?.fieldRef).toEqual({ apiVersion: 'v1', fieldPath: 'status.podIP' });
    expect(created.spec?.volumes?.[0]?.downwardAPI).toEqual({ defaultMode: 420, items: [{ path: 'labels', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels' } }] });
  });

  test('rejects a duplicate name with 409 AlreadyExists', () => {
    const c = Cluster.create();
    c.api.create('pods', pod('web'));
    const err = apiError(() => c.api.create('pods', pod('web')));
    expect(err.code).toBe(409);
    expect(err.message).toBe('pods "web" already exists');
  });

  test('rejects an invalid pod with 422 and field paths', () => {
    const c = Cluster.create();
    const bad: Pod = { metadata: { name: 'Bad_Name' }, spec: { containers: [{ name: 'web', image: '' }] } };
    const err = apiError(() => c.api.create('pods', bad));
    expect(err.code).toBe(422);
    expect(err.message).toMatch(/^Pod "Bad_Name" is invalid: \[metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/);
    expect(err.message).toContain('spec.containers[0].image: Required value');
  });

  test('rejects a Deployment whose selector does not match its template', () => {
    const c = Cluster.create();
    const d: Deployment = {
      metadata: { name: 'web' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'api' } }, spec: pod('x').spec! } },
    };
    expect(apiError(() => c.api.create('deployments', d)).message).toBe(
      'Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: {"app":"api"}: `selector` does not match template `labels`',
    );
  });

  test('a Deployment without a selector gets both errors: none matches its template', () => {
    const c = Cluster.create();
    const d: Deployment = { metadata: { name: 'web' }, spec: { selector: undefined as never, template: { metadata: { labels: { app: 'web' } }, spec: pod('x').spec! } } };
    expect(apiError(() => c.api.create('deployments', d)).message).toBe(
      'Deployment "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`]',
    );
  });

  test('optimistic concurrency: a stale resourceVersion conflicts', () => {
    const c = Cluster.create();
    const first = c.api.create('pods', pod('web'));
    const a = clone(first);
    a.metadata!.labels = { v: '1' };
    c.api.update('pods', a);
    const b = clone(first);
    b.metadata!.labels = { v: '2' };
    expect(apiError(() => c.api.update('pods', b)).message).toBe(
      'Operation cannot be fulfilled on pods "web": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  test('lists by label selector, equality and set-based', () => {
    const c = Cluster.create();
    c.api.create('pods', pod('a', { app: 'web', tier: 'front' }));
    c.api.create('pods', pod('b', { app: 'web', tier: 'back' }));
    c.api.create('pods', pod('c', { app: 'db' }));
    const names = (sel: string) => c.api.list('pods', 'default', { labelSelector: parseSelector(sel) }).items.map((p) => p.metadata?.name);
    expect(names('app=web')).toEqual(['a', 'b']);
    expect(names('app=web,tier!=front')).toEqual(['b']);
    expect(names('tier in (front,back)')).toEqual(['a', 'b']);
    expect(names('!tier')).toEqual(['c']);
  });

  test('a pod bound to a node is deleted gracefully; grace 0 removes it', () => {
    const c = Cluster.create();
    const p = pod('web');
    c.api.create('pods', { ...p, spec: { ...p.spec!, nodeName: 'node-1' } });
    const { object, gone } = c.api.delete<Pod>('pods', 'default', 'web');
    expect(gone).toBe(false);
    expect(object.metadata?.deletionGracePeriodSeconds).toBe(30);
    expect(object.metadata?.deletionTimestamp).toBe('2026-01-01T00:00:30Z');
    expect(c.api.delete('pods', 'default', 'web', { gracePeriodSeconds: 0 }).gone).toBe(true);
    expect(c.api.tryGet('pods', 'default', 'web')).toBeUndefined();
  });

  test('creating in a missing namespace is a 404 on the namespace', () => {
    const c = Cluster.create();
    const err = apiError(() => c.api.create('pods', { ...pod('web'), metadata: { name: 'web', namespace: 'nope' } }));
    expect(err.message).toBe('namespaces "nope" not found');
  });

  test('generateName gives a 5-character safe suffix', () => {
    const c = Cluster.create();
    const created = c.api.create<Pod>('pods', { ...pod(''), metadata: { generateName: 'web-' } });
    expect(created.metadata?.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  test('objects read from the store are frozen', () => {
    const c = Cluster.create();
    const created = c.api.create('pods', pod('web'));
    expect(() => {
      (created.metadata as { name: string }).name = 'x';
    }).toThrow();
  });
});

describe('snapshot and restore', () => {
  test('a restored cluster has the same state hash and continues identically', () => {
    const a = Cluster.create({ seed: 3 });
    a.api.create('pods', pod('web'));
    a.advance(1000);
    const b = Cluster.restore(a.snapshot());
    expect(b.stateHash()).toBe(a.stateHash());
    a.api.create('pods', pod('two'));
    b.api.create('pods', pod('two'));
    a.advance(5000);
    b.advance(5000);
    expect(b.stateHash()).toBe(a.stateHash());
  });
});
