import { describe, expect, test } from 'vitest';
import type { Event } from 'kubernetes-types/core/v1';
import { EventCorrelator } from '../../../src/engine/api/event-correlator';
import { Session } from '../../../src/cli/session';

function createEvents(s: Session, rs: string): Event[] {
  return s.cluster.api
    .list<Event>('events', 'default')
    .items.filter((e) => e.involvedObject.name === rs && e.reason === 'SuccessfulCreate')
    .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion));
}

function replicaSetOf(s: Session): string {
  return s.run("kubectl get rs -o jsonpath='{.items[0].metadata.name}'").output;
}

describe("client-go's event correlator", () => {
  test('ten similar events about one object, then the rest are combined into one counted Event', () => {
    const s = new Session({ seed: 3 });
    s.run('kubectl create deployment web --image=nginx:1.27 --replicas=12');
    s.run('sleep 10');
    const events = createEvents(s, replicaSetOf(s));
    expect(events).toHaveLength(10);
    expect(events.slice(0, 9).every((e) => e.count === 1 && e.message!.startsWith('Created pod: web-'))).toBe(true);
    const combined = events[9]!;
    expect(combined.message).toMatch(/^\(combined from similar events\): Created pod: web-\S+$/);
    expect(combined.count).toBe(3);
    expect(s.run('kubectl describe rs').output).toMatch(/ {2}Normal {2}SuccessfulCreate {2}10s \(x3 over 10s\) {2}replicaset-controller {2}\(combined from similar events\): Created pod: web-/);
  });

  test('past a burst of 25 events the spam filter drops them, letting one through every five minutes', () => {
    const s = new Session({ seed: 3, workers: 4 });
    s.run('kubectl create deployment web --image=nginx:1.27 --replicas=40');
    s.run('sleep 10');
    const rs = replicaSetOf(s);
    let events = createEvents(s, rs);
    expect(events).toHaveLength(10);
    // Events 10 to 25 reached the API server as updates of the combined one; 26 to 40 were dropped.
    expect(events[9]!.count).toBe(16);
    s.run('sleep 5m');
    s.run('kubectl scale deployment web --replicas=41');
    s.run('sleep 5');
    events = createEvents(s, rs);
    expect(events).toHaveLength(10);
    // The one token that refilled carried the count of everything seen meanwhile.
    expect(events[9]!.count).toBe(32);
  });

  test('an identical event about the same object only bumps the count', () => {
    const s = new Session({ seed: 3 });
    s.run('kubectl run web --image=nginx:1.92');
    s.run('sleep 3m');
    const backoff = s.cluster.api.list<Event>('events', 'default').items.filter((e) => e.reason === 'BackOff');
    expect(backoff).toHaveLength(1);
    expect(backoff[0]!.count).toBeGreaterThan(3);
  });

  test('Event names follow recording order within one virtual ms, so kubectl lists them in that order', () => {
    const s = new Session({ seed: 3 });
    s.run('kubectl create deployment web --image=nginx:1.27 --replicas=12');
    s.run('sleep 10');
    const events = s.cluster.api.list<Event>('events', 'default').items;
    const byVersion = [...events].sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion)).filter((e) => e.count === 1);
    const byName = [...byVersion].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
    // Events about one object, created in one order, sort by name in the same order.
    const of = (list: Event[], name: string) => list.filter((e) => e.involvedObject.name === name).map((e) => e.metadata.name);
    const rs = replicaSetOf(s);
    expect(of(byName, rs)).toEqual(of(byVersion, rs));
    expect(new Set(events.map((e) => e.metadata.name)).size).toBe(events.length);
  });
});


describe("the correlator's caches (LRU of 4,096 keys)", () => {
  const event = (uid: string): Event => ({
    metadata: { namespace: 'default' },
    involvedObject: { kind: 'Pod', name: uid, uid },
    reason: 'Started',
    message: 'Started container nginx',
    type: 'Normal',
    count: 1,
    firstTimestamp: '2026-01-01T00:00:00Z',
  });
  const name = (e: Event) => `${e.involvedObject.name}.1`;

  test('forget the least recently used key, and a key used again is recent again', () => {
    const c = new EventCorrelator();
    c.correlate(event('first'), 0, name);
    c.correlate(event('second'), 0, name);
    for (let i = 0; i < 4094; i++) c.correlate(event(`filler-${i}`), 0, name);
    // 4,096 keys: using "first" again makes "second" the least recent, which the next key evicts.
    expect(c.correlate(event('first'), 0, name)?.update).toBe(true);
    c.correlate(event('one-more'), 0, name);
    expect(c.correlate(event('first'), 0, name)?.update).toBe(true);
    expect(c.correlate(event('second'), 0, name)?.update).toBe(false);
  });
});

describe("the correlator's similar-message sets across a snapshot", () => {
  const event = (message: string): Event => ({
    metadata: { namespace: 'default' },
    involvedObject: { kind: 'ReplicaSet', name: 'web-1', uid: 'rs-uid' },
    reason: 'SuccessfulCreate',
    message,
    type: 'Normal',
    count: 1,
    firstTimestamp: '2026-01-01T00:00:00Z',
  });
  const name = (e: Event) => `${e.involvedObject.name}.${e.message!.length}`;

  test('a restored correlator keeps counting distinct messages: the tenth is still the combined one', () => {
    const before = new EventCorrelator();
    before.correlate(event('Created pod: web-a'), 0, name);
    // The same message twice is one entry in the set, as in upstream's sets.String.
    before.correlate(event('Created pod: web-a'), 0, name);
    for (const pod of ['b', 'c', 'd', 'e']) before.correlate(event(`Created pod: web-${pod}`), 0, name);
    const state = before.snapshot();
    expect(state.similar).toEqual([['rs-uid\u0000Normal\u0000SuccessfulCreate', { messages: ['Created pod: web-a', 'Created pod: web-b', 'Created pod: web-c', 'Created pod: web-d', 'Created pod: web-e'], lastMs: 0 }]]);

    const after = new EventCorrelator();
    after.restore(JSON.parse(JSON.stringify(state)) as typeof state);
    const messages = ['f', 'g', 'h', 'i', 'j'].map((pod) => after.correlate(event(`Created pod: web-${pod}`), 0, name)?.event.message);
    expect(messages).toEqual(['Created pod: web-f', 'Created pod: web-g', 'Created pod: web-h', 'Created pod: web-i', '(combined from similar events): Created pod: web-j']);
  });

  test('one message is kept as a list of one in the snapshot', () => {
    const c = new EventCorrelator();
    c.correlate(event('Created pod: web-a'), 0, name);
    expect(c.snapshot().similar[0]![1].messages).toEqual(['Created pod: web-a']);
  });
});
