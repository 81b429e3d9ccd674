import { describe, expect, test } from 'vitest';
import { fitErrorMessage, runFilters, selectHost } from '../../../src/engine/scheduler/framework';
import { schedulePod } from '../../../src/engine/scheduler/schedule-one';
import { newNode, newPod, nodeInfos, v134, v135 } from './fixtures';

const cluster = () =>
  nodeInfos([newNode('control-plane', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }), newNode('node-1', { cpu: '2' }), newNode('node-2', { cpu: '2' })], [
    newPod('a', { cpu: '1500m', node: 'node-1' }),
    newPod('b', { cpu: '1500m', node: 'node-2' }),
  ]);

describe('FailedScheduling message', () => {
  test('counts each node under its first failing filter and sorts "<count> <reason>" as strings', () => {
    const pod = newPod('web', { cpu: '1' });
    const { rejected } = runFilters(pod, cluster(), v134);
    expect(fitErrorMessage(pod, 3, rejected, v134)).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. no new claims to deallocate, preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
    expect(fitErrorMessage(pod, 3, runFilters(pod, cluster(), v135).rejected, v135)).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu. no new claims to deallocate, preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });

  test('sorts lexicographically like Go, so 10 comes before 2', () => {
    const nodes = nodeInfos([...Array.from({ length: 10 }, (_, i) => newNode(`a-${i}`, { unschedulable: true })), newNode('b-1', { cpu: '1' }), newNode('b-2', { cpu: '1' })]);
    const pod = newPod('web', { cpu: '2' });
    const { rejected } = runFilters(pod, nodes, v135);
    expect(fitErrorMessage(pod, 12, rejected, { ...v135, draPostFilterNote: false })).toBe(
      '0/12 nodes are available: 10 node(s) were unschedulable, 2 Insufficient cpu. preemption: 0/12 nodes are available: 12 Preemption is not helpful for scheduling.',
    );
  });

  test('says there are no nodes when the cluster has none, and respects preemptionPolicy Never', () => {
    expect(fitErrorMessage(newPod('p'), 0, new Map(), v134)).toBe('no nodes available to schedule pods');
    const pod = { ...newPod('p', { cpu: '1' }), spec: { ...newPod('p', { cpu: '1' }).spec!, preemptionPolicy: 'Never' } };
    expect(fitErrorMessage(pod, 3, runFilters(pod, cluster(), v134).rejected, v134)).toMatch(/no new claims to deallocate, preemption: not eligible due to preemptionPolicy=Never\.$/);
  });
});

describe('selectHost', () => {
  const scores = [
    { name: 'a', total: 10, plugins: {} },
    { name: 'b', total: 30, plugins: {} },
    { name: 'c', total: 30, plugins: {} },
  ];

  test('takes the highest total', () => {
    expect(selectHost(scores.slice(0, 2), () => 0)?.name).toBe('b');
  });

  test('keeps each tied node with probability 1/k (reservoir sampling)', () => {
    expect(selectHost(scores, () => 0)?.name).toBe('c');
    expect(selectHost(scores, () => 1)?.name).toBe('b');
  });
});

describe('schedulePod', () => {
  test('skips scoring when only one node fits', () => {
    const nodes = nodeInfos([newNode('node-1'), newNode('node-2', { labels: { disk: 'ssd' } })]);
    const decision = schedulePod(newPod('p', { nodeSelector: { disk: 'ssd' } }), nodes, v134, () => 0);
    expect(decision.node).toBe('node-2');
    expect(decision.scoreDetail).toBe('only node-2 fits; scoring skipped');
  });

  test('prefers the less loaded node', () => {
    const nodes = nodeInfos([newNode('node-1'), newNode('node-2')], [newPod('busy', { cpu: '3', memory: '4Gi', node: 'node-1' })]);
    expect(schedulePod(newPod('p', { cpu: '100m' }), nodes, v134, () => 0).node).toBe('node-2');
  });
});
