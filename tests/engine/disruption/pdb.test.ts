import { describe, expect, test } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { ApiError } from '../../../src/engine/api/errors';
import { eventsAbout, getPdb, pdb, webPods, withWeb } from './helpers';

function evictError(f: () => void): ApiError {
  try {
    f();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('eviction was not refused');
}

describe('PodDisruptionBudget validation', () => {
  test('minAvailable and maxUnavailable exclude each other; percentages are checked', () => {
    const s = withWeb(0);
    s.fs.write('/root/bad.yaml', 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: bad\nspec:\n  minAvailable: 1\n  maxUnavailable: 150%\n');
    expect(s.run('kubectl apply -f bad.yaml').output).toBe(
      'The PodDisruptionBudget "bad" is invalid: \n' +
        '* spec: Invalid value: policy.PodDisruptionBudgetSpec{MinAvailable:(*intstr.IntOrString)(0xc000b2e1a0), MaxUnavailable:(*intstr.IntOrString)(0xc000b2e1c0), Selector:(*v1.LabelSelector)(nil), UnhealthyPodEvictionPolicy:(*policy.UnhealthyPodEvictionPolicyType)(nil)}: minAvailable and maxUnavailable cannot be both set\n' +
        '* spec.maxUnavailable: Invalid value: "150%": must not be greater than 100%\n',
    );
    s.fs.write('/root/bad.yaml', 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: bad\nspec:\n  minAvailable: -1\n  unhealthyPodEvictionPolicy: Never\n');
    expect(s.run('kubectl apply -f bad.yaml').output).toBe(
      'The PodDisruptionBudget "bad" is invalid: \n* spec.minAvailable: Invalid value: -1: must be greater than or equal to 0\n* spec.unhealthyPodEvictionPolicy: Unsupported value: "Never": supported values: "AlwaysAllow", "IfHealthyBudget"\n',
    );
    expect(s.run('kubectl get pdb').output).toBe('No resources found in default namespace.\n');
  });
});

describe('disruption controller', () => {
  test('minAvailable 3 of 4 ready pods allows one disruption; the table shows it', () => {
    const s = withWeb(4);
    pdb(s, 'web', { minAvailable: 3 });
    expect(getPdb(s, 'web').status).toEqual({
      observedGeneration: 1,
      disruptionsAllowed: 1,
      currentHealthy: 4,
      desiredHealthy: 3,
      expectedPods: 4,
      conditions: [{ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods', message: '', observedGeneration: 1, lastTransitionTime: expect.any(String) as string }],
    });
    expect(s.run('kubectl get pdb').output).toBe('NAME   MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE\nweb    3               N/A               1                     1s\n');
    expect(s.run('kubectl get poddisruptionbudgets.policy web -o name').output).toBe('poddisruptionbudget.policy/web\n');
  });

  test('maxUnavailable and percentages scale with the Deployment, rounding up', () => {
    const s = withWeb(5);
    pdb(s, 'max', { maxUnavailable: '30%' });
    pdb(s, 'min', { minAvailable: '50%' });
    // 30% of 5 = 1.5 → 2 may be unavailable; 50% of 5 = 2.5 → 3 must stay.
    expect(getPdb(s, 'max').status).toMatchObject({ expectedPods: 5, desiredHealthy: 3, currentHealthy: 5, disruptionsAllowed: 2 });
    expect(getPdb(s, 'min').status).toMatchObject({ expectedPods: 5, desiredHealthy: 3, disruptionsAllowed: 2 });
    expect(s.run('kubectl get pdb').output).toBe(
      'NAME   MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE\nmax    N/A             30%               2                     2s\nmin    50%             N/A               2                     1s\n',
    );
  });

  test('a budget that selects nothing allows nothing and says so', () => {
    const s = withWeb(0);
    pdb(s, 'web', { minAvailable: 1 });
    expect(getPdb(s, 'web').status).toMatchObject({ expectedPods: 0, currentHealthy: 0, desiredHealthy: 1, disruptionsAllowed: 0 });
    expect(getPdb(s, 'web').status?.conditions?.[0]).toMatchObject({ status: 'False', reason: 'InsufficientPods' });
    expect(eventsAbout(s, 'web')).toContain('Normal NoPods: No matching pods found');
  });

  test('a percentage over pods without a controller warns and expects none of them', () => {
    const s = withWeb(0);
    s.cluster.api.create<Pod>('pods', { metadata: { name: 'lone', namespace: 'default', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } });
    s.run('sleep 6');
    pdb(s, 'web', { maxUnavailable: '50%' });
    expect(eventsAbout(s, 'web')).toContain(
      'Warning UnmanagedPods: Pods selected by this PodDisruptionBudget (selector: &LabelSelector{MatchLabels:map[string]string{app:web},MatchExpressions:[]LabelSelectorRequirement{},}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.',
    );
    expect(getPdb(s, 'web').status).toMatchObject({ expectedPods: 0, disruptionsAllowed: 0 });
  });
});

test('a percentage over DaemonSet pods (no scale) fails safe with SyncFailed', () => {
  const s = withWeb(0);
  s.cluster.api.create('poddisruptionbudgets', { metadata: { name: 'proxy', namespace: 'kube-system' }, spec: { maxUnavailable: 1, selector: { matchLabels: { 'k8s-app': 'kube-proxy' } } } });
  s.run('sleep 1');
  const status = s.cluster.api.get<PodDisruptionBudget>('poddisruptionbudgets', 'kube-system', 'proxy').status;
  expect(status?.disruptionsAllowed).toBe(0);
  expect(status?.conditions?.[0]).toMatchObject({ type: 'DisruptionAllowed', status: 'False', reason: 'SyncFailed', message: expect.stringMatching(/^found no controllers for pod "kube-proxy-[a-z0-9]{5}"$/) as string });
});

describe('pods/eviction', () => {
  test('an eviction spends the budget; the next one is refused with 429 until a replacement is ready', () => {
    const s = withWeb(3);
    pdb(s, 'web', { minAvailable: 2 });
    const [first, second] = webPods(s);
    s.cluster.api.evict('default', first!.metadata!.name!);
    const spent = getPdb(s, 'web').status!;
    expect(spent.disruptionsAllowed).toBe(0);
    expect(Object.keys(spent.disruptedPods ?? {})).toEqual([first!.metadata!.name]);
    expect(spent.conditions?.[0]).toMatchObject({ status: 'False', reason: 'InsufficientPods' });
    const evicted = s.cluster.api.get<Pod>('pods', 'default', first!.metadata!.name!);
    expect(evicted.metadata?.deletionTimestamp).toBeDefined();
    expect(evicted.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' });
    const refused = evictError(() => s.cluster.api.evict('default', second!.metadata!.name!));
    expect([refused.code, refused.reason, refused.message]).toEqual([429, 'TooManyRequests', "Cannot evict pod as it would violate the pod's disruption budget."]);
    // The eviction spent the budget; the controller has not recounted yet, so 3 are still counted.
    expect(refused.details.causes?.[0]?.detail).toBe('The disruption budget web needs 2 healthy pods and has 3 currently');
    // The ReplicaSet replaces the evicted pod; once it is ready the budget allows one disruption again.
    s.run('sleep 10');
    expect(getPdb(s, 'web').status).toMatchObject({ currentHealthy: 3, disruptionsAllowed: 1 });
    expect(getPdb(s, 'web').status?.disruptedPods).toBeUndefined();
    s.cluster.api.evict('default', second!.metadata!.name!);
  });

  test('pods a budget cannot protect go without it; two budgets over one pod are refused', () => {
    const s = withWeb(2);
    pdb(s, 'a', { minAvailable: 2 });
    const [pod] = webPods(s);
    s.cluster.api.create<Pod>('pods', { metadata: { name: 'pending', namespace: 'default', labels: { app: 'web' } }, spec: { nodeName: 'nowhere', containers: [{ name: 'c', image: 'nginx:1.27' }] } });
    s.cluster.api.evict('default', 'pending');
    pdb(s, 'b', { maxUnavailable: 1 });
    const refused = evictError(() => s.cluster.api.evict('default', pod!.metadata!.name!));
    expect([refused.code, refused.message]).toEqual([500, 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.']);
    const missing = evictError(() => s.cluster.api.evict('default', 'nope'));
    expect([missing.code, missing.message]).toEqual([404, 'pods "nope" not found']);
  });
});
