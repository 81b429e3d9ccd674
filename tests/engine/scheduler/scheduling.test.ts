import { describe, expect, test } from 'vitest';
import type { Event, Node, Pod } from 'kubernetes-types/core/v1';
import { clone } from '../../../src/engine/api/objects';
import { Cluster } from '../../../src/engine/cluster';
import { schedulerComponents } from '../../../src/engine/scheduler';
import { newPod } from './fixtures';

const getPod = (c: Cluster, name: string) => c.api.get<Pod>('pods', 'default', name);
const messages = (c: Cluster, name: string, reason: string) =>
  c.api
    .list<Event>('events', 'default')
    .items.filter((e) => e.involvedObject.name === name && e.reason === reason)
    .map((e) => e.message);

describe('Cluster: scheduling', () => {
  test('Cluster: scheduling: a pod that fits lands on a worker with PodScheduled=True and a Scheduled event (nodes=3)', () => {
    const c = Cluster.create({ seed: 1 }, [schedulerComponents]);
    c.api.create('pods', newPod('web-1', { cpu: '500m' }));
    c.advance(100);
    const pod = getPod(c, 'web-1');
    expect(pod.spec?.nodeName).toMatch(/^node-[12]$/);
    // 1.34: Pods have a generation, and PodObservedGenerationTracking (beta) stamps it on the condition.
    expect(pod.metadata?.generation).toBe(1);
    expect(pod.status?.conditions).toEqual([{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:00Z', observedGeneration: 1 }]);
    expect(messages(c, 'web-1', 'Scheduled')).toEqual([`Successfully assigned default/web-1 to ${pod.spec?.nodeName}`]);
    const actions = c.sim.trace.entries({ component: 'scheduler', object: 'pods/default/web-1' }).map((e) => `${e.t} ${e.action}`);
    expect(actions).toEqual(['2 filter', '2 score', '4 bind']);
    // The score line shows each plugin's normalised score and its weight, summing to the total.
    const score = c.sim.trace.entries({ component: 'scheduler', object: 'pods/default/web-1' }).find((e) => e.action === 'score')!.detail;
    for (const [, total, plugins] of score.matchAll(/node-\d (\d+) \(([^)]*)\)/g)) {
      const sum = [...plugins!.matchAll(/(\d+)×(\d+)/g)].reduce((acc, [, v, w]) => acc + Number(v) * Number(w), 0);
      expect(sum).toBe(Number(total));
    }
    expect(score).toMatch(/TaintToleration 100×3, NodeResourcesFit \d+×1, NodeResourcesBalancedAllocation \d+×1/);
  });

  test('Cluster: scheduling: a pod that fits no node stays Pending with the FailedScheduling message (nodes=3)', () => {
    const c = Cluster.create({ seed: 1 }, [schedulerComponents]);
    c.api.create('pods', newPod('big', { cpu: '3' }));
    c.api.create('pods', newPod('fill-1', { cpu: '2' }));
    c.api.create('pods', newPod('fill-2', { cpu: '2' }));
    c.advance(100);
    const message =
      '0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu. no new claims to deallocate, preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.';
    c.api.create('pods', newPod('web-1', { cpu: '3' }));
    c.advance(100);
    const pod = getPod(c, 'web-1');
    expect(pod.spec?.nodeName).toBeUndefined();
    expect(pod.status?.phase).toBe('Pending');
    expect(pod.status?.conditions).toEqual([{ type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:00Z', reason: 'Unschedulable', message, observedGeneration: 1 }]);
    expect(messages(c, 'web-1', 'FailedScheduling')).toEqual([message]);
  });

  test('Cluster: scheduling: an unschedulable pod is retried when a bound pod is deleted (nodes=3)', () => {
    const c = Cluster.create({ seed: 1 }, [schedulerComponents]);
    c.api.create('pods', newPod('hog', { cpu: '3500m', memory: '1Gi' }));
    c.advance(100);
    const hogNode = getPod(c, 'hog').spec!.nodeName!;
    c.api.create('pods', newPod('other', { cpu: '3500m' }));
    c.advance(100);
    c.api.create('pods', newPod('waiting', { cpu: '3500m' }));
    c.advance(2_000);
    expect(getPod(c, 'waiting').spec?.nodeName).toBeUndefined();
    c.api.delete('pods', 'default', 'hog', { gracePeriodSeconds: 0 });
    // The pod failed once, so it waits out its 1 s backoff before the retry.
    c.advance(100);
    expect(getPod(c, 'waiting').spec?.nodeName).toBe(hogNode);
    const requeue = c.sim.trace.entries({ component: 'scheduler' }).filter((e) => e.action === 'requeue');
    expect(requeue.map((e) => e.detail)).toEqual(['a bound pod was deleted: retrying 1 unschedulable pod(s)']);
  });

  test('Cluster: scheduling: uncordoning a node wakes a parked pod (nodes=2)', () => {
    const c = Cluster.create({ seed: 1, workers: 1 }, [schedulerComponents]);
    const cordon = (unschedulable: boolean) => {
      const node = clone(c.api.get<Node>('nodes', undefined, 'node-1'));
      node.spec!.unschedulable = unschedulable;
      c.api.update('nodes', node);
    };
    cordon(true);
    c.api.create('pods', newPod('web-1'));
    c.advance(1_000);
    expect(messages(c, 'web-1', 'FailedScheduling')).toEqual([
      '0/2 nodes are available: 1 node(s) had untolerated taint(s), 1 node(s) were unschedulable. no new claims to deallocate, preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    ]);
    cordon(false);
    c.advance(2_000);
    expect(getPod(c, 'web-1').spec?.nodeName).toBe('node-1');
  });

  test('Cluster: scheduling: nodeSelector and a control-plane toleration choose the control-plane node (nodes=3)', () => {
    const c = Cluster.create({ seed: 1 }, [schedulerComponents]);
    const pod = newPod('agent', {
      nodeSelector: { 'node-role.kubernetes.io/control-plane': '' },
      tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
    });
    c.api.create('pods', pod);
    c.api.create('pods', newPod('picky', { nodeSelector: { disk: 'ssd' } }));
    c.advance(100);
    expect(getPod(c, 'agent').spec?.nodeName).toBe('control-plane');
    expect(messages(c, 'picky', 'FailedScheduling')[0]).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't match Pod's node affinity/selector. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  });

  test('Cluster: scheduling: v1.35 no longer names the taint (nodes=1)', () => {
    const c = Cluster.create({ seed: 1, workers: 0, kubernetesVersion: '1.35.0' }, [schedulerComponents]);
    c.api.create('pods', newPod('web-1'));
    c.advance(100);
    expect(messages(c, 'web-1', 'FailedScheduling')).toEqual([
      '0/1 nodes are available: 1 node(s) had untolerated taint(s). no new claims to deallocate, preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    ]);
  });

  test('Cluster: scheduling: pods filling a node are not double-booked before their binding is seen (nodes=3)', () => {
    const c = Cluster.create({ seed: 3, watchLatencyMs: 50 }, [schedulerComponents]);
    for (let i = 0; i < 5; i++) c.api.create('pods', newPod(`web-${i}`, { cpu: '2' }));
    c.advance(1_000);
    const placed = [0, 1, 2, 3, 4].map((i) => getPod(c, `web-${i}`).spec?.nodeName);
    expect(placed.filter((n) => n === 'node-1')).toHaveLength(2);
    expect(placed.filter((n) => n === 'node-2')).toHaveLength(2);
    expect(placed.filter((n) => n === undefined)).toHaveLength(1);
  });
});

describe('Cluster: scheduling ties', () => {
  const placement = (seed: number) => {
    const c = Cluster.create({ seed, workers: 4 }, [schedulerComponents]);
    c.api.create('pods', newPod('web-1'));
    c.advance(100);
    return getPod(c, 'web-1').spec!.nodeName!;
  };

  test('the same seed gives the same placement', () => {
    expect(placement(7)).toBe(placement(7));
  });

  test('different seeds spread a pod over tied nodes', () => {
    const chosen = new Set(Array.from({ length: 20 }, (_, i) => placement(i + 1)));
    expect(chosen.size).toBeGreaterThan(1);
    for (const node of chosen) expect(node).toMatch(/^node-[1-4]$/);
  });

  test('a restored snapshot schedules exactly like the original', () => {
    const c = Cluster.create({ seed: 5 }, [schedulerComponents]);
    c.api.create('pods', newPod('web-1', { cpu: '100m' }));
    c.advance(3);
    const copy = Cluster.restore(c.snapshot(), [schedulerComponents]);
    for (const cluster of [c, copy]) {
      cluster.api.create('pods', newPod('web-2', { cpu: '100m' }));
      cluster.advance(100);
    }
    expect(copy.stateHash()).toBe(c.stateHash());
  });
});

describe('pod generation (KEP-5067) by version', () => {
  const bound = (version: string, gates?: Record<string, boolean>) => {
    const c = Cluster.create({ seed: 1, kubernetesVersion: version, ...(gates ? { featureGates: gates } : {}) }, [schedulerComponents]);
    c.api.create('pods', newPod('web-1', { cpu: '500m' }));
    c.advance(100);
    return getPod(c, 'web-1');
  };

  test('1.32 pods have no generation; 1.33 has one but does not track it in conditions unless the alpha gate is on', () => {
    expect(bound('1.32.0').metadata?.generation).toBeUndefined();
    const alpha = bound('1.33.0');
    expect(alpha.metadata?.generation).toBe(1);
    expect(alpha.status?.conditions?.[0]).not.toHaveProperty('observedGeneration');
    expect(bound('1.33.0', { PodObservedGenerationTracking: true }).status?.conditions?.[0]).toHaveProperty('observedGeneration', 1);
    expect(bound('1.34.2', { PodObservedGenerationTracking: false }).status?.conditions?.[0]).not.toHaveProperty('observedGeneration');
  });

  test('a graceful deletion moves the generation on, once', () => {
    const c = Cluster.create({ seed: 1 }, [schedulerComponents]);
    c.api.create('pods', newPod('web-1', { cpu: '500m' }));
    c.advance(100);
    c.api.delete('pods', 'default', 'web-1');
    expect(getPod(c, 'web-1').metadata?.generation).toBe(2);
    c.api.delete('pods', 'default', 'web-1', { gracePeriodSeconds: 5 });
    expect(getPod(c, 'web-1').metadata?.generation).toBe(2);
  });
});
