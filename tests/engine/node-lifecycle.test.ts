import { describe, expect, test } from 'vitest';
import type { Event, Node, Pod } from 'kubernetes-types/core/v1';
import { clone } from '../../src/engine/api/objects';
import { Cluster } from '../../src/engine/cluster';
import { nodeLifecycleComponents } from '../../src/engine/controllers/node-lifecycle';
import type { Toleration } from 'kubernetes-types/core/v1';

/** Stand in for kubelets: post Ready=True with a fresh heartbeat for `names`. */
function heartbeat(c: Cluster, names: string[]): void {
  for (const name of names) {
    const node = clone(c.api.get<Node>('nodes', undefined, name));
    const now = c.api.timestamp();
    const ready = { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: '2026-01-01T00:00:00Z' };
    (node.status ??= {}).conditions = [ready];
    c.api.updateStatus('nodes', node, `kubelet/${name}`);
  }
}

/** Advance `ms` in 10 s steps, posting heartbeats for the healthy nodes at each step. */
function run(c: Cluster, ms: number, healthy: string[]): void {
  for (let t = 0; t < ms; t += 10_000) {
    heartbeat(c, healthy);
    c.advance(Math.min(10_000, ms - t));
  }
}

function boundPod(name: string, node: string, tolerations?: Toleration[]): Pod {
  return { metadata: { name }, spec: { nodeName: node, containers: [{ name: 'app', image: 'nginx:1.27' }], ...(tolerations ? { tolerations } : {}) } };
}

