import type { DaemonSet } from 'kubernetes-types/apps/v1';
import { expect, test } from 'vitest';
import { daemonSetPrinter } from '../../../src/cli/kubectl/printers/tables/workloads';
import { clusterWithWeb } from '../../engine/kube-proxy/cluster-helpers';

test('the kube-proxy DaemonSet row: one scheduled, ready, up-to-date pod per node', () => {
  const c = clusterWithWeb();
  const ds = c.api.get<DaemonSet>('daemonsets', 'kube-system', 'kube-proxy');
  const nowMs = c.config.epochMs + c.now();
  expect(daemonSetPrinter.columns.map((col) => col.name.toUpperCase())).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
  expect(daemonSetPrinter.cells(ds, { nowMs, wide: true })).toEqual(['kube-proxy', '3', '3', '3', '3', '3', 'kubernetes.io/os=linux', '10s', 'kube-proxy', 'registry.k8s.io/kube-proxy:v1.34.2', 'k8s-app=kube-proxy']);
});
