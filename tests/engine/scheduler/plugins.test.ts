import { describe, expect, test } from 'vitest';
import { balancedAllocationScore, balancedResourceScore } from '../../../src/engine/scheduler/plugins/balanced-allocation';
import { nodeAffinityFilter, nodeAffinityScore } from '../../../src/engine/scheduler/plugins/node-affinity';
import { nodeNameFilter } from '../../../src/engine/scheduler/plugins/node-name';
import { leastAllocatedScore, leastRequestedScore, nodeResourcesFitFilter } from '../../../src/engine/scheduler/plugins/node-resources-fit';
import { nodeUnschedulableFilter } from '../../../src/engine/scheduler/plugins/node-unschedulable';
import { taintTolerationFilter, taintTolerationScore, toleratesTaint } from '../../../src/engine/scheduler/plugins/taint-toleration';
import { defaultNormalizeScore } from '../../../src/engine/scheduler/plugins/normalize';
import { info, newNode, newPod, v134, v135 } from './fixtures';

const controlPlaneTaint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' } as const;

describe('NodeName filter', () => {
  test('passes every node when the pod names none, and only the named node otherwise', () => {
    expect(nodeNameFilter.filter(newPod('p'), info(newNode('a')), v134)).toBeUndefined();
    expect(nodeNameFilter.filter(newPod('p', { node: 'b' }), info(newNode('a')), v134)?.reasons).toEqual(["node(s) didn't match the requested node name"]);
  });
});

describe('NodeUnschedulable filter', () => {
  test('rejects a cordoned node as unresolvable', () => {
    expect(nodeUnschedulableFilter.filter(newPod('p'), info(newNode('a', { unschedulable: true })), v134)).toEqual({
      code: 'UnschedulableAndUnresolvable',
      reasons: ['node(s) were unschedulable'],
      plugin: 'NodeUnschedulable',
    });
  });

  test('lets a pod that tolerates node.kubernetes.io/unschedulable onto a cordoned node', () => {
    const pod = newPod('p', { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] });
    expect(nodeUnschedulableFilter.filter(pod, info(newNode('a', { unschedulable: true })), v134)).toBeUndefined();
  });
});

describe('TaintToleration', () => {
  test('names the first untolerated taint as {key: value} before v1.35 and generically after', () => {
    const node = info(newNode('cp', { taints: [{ key: 'gpu', value: 'true', effect: 'PreferNoSchedule' }, controlPlaneTaint] }));
    expect(taintTolerationFilter.filter(newPod('p'), node, v134)?.reasons).toEqual(['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }']);
    expect(taintTolerationFilter.filter(newPod('p'), node, v135)?.reasons).toEqual(['node(s) had untolerated taint(s)']);
  });

  test('treats NoExecute like NoSchedule and ignores PreferNoSchedule when filtering', () => {
    const dedicated = info(newNode('a', { taints: [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }] }));
    expect(taintTolerationFilter.filter(newPod('p'), dedicated, v134)?.reasons).toEqual(['node(s) had untolerated taint {dedicated: db}']);
    const soft = info(newNode('b', { taints: [{ key: 'x', effect: 'PreferNoSchedule' }] }));
    expect(taintTolerationFilter.filter(newPod('p'), soft, v134)).toBeUndefined();
  });

  test('matches tolerations by key, value, operator and effect as upstream ToleratesTaint does', () => {
    const taint = { key: 'dedicated', value: 'db', effect: 'NoSchedule' } as const;
    expect(toleratesTaint({ key: 'dedicated', value: 'db' }, taint)).toBe(true);
    expect(toleratesTaint({ key: 'dedicated', operator: 'Equal', value: 'web' }, taint)).toBe(false);
    expect(toleratesTaint({ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }, taint)).toBe(true);
    expect(toleratesTaint({ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }, taint)).toBe(false);
    expect(toleratesTaint({ operator: 'Exists' }, taint)).toBe(true);
  });

  test('scores nodes with untolerated PreferNoSchedule taints lower', () => {
    const plain = info(newNode('a'));
    const soft = info(newNode('b', { taints: [{ key: 'x', effect: 'PreferNoSchedule' }] }));
    const raw = [plain, soft].map((n) => taintTolerationScore.score(newPod('p'), n));
    expect(taintTolerationScore.normalize!(raw)).toEqual([100, 0]);
  });
});