const taintsOf = (c: Cluster, name: string) => (c.api.get<Node>('nodes', undefined, name).spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`);
const events = (c: Cluster, reason: string) => c.api.list<Event>('events', 'default').items.filter((e) => e.reason === reason).map((e) => `${e.involvedObject.name}: ${e.message}`);
const all = ['control-plane', 'node-1', 'node-2'];

describe('Cluster: node lifecycle', () => {
  test('Cluster: node lifecycle: a node whose heartbeats stop goes Unknown after the grace period and is tainted unreachable (nodes=3)', () => {
    const c = Cluster.create({ seed: 1 }, [nodeLifecycleComponents]);
    run(c, 30_000, all);
    run(c, 45_000, ['control-plane', 'node-1']);
    // The last heartbeat, written at 20 s, was noticed by the 25 s check; the 50 s grace (v1.32+)
    // counts from then, so the 75 s check still trusts the node and the 80 s check gives up.
    expect(c.api.get<Node>('nodes', undefined, 'node-2').status?.conditions?.[0]?.status).toBe('True');
    run(c, 5_000, ['control-plane', 'node-1']);
    // The NoSchedule taint follows the condition a moment later, once the watch delivers it.
    c.advance(10);
    const ready = c.api.get<Node>('nodes', undefined, 'node-2').status?.conditions?.find((x) => x.type === 'Ready');
    expect(ready).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: '2026-01-01T00:01:20Z' });
    expect(taintsOf(c, 'node-2')).toEqual(['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
    expect(taintsOf(c, 'node-1')).toEqual([]);
    expect(events(c, 'NodeNotReady')).toEqual(['node-2: Node node-2 status is now: NodeNotReady']);
  });

  test('Cluster: node lifecycle: pods on an unreachable node are evicted after their 300 s toleration (nodes=3)', () => {
    const c = Cluster.create({ seed: 1 }, [nodeLifecycleComponents]);
    c.api.create('pods', boundPod('web-1', 'node-2'));
    c.api.create('pods', boundPod('forever', 'node-2', [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' }]));
    c.api.create('pods', boundPod('impatient', 'node-2', [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 0 }]));
    // A toleration of every taint already covers both: DefaultTolerationSeconds adds nothing.
    c.api.create('pods', boundPod('anything', 'node-2', [{ operator: 'Exists' }]));
    expect(c.api.get<Pod>('pods', 'default', 'anything').spec?.tolerations).toEqual([{ operator: 'Exists' }]);
    run(c, 20_000, all);
    run(c, 60_000, ['control-plane', 'node-1']);
    expect(taintsOf(c, 'node-2')).toContain('node.kubernetes.io/unreachable:NoExecute');
    expect(c.api.get<Pod>('pods', 'default', 'impatient').metadata?.deletionTimestamp).toBeDefined();
    run(c, 290_000, ['control-plane', 'node-1']);
    expect(c.api.get<Pod>('pods', 'default', 'web-1').metadata?.deletionTimestamp).toBeUndefined();
    run(c, 10_000, ['control-plane', 'node-1']);
    const web = c.api.get<Pod>('pods', 'default', 'web-1');
    expect(web.metadata?.deletionTimestamp).toBeDefined();
    expect(web.status?.conditions?.find((x) => x.type === 'DisruptionTarget')).toMatchObject({ reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' });
    expect(c.api.get<Pod>('pods', 'default', 'forever').metadata?.deletionTimestamp).toBeUndefined();
    expect(c.api.get<Pod>('pods', 'default', 'anything').metadata?.deletionTimestamp).toBeUndefined();
    expect(events(c, 'TaintManagerEviction').sort()).toEqual(['impatient: Marking for deletion Pod default/impatient', 'web-1: Marking for deletion Pod default/web-1']);
  });

  test('Cluster: node lifecycle: a node that reports Ready again loses its taints and cancels pending evictions (nodes=3)', () => {
    const c = Cluster.create({ seed: 1 }, [nodeLifecycleComponents]);
    c.api.create('pods', boundPod('web-1', 'node-2'));
    run(c, 20_000, all);
    run(c, 60_000, ['control-plane', 'node-1']);
    expect(taintsOf(c, 'node-2')).toHaveLength(2);
    run(c, 20_000, all);
    expect(taintsOf(c, 'node-2')).toEqual([]);
    expect(events(c, 'TaintManagerEviction')).toEqual(['web-1: Cancelling deletion of Pod default/web-1']);
    // RecordNodeStatusChange is only called on the way down; NodeReady is the kubelet's to record.
    expect(events(c, 'NodeNotReady')).toEqual(['node-2: Node node-2 status is now: NodeNotReady']);
    expect(events(c, 'NodeReady')).toEqual([]);
    run(c, 400_000, all);
    expect(c.api.get<Pod>('pods', 'default', 'web-1').metadata?.deletionTimestamp).toBeUndefined();
  });

  test('Cluster: node lifecycle: a node that never posted status is Unknown after the 60 s startup grace, and a cordon adds the unschedulable taint (nodes=3)', () => {
    const c = Cluster.create({ seed: 1 }, [nodeLifecycleComponents]);
    const node = clone(c.api.get<Node>('nodes', undefined, 'node-1'));
    node.spec!.unschedulable = true;
    c.api.update('nodes', node);
    run(c, 70_000, ['control-plane', 'node-1']);
    expect(taintsOf(c, 'node-1')).toEqual(['node.kubernetes.io/unschedulable:NoSchedule']);
    const ready = c.api.get<Node>('nodes', undefined, 'node-2').status?.conditions?.find((x) => x.type === 'Ready');
    expect(ready).toMatchObject({ status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.' });
  });

  test('Cluster: node lifecycle: when every node goes silent nothing is evicted (full disruption) (nodes=3)', () => {
    const c = Cluster.create({ seed: 1 }, [nodeLifecycleComponents]);
    c.api.create('pods', boundPod('web-1', 'node-2'));
    run(c, 20_000, all);
    run(c, 500_000, []);
    expect(taintsOf(c, 'node-2')).toEqual(['node.kubernetes.io/unreachable:NoSchedule']);
    expect(c.api.get<Pod>('pods', 'default', 'web-1').metadata?.deletionTimestamp).toBeUndefined();
  });
});
