import { describe, expect, test } from 'vitest';
import type { Event } from 'kubernetes-types/core/v1';
import { EventSeriesCache } from '../../../src/engine/api/event-series';
import { Session } from '../../../src/cli/session';
import { Cluster, type ClusterSnapshot } from '../../../src/engine/cluster';

const GREEDY = `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: greedy
spec:
  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests:
        cpu: "64"
EOF`;

function eventsAbout(s: Session, name: string, reason: string): Event[] {
  return s.cluster.api
    .list<Event>('events', 'default')
    .items.filter((e) => e.involvedObject.name === name && e.reason === reason)
    .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion));
}

describe('Events the scheduler writes through events.k8s.io', () => {
  test('Scheduled carries an action, an eventTime in microseconds and the reporting instance, and no timestamps, count or source', () => {
    const s = new Session({ seed: 1 });
    s.run('kubectl run web --image=nginx:1.27');
    s.run('sleep 10');
    const [scheduled] = eventsAbout(s, 'web', 'Scheduled');
    expect(scheduled).toMatchObject({
      action: 'Binding',
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      reportingComponent: 'default-scheduler',
      reportingInstance: 'default-scheduler-control-plane',
    });
    expect(scheduled!.eventTime).toMatch(/^2026-01-01T00:00:00\.\d{6}Z$/);
    expect(scheduled).not.toHaveProperty('count');
    // The kubelet's Events are core/v1 ones: timestamps and a count, and a null eventTime.
    const [pulling] = eventsAbout(s, 'web', 'Pulling');
    expect(pulling).toMatchObject({ count: 1, eventTime: null, source: { component: 'kubelet', host: 'node-1' } });

    const yaml = s.run('kubectl get events --field-selector reason=Scheduled -o yaml').output;
    expect(yaml).toContain('  firstTimestamp: null\n');
    expect(yaml).toContain('  source: {}\n');
    const wide = s.run('kubectl get events --field-selector reason=Scheduled -o wide').output;
    expect(wide).toContain('default-scheduler, default-scheduler-control-plane');
  });

  test('--sort-by=.lastTimestamp puts the null lastTimestamp of the scheduler first, as kubectl sorts nil first', () => {
    const s = new Session({ seed: 1 });
    s.run('kubectl run web --image=nginx:1.27');
    s.run('sleep 10');
    const reasons = s
      .run('kubectl get events --field-selector involvedObject.kind=Pod --sort-by=.lastTimestamp -o custom-columns=R:.reason --no-headers')
      .output.trim()
      .split('\n');
    expect(reasons).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
  });

  test('a Pending pod: a second Event once its status changed, then a series that stays at 2 until the 30-minute refresh', () => {
    const s = new Session({ seed: 1 });
    s.run(GREEDY);
    s.run('sleep 20');
    // The first attempt's Event names the pod as created; setting PodScheduled=False changed its
    // resourceVersion, so the second attempt (a node changed) is not isomorphic: a new Event.
    s.run('kubectl label node node-1 disk=ssd');
    s.run('sleep 1m');
    let failed = eventsAbout(s, 'greedy', 'FailedScheduling');
    expect(failed).toHaveLength(2);
    expect(failed.map((e) => e.involvedObject.resourceVersion)).toHaveLength(2);
    expect(new Set(failed.map((e) => e.involvedObject.resourceVersion)).size).toBe(2);
    expect(failed.every((e) => e.action === 'Scheduling' && e.series === undefined)).toBe(true);

    s.run('kubectl label node node-1 disk=hdd --overwrite');
    s.run('sleep 1m');
    s.run('kubectl label node node-1 disk=nvme --overwrite');
    s.run('sleep 1m');
    failed = eventsAbout(s, 'greedy', 'FailedScheduling');
    expect(failed).toHaveLength(2);
    // The third attempt started the series (patched at once); the fourth was only counted.
    expect(failed[1]!.series?.count).toBe(2);
    expect(s.run('kubectl describe pod greedy').output).toMatch(/FailedScheduling {2}\d+s \(x2 over \d+m\d+s\) {2}default-scheduler/);

    // Retries every five minutes keep the series open; the refresh at 30 minutes writes the count.
    s.run('sleep 30m');
    const [, series] = eventsAbout(s, 'greedy', 'FailedScheduling');
    expect(series!.series!.count).toBeGreaterThan(2);
  });

  test('a cluster restored with a series open and its tickers pending continues identically', () => {
    const s = new Session({ seed: 1 });
    s.run(GREEDY);
    s.run('sleep 20');
    for (const disk of ['ssd', 'hdd', 'nvme']) {
      s.run(`kubectl label node node-1 disk=${disk} --overwrite`);
      s.run('sleep 1m');
    }
    const original = s.cluster;
    const restored = Cluster.restore(JSON.parse(JSON.stringify(original.snapshot())) as ClusterSnapshot);
    for (const c of [original, restored]) c.advance(40 * 60_000);
    expect(restored.stateHash()).toBe(original.stateHash());
    const counts = (c: Cluster) => c.api.list<Event>('events', 'default').items.filter((e) => e.series).map((e) => e.series!.count);
    expect(counts(restored)).toEqual(counts(original));
    expect(counts(original)[0]).toBeGreaterThan(2);
  });
});

describe('the broadcaster cache', () => {
  const key = { uid: 'pod-a', resourceVersion: '1', fieldPath: '', action: 'Scheduling', reason: 'FailedScheduling', note: 'no nodes' };

  test('a series quiet for six minutes is written once more with its final count, then forgotten', () => {
    const cache = new EventSeriesCache<string>();
    expect(cache.observe(key, 0)).toEqual({ kind: 'new' });
    cache.add(key, { event: 'ev-1', eventTimeMs: 0 });
    expect(cache.observe(key, 1_000)).toEqual({ kind: 'series', write: { event: 'ev-1', eventTimeMs: 0, series: { count: 2, lastObservedMs: 1_000 } } });
    expect(cache.observe(key, 2_000)).toEqual({ kind: 'counted' });
    expect(cache.finish(6 * 60_000)).toEqual([]);
    expect(cache.refresh()).toEqual([{ event: 'ev-1', eventTimeMs: 0, series: { count: 3, lastObservedMs: 2_000 } }]);
    expect(cache.finish(6 * 60_000 + 2_001)).toEqual([{ event: 'ev-1', eventTimeMs: 0, series: { count: 3, lastObservedMs: 2_000 } }]);
    expect(cache.size).toBe(0);
    expect(cache.observe(key, 7 * 60_000)).toEqual({ kind: 'new' });
  });

  test('a singleton is forgotten six minutes after it happened, so a later repeat is a new Event', () => {
    const cache = new EventSeriesCache<string>();
    cache.add(key, { event: 'ev-1', eventTimeMs: 0 });
    expect(cache.finish(6 * 60_000)).toEqual([]);
    expect(cache.size).toBe(1);
    expect(cache.finish(6 * 60_000 + 1)).toEqual([]);
    expect(cache.size).toBe(0);
    expect(cache.observe(key, 6 * 60_000 + 2)).toEqual({ kind: 'new' });
  });
});