describe('NodeAffinity', () => {
  const node = info(newNode('a', { labels: { disk: 'ssd', cores: '8' } }));
  const required = (operator: string, values?: string[]) =>
    newPod('p', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'cores', operator, ...(values ? { values } : {}) }] }] } } } });

  test('matches nodeSelector pairs exactly', () => {
    expect(nodeAffinityFilter.filter(newPod('p', { nodeSelector: { disk: 'ssd' } }), node, v134)).toBeUndefined();
    expect(nodeAffinityFilter.filter(newPod('p', { nodeSelector: { disk: 'hdd' } }), node, v134)?.reasons).toEqual(["node(s) didn't match Pod's node affinity/selector"]);
  });

  test('supports In, NotIn, Exists, DoesNotExist, Gt and Lt', () => {
    const fits = (operator: string, values?: string[]) => nodeAffinityFilter.filter(required(operator, values), node, v134) === undefined;
    expect([fits('In', ['8', '16']), fits('In', ['4'])]).toEqual([true, false]);
    expect([fits('NotIn', ['4']), fits('NotIn', ['8'])]).toEqual([true, false]);
    expect([fits('Exists'), fits('DoesNotExist')]).toEqual([true, false]);
    expect([fits('Gt', ['4']), fits('Gt', ['8']), fits('Lt', ['9']), fits('Lt', ['x'])]).toEqual([true, false, true, false]);
  });

  test('scores preferred terms by the weights a node matches', () => {
    const pod = newPod('p', { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 30, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } }] } } });
    const other = info(newNode('b'));
    expect(nodeAffinityScore.applies!(pod)).toBe(true);
    expect(nodeAffinityScore.normalize!([node, other].map((n) => nodeAffinityScore.score(pod, n)))).toEqual([100, 0]);
  });
});

describe('NodeResourcesFit', () => {
  const node = newNode('a', { cpu: '2', memory: '4Gi', pods: '2' });
  const running = newPod('running', { cpu: '1500m', memory: '1Gi', node: 'a' });

  test('counts what bound pods request against allocatable, listing every shortage', () => {
    const status = nodeResourcesFitFilter.filter(newPod('p', { cpu: '600m', memory: '4Gi' }), info(node, [running]), v134);
    expect(status).toEqual({ code: 'Unschedulable', reasons: ['Insufficient cpu', 'Insufficient memory'], plugin: 'NodeResourcesFit' });
    expect(nodeResourcesFitFilter.filter(newPod('p', { cpu: '500m' }), info(node, [running]), v134)).toBeUndefined();
  });

  test('reports a request larger than the whole node as unresolvable', () => {
    expect(nodeResourcesFitFilter.filter(newPod('p', { cpu: '3' }), info(node), v134)?.code).toBe('UnschedulableAndUnresolvable');
  });

  test('says Too many pods when the pod slots are used up, and ignores finished pods', () => {
    const done = { ...newPod('done', { node: 'a' }), status: { phase: 'Succeeded' } };
    expect(nodeResourcesFitFilter.filter(newPod('p'), info(node, [running, newPod('x', { node: 'a' })]), v134)?.reasons).toEqual(['Too many pods']);
    expect(nodeResourcesFitFilter.filter(newPod('p'), info(node, [running, done]), v134)).toBeUndefined();
  });

  test('LeastAllocated prefers the emptier node using the upstream integer formula', () => {
    expect(leastRequestedScore(1000, 4000)).toBe(75);
    expect(leastRequestedScore(5000, 4000)).toBe(0);
    const pod = newPod('p', { cpu: '1', memory: '2Gi' });
    expect(leastAllocatedScore.score(pod, info(newNode('a', { cpu: '4', memory: '8Gi' })))).toBe(75);
    expect(leastAllocatedScore.score(pod, info(node, [running]))).toBe(12);
  });
});

describe('BalancedAllocation', () => {
  test('scores (1 - std) * 100 of the cpu and memory fractions', () => {
    expect(balancedResourceScore([500, 1024], [1000, 4096])).toBe(87);
    expect(balancedResourceScore([1000, 2048], [2000, 4096])).toBe(100);
    const pod = newPod('p', { cpu: '1', memory: '1Gi' });
    expect(balancedAllocationScore.score(pod, info(newNode('a', { cpu: '2', memory: '8Gi' })))).toBe(81);
  });

  test('is skipped for pods that request nothing', () => {
    expect(balancedAllocationScore.applies!(newPod('p'))).toBe(false);
  });
});

describe('DefaultNormalizeScore', () => {
  test('scales to 100 and reverses when asked', () => {
    expect(defaultNormalizeScore([0, 1, 2], false)).toEqual([0, 50, 100]);
    expect(defaultNormalizeScore([0, 1, 2], true)).toEqual([100, 50, 0]);
    expect(defaultNormalizeScore([0, 0], true)).toEqual([100, 100]);
  });
});
