import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clone, deepFreeze, jsonEqual, shareUnchanged } from '../../../src/engine/api/objects';
import { canonicalJson } from '../../../src/engine/sim/hash';

// clone() and jsonEqual() replace JSON round trips on every API write; they must agree with them.
const value = fc.letrec((tie) => ({
  leaf: fc.oneof(fc.constant(undefined), fc.constant(null), fc.boolean(), fc.integer({ min: -3, max: 3 }), fc.constantFrom(Number.NaN, Infinity, 0.5), fc.constantFrom('', 'a', 'b')),
  node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('node'), { maxKeys: 3 })),
})).node;

describe('JSON-equivalent helpers', () => {
  it('clone gives exactly what a JSON round trip gives', () => {
    fc.assert(
      fc.property(value, (v) => {
        const expected = v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as unknown);
        expect(clone(v)).toStrictEqual(expected);
      }),
    );
  });

  it('jsonEqual agrees with comparing canonical JSON', () => {
    fc.assert(fc.property(value, value, (a, b) => jsonEqual(a, b) === (canonicalJson(a) === canonicalJson(b))));
    fc.assert(fc.property(value, (a) => jsonEqual(a, clone(a))));
  });

  it('ignores key order and undefined fields, as canonical JSON does', () => {
    expect(jsonEqual({ a: 1, b: { c: [1, undefined] } }, { b: { c: [1, null] }, a: 1, d: undefined })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: null })).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
    expect(jsonEqual([], {})).toBe(false);
  });
});

describe('store listing', () => {
  it('lists and counts by any prefix, across writes, deletes and a restore', async () => {
    const { Simulator } = await import('../../../src/engine/sim/simulator');
    const { Store } = await import('../../../src/engine/store/mvcc');
    const store = new Store(new Simulator(1));
    for (const key of ['/registry/pods/b/x', '/registry/pods/a/y', '/registry/events/a/e', '/registry/services/specs/a/s', '/registry/services/endpoints/a/s', '/top']) store.put(key, key);
    store.delete('/registry/pods/b/x');
    const copy = new Store(new Simulator(1));
    copy.restore(store.snapshot());
    for (const s of [store, copy]) {
      expect(s.list('/registry/pods/').map((kv) => kv.key)).toEqual(['/registry/pods/a/y']);
      expect(s.list('/registry/services/specs/').map((kv) => kv.key)).toEqual(['/registry/services/specs/a/s']);
      expect(s.list('/registry/').length).toBe(4);
      expect(s.list('/').length).toBe(5);
      expect(s.count('/registry/pods/b/')).toBe(0);
      expect(s.count('/registry/services/')).toBe(2);
    }
  });
});

describe('structural sharing between stored versions', () => {
  it('never changes what the new version serialises to', () => {
    fc.assert(
      fc.property(value, value, (next, prev) => {
        const expected = JSON.stringify(next);
        const frozenPrev = deepFreeze(clone(prev));
        expect(JSON.stringify(shareUnchanged(next, frozenPrev))).toBe(expected);
      }),
    );
  });

  it('takes the unchanged parts from the previous version and keeps the changed ones', () => {
    const prev = deepFreeze({ metadata: { name: 'web-1', resourceVersion: '7', labels: { app: 'web' } }, status: { conditions: [{ type: 'Ready', status: 'False' }, { type: 'PodScheduled', status: 'True' }] } });
    const next = { metadata: { name: 'web-1', resourceVersion: '8', labels: { app: 'web' } }, status: { conditions: [{ type: 'Ready', status: 'True' }, { type: 'PodScheduled', status: 'True' }] } };
    const shared = shareUnchanged(next, prev);
    expect(shared).toBe(next);
    expect(shared.metadata).not.toBe(prev.metadata);
    expect(shared.metadata.labels).toBe(prev.metadata.labels);
    expect(shared.status.conditions[0]).not.toBe(prev.status.conditions[0]);
    expect(shared.status.conditions[1]).toBe(prev.status.conditions[1]);
    expect(shareUnchanged({ a: [1, { b: 2 }] }, deepFreeze({ a: [1, { b: 2 }] }))).toEqual({ a: [1, { b: 2 }] });
  });

  it('returns the previous version when all is equal, but not when only the key order differs', () => {
    const prev = deepFreeze({ a: 1, b: { c: 2 } });
    expect(shareUnchanged({ a: 1, b: { c: 2 } }, prev)).toBe(prev);
    const reordered = { b: { c: 2 }, a: 1 };
    expect(shareUnchanged(reordered, prev)).toBe(reordered);
    expect(reordered.b).toBe(prev.b);
  });
});
