import { describe, expect, test } from 'vitest';
import type { Event } from 'kubernetes-types/core/v1';
import { Session } from '../../../src/cli/session';
import { Cluster, type ClusterSnapshot } from '../../../src/engine/cluster';
import { Simulator, type Message } from '../../../src/engine/sim/simulator';
import { Store, type WatchMessage } from '../../../src/engine/store/mvcc';

const eventCount = (s: Session) => s.cluster.api.list<Event>('events').items.length;

describe('Events expire an hour after their last write (--event-ttl)', () => {
  test('every Event of a fresh cluster is gone after an hour and a minute, none before the hour', () => {
    const s = new Session({ seed: 1 });
    s.run('kubectl run web --image=nginx:1.27');
    s.run('sleep 30');
    const written = eventCount(s);
    expect(written).toBeGreaterThan(20);
    s.run('sleep 59m');
    expect(eventCount(s)).toBe(written);
    s.run('sleep 2m');
    expect(s.run('kubectl get events -A').output).toBe('No resources found\n');
    // The pod itself is not leased.
    expect(s.run('kubectl get pod web --no-headers').output).toMatch(/^web +1\/1 +Running/);
  });

  test('an Event written again (a repeat bumps its count) lives an hour from that write', () => {
    const s = new Session({ seed: 1 });
    s.run('kubectl run crash --image=busybox:1.36 -- false');
    s.run('sleep 65m');
    const nowMs = s.cluster.config.epochMs + s.cluster.now();
    const left = s.cluster.api.list<Event>('events', 'default').items.filter((e) => e.involvedObject.name === 'crash');
    // Scheduled, written once at the start, is gone; what is left was rewritten within the hour,
    // some of it first seen more than an hour ago.
    expect(left.some((e) => e.reason === 'Scheduled')).toBe(false);
    expect(left.length).toBeGreaterThan(0);
    expect(left.every((e) => nowMs - Date.parse(e.lastTimestamp!) <= 60 * 60_000)).toBe(true);
    expect(left.some((e) => (e.count ?? 0) > 1 && nowMs - Date.parse(e.firstTimestamp!) > 60 * 60_000)).toBe(true);
  });

  test('Events written within a minute share one lease, which etcdctl shows as an int64', () => {
    const s = new Session({ seed: 1 });
    s.run('sleep 5');
    const json = s.run('etcdctl get /registry/events/ --prefix --keys-only -w json').output;
    const leases = new Set([...json.matchAll(/"lease":(\d+)/g)].map((m) => m[1]));
    expect(leases.size).toBe(1);
    const [lease] = leases;
    // etcd's id generator: the member id's low 16 bits (0x694d) on top.
    expect(BigInt(lease!) >> 48n).toBe(0x694dn);
    expect(s.run('etcdctl get /registry/pods/kube-system/etcd-control-plane -w json').output).not.toContain('"lease"');
    expect(s.run('etcdctl get /registry/events/ --prefix --limit 1 -w fields').output).toContain(`"Lease" : ${lease}\n`);
    expect(s.run('etcdctl get /registry/namespaces/default -w fields').output).toContain('"Lease" : 0\n');
  });

  test('a restored cluster expires its Events the same way', () => {
    const s = new Session({ seed: 1 });
    s.run('sleep 5');
    const restored = Cluster.restore(JSON.parse(JSON.stringify(s.cluster.snapshot())) as ClusterSnapshot);
    for (const c of [s.cluster, restored]) c.advance(61 * 60_000);
    expect(restored.stateHash()).toBe(s.cluster.stateHash());
    expect(restored.api.list<Event>('events').items).toEqual([]);
  });
});

describe("etcd's leases", () => {
  test('an expired lease deletes every key still attached in one revision; a put without the lease detaches a key', () => {
    const sim = new Simulator(1);
    const store = new Store(sim, 1);
    const received: WatchMessage[] = [];
    sim.register({ id: 'w', receive: (m: Message) => received.push(m as WatchMessage) });
    const lease = store.grantLease(60_000);
    store.put('/registry/events/default/a', { v: 1 }, undefined, lease);
    store.put('/registry/events/default/b', { v: 1 }, undefined, lease);
    store.put('/registry/events/default/c', { v: 1 }, undefined, lease);
    store.put('/registry/events/default/c', { v: 2 });
    expect(store.get('/registry/events/default/a')?.lease).toBe(lease);
    expect(store.get('/registry/events/default/c')?.lease).toBeUndefined();
    store.watch('/registry/events/', store.revision, 'w');
    const before = store.revision;
    sim.advance(59_999);
    expect(store.list('/registry/events/')).toHaveLength(3);
    sim.advance(10);
    expect(store.list('/registry/events/').map((kv) => kv.key)).toEqual(['/registry/events/default/c']);
    expect(store.revision).toBe(before + 1);
    const deletes = received.flatMap((m) => m.events);
    expect(deletes.map((e) => [e.type, e.kv.key, e.kv.modRevision])).toEqual([
      ['DELETE', '/registry/events/default/a', before + 1],
      ['DELETE', '/registry/events/default/b', before + 1],
    ]);
  });
});
