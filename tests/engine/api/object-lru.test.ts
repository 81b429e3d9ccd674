import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type { Event } from 'kubernetes-types/core/v1';
import { ObjectLru } from '../../../src/engine/api/object-lru';
import { EventCorrelator } from '../../../src/engine/api/event-correlator';

/** client-go's LRU as one Map of joined keys in use order: what ObjectLru must behave like. */
class JoinedLru {
  map = new Map<string, number>();
  constructor(readonly max: number) {}
  get(key: string): number | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, v: number): void {
    this.map.delete(key);
    this.map.set(key, v);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }
}

const op = fc.record({
  set: fc.boolean(),
  object: fc.constantFrom('pod-a', 'pod-b', 'pod-c'),
  reason: fc.constantFrom('', 'Pulled', 'Started'),
  message: fc.constantFrom('', 'x', 'y'),
  value: fc.integer(),
});

describe('the correlator caches (ObjectLru)', () => {
  test('get and set return and keep what one joined-key LRU would, in the same use order', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), fc.integer({ min: 1, max: 6 }), (ops, max) => {
        const lru = new ObjectLru<number>(max);
        const model = new JoinedLru(max);
        for (const o of ops) {
          const key = `${o.object}\u0000${o.reason}\u0000${o.message}`;
          if (o.set) {
            lru.set(o.object, o.value, o.reason, o.message);
            model.set(key, o.value);
          } else expect(lru.get(o.object, o.reason, o.message)).toBe(model.get(key));
        }
        const order = [...lru.entries()].map((e) => [`${e.object}\u0000${e.a}\u0000${e.b}`, e.value]);
        expect(order).toEqual([...model.map]);
        expect(lru.size).toBe(model.map.size);
      }),
    );
  });
});

describe("the correlator's snapshot", () => {
  const event = (uid: string, reason: string, message: string): Event => ({
    metadata: { namespace: 'default' },
    involvedObject: { kind: 'ReplicaSet', name: uid, uid, fieldPath: reason === 'Pulled' ? 'spec.containers{app}' : undefined },
    reason,
    message,
    type: 'Normal',
    count: 1,
    firstTimestamp: '2026-01-01T00:00:00Z',
  });
  const name = (e: Event) => `${e.involvedObject.name}.${e.message}`;

  test('keeps keys joined as upstream does, and a restored correlator carries on with the same counts', () => {
    const c = new EventCorrelator();
    // Eleven different messages: the tenth and later are combined under the aggregate key.
    for (let i = 0; i < 11; i++) c.correlate(event('rs-1', 'SuccessfulCreate', `Created pod: web-${i}`), 1000, name);
    c.correlate(event('pod-1', 'Pulled', 'Pulled image'), 1000, name);
    const state = c.snapshot();
    expect(state.observed.map(([k]) => k)).toContain('rs-1\u0000Normal\u0000SuccessfulCreate');
    expect(state.observed.map(([k]) => k)).toContain('pod-1\u0000spec.containers{app}\u0000Normal\u0000Pulled\u0000Pulled image');
    expect(state.similar.map(([k]) => k)).toEqual(['rs-1\u0000Normal\u0000SuccessfulCreate', 'pod-1\u0000Normal\u0000Pulled']);
    expect(state.spam.map(([k]) => k)).toEqual(['rs-1', 'pod-1']);

    const restored = new EventCorrelator();
    restored.restore(JSON.parse(JSON.stringify(state)) as typeof state);
    expect(restored.snapshot()).toEqual(state);
    const next = (x: EventCorrelator) => x.correlate(event('rs-1', 'SuccessfulCreate', 'Created pod: web-11'), 2000, name);
    const [a, b] = [next(c), next(restored)];
    expect(b).toEqual(a);
    expect(a).toMatchObject({ update: true, event: { count: 3, message: '(combined from similar events): Created pod: web-11' } });
  });
});
