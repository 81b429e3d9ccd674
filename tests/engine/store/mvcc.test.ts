import { describe, expect, test } from 'vitest';
import { Simulator, type Message } from '../../../src/engine/sim/simulator';
import { Store, StoreError, type WatchMessage } from '../../../src/engine/store/mvcc';

function setup() {
  const sim = new Simulator(1);
  const store = new Store(sim, 1);
  const received: WatchMessage[] = [];
  sim.register({ id: 'w', receive: (m: Message) => received.push(m as WatchMessage) });
  return { sim, store, received };
}

describe('Store (etcd-like MVCC)', () => {
  test('every write bumps one global revision; keys track create/mod revision and version', () => {
    const { store } = setup();
    const a1 = store.put('/registry/pods/default/a', { v: 1 });
    store.put('/registry/pods/default/b', { v: 1 });
    const a2 = store.put('/registry/pods/default/a', { v: 2 });
    expect(a1.modRevision).toBe(2);
    expect(a2).toMatchObject({ createRevision: 2, modRevision: 4, version: 2 });
    expect(store.revision).toBe(4);
  });

  test('a put with a stale expected revision conflicts and changes nothing', () => {
    const { store } = setup();
    const first = store.put('/k', 1);
    store.put('/k', 2);
    expect(() => store.put('/k', 3, first.modRevision)).toThrow(StoreError);
    expect(store.get('/k')?.value).toBe(2);
    expect(() => store.put('/new', 1, 0)).not.toThrow();
  });

  test('lists a prefix sorted by key', () => {
    const { store } = setup();
    store.put('/registry/pods/default/b', 1);
    store.put('/registry/pods/default/a', 1);
    store.put('/registry/services/specs/default/a', 1);
    expect(store.list('/registry/pods/').map((kv) => kv.key)).toEqual(['/registry/pods/default/a', '/registry/pods/default/b']);
  });

  test('watch events arrive through the event queue, not during the write', () => {
    const { sim, store, received } = setup();
    store.watch('/registry/pods/', store.revision, 'w');
    store.put('/registry/pods/default/a', 1);
    expect(received).toHaveLength(0);
    sim.advance(1);
    expect(received.flatMap((m) => m.events.map((e) => `${e.type} ${e.kv.key}`))).toEqual(['PUT /registry/pods/default/a']);
  });

  test('a watch from an old revision replays history; deletes carry the previous value', () => {
    const { sim, store, received } = setup();
    const start = store.revision;
    store.put('/registry/pods/default/a', 1);
    store.delete('/registry/pods/default/a');
    store.watch('/registry/pods/', start, 'w');
    sim.advance(1);
    const events = received.flatMap((m) => m.events);
    expect(events.map((e) => e.type)).toEqual(['PUT', 'DELETE']);
    expect(events[1]?.prevKv?.value).toBe(1);
  });

  test('watching from a compacted revision fails', () => {
    const { store } = setup();
    store.put('/a', 1);
    store.put('/a', 2);
    store.compact(store.revision);
    expect(() => store.watch('/', 1, 'w')).toThrow(/compacted/);
  });
});
