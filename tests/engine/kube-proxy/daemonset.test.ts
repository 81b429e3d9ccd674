import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node, Pod, Toleration } from 'kubernetes-types/core/v1';
import { describe, expect, test } from 'vitest';
import { Cluster } from '../../../src/engine/cluster';

const daemon = (tolerations: Toleration[] = []): DaemonSet => ({
  metadata: { name: 'agent', namespace: 'default' },
  spec: {
    selector: { matchLabels: { app: 'agent' } },
    template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'busybox:1.37', command: ['sleep', '3600'] }], tolerations } },
  },
});

const agentPods = (c: Cluster) => c.api.list<Pod>('pods', 'default').items.filter((p) => p.metadata?.name?.startsWith('agent-') && !p.metadata.deletionTimestamp);

describe('DaemonSet controller', () => {
  test('one pod per schedulable node; the control-plane taint keeps it off unless tolerated', () => {
    const c = Cluster.create({ seed: 1 });
    c.api.create('daemonsets', daemon());
    c.advance(20_000);
    expect(agentPods(c).map((p) => p.spec?.nodeName).sort()).toEqual(['node-1', 'node-2']);
    const ds = c.api.get<DaemonSet>('daemonsets', 'default', 'agent');
    expect(ds.status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 2, updatedNumberScheduled: 2, numberAvailable: 2 });
    const everywhere = Cluster.create({ seed: 1 });
    everywhere.api.create('daemonsets', daemon([{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }]));
    everywhere.advance(20_000);
    expect(agentPods(everywhere).map((p) => p.spec?.nodeName).sort()).toEqual(['control-plane', 'node-1', 'node-2']);
  });

  test('follows node labels: a node labelled to match gets a pod, one unlabelled loses it', () => {
    const c = Cluster.create({ seed: 4 });
    const edge = daemon();
    edge.spec!.template.spec!.nodeSelector = { role: 'edge' };
    c.api.create('daemonsets', edge);
    c.advance(20_000);
    expect(agentPods(c)).toEqual([]);
    const label = (node: string, labels: Record<string, string | undefined>) => {
      const n = structuredClone(c.api.get<Node>('nodes', undefined, node));
      n.metadata!.labels = Object.fromEntries(Object.entries({ ...n.metadata!.labels, ...labels }).filter(([, v]) => v !== undefined)) as Record<string, string>;
      c.api.update('nodes', n);
    };
    label('node-2', { role: 'edge' });
    c.advance(20_000);
    expect(agentPods(c).map((p) => p.spec?.nodeName)).toEqual(['node-2']);
    label('node-2', { role: undefined });
    c.advance(40_000);
    expect(agentPods(c)).toEqual([]);
  });

  test('a deleted daemon pod is replaced on the same node, pinned there by node affinity', () => {
    const c = Cluster.create({ seed: 2 });
    c.api.create('daemonsets', daemon());
    c.advance(20_000);
    const victim = agentPods(c).find((p) => p.spec?.nodeName === 'node-1')!;
    c.api.delete('pods', 'default', victim.metadata!.name!);
    c.advance(40_000);
    const replacement = agentPods(c).find((p) => p.spec?.nodeName === 'node-1')!;
    expect(replacement.metadata?.name).not.toBe(victim.metadata?.name);
    expect(replacement.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms[0]?.matchFields).toEqual([{ key: 'metadata.name', operator: 'In', values: ['node-1'] }]);
    expect(replacement.metadata?.labels?.['controller-revision-hash']).toBe(victim.metadata?.labels?.['controller-revision-hash']);
    expect(replacement.spec?.tolerations?.map((t) => t.key)).toContain('node.kubernetes.io/unschedulable');
  });

  test('a new template replaces the pods one node at a time', () => {
    const c = Cluster.create({ seed: 3 });
    c.api.create('daemonsets', daemon());
    c.advance(20_000);
    const ds = c.api.get<DaemonSet>('daemonsets', 'default', 'agent');
    const next = JSON.parse(JSON.stringify(ds)) as DaemonSet;
    next.spec!.template.spec!.containers[0]!.image = 'busybox:1.36';
    c.api.update('daemonsets', next);
    c.advance(120_000);
    expect(agentPods(c).map((p) => p.spec?.containers[0]?.image)).toEqual(['busybox:1.36', 'busybox:1.36']);
  });

  test('required node affinity of the template decides, as nodeSelector does; preferred terms stay on the pod', () => {
    const c = Cluster.create({ seed: 3 });
    const zoned = daemon([{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }]);
    const preferred = [{ weight: 1, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } }];
    zoned.spec!.template.spec!.affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node-1'] }] }] },
        preferredDuringSchedulingIgnoredDuringExecution: preferred,
      },
    };
    c.api.create('daemonsets', zoned);
    c.advance(20_000);
    expect(agentPods(c).map((p) => p.spec?.nodeName)).toEqual(['node-1']);
    expect(agentPods(c)[0]!.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution).toEqual(preferred);
    expect(c.api.get<DaemonSet>('daemonsets', 'default', 'agent').status).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1 });
  });

  test('a new NoSchedule taint leaves a running daemon pod in place (misscheduled); NoExecute drives it away', () => {
    const c = Cluster.create({ seed: 5 });
    c.api.create('daemonsets', daemon());
    c.advance(20_000);
    const taint = (effect: string) => {
      const n = structuredClone(c.api.get<Node>('nodes', undefined, 'node-2'));
      n.spec = { ...n.spec, taints: [{ key: 'dedicated', value: 'x', effect }] };
      c.api.update('nodes', n);
      c.advance(20_000);
    };
    taint('NoSchedule');
    expect(agentPods(c).map((p) => p.spec?.nodeName).sort()).toEqual(['node-1', 'node-2']);
    expect(c.api.get<DaemonSet>('daemonsets', 'default', 'agent').status).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1, numberMisscheduled: 1 });
    taint('NoExecute');
    expect(agentPods(c).map((p) => p.spec?.nodeName)).toEqual(['node-1']);
  });
});
