import type { DaemonSet } from 'kubernetes-types/apps/v1';
import { describe, expect, test } from 'vitest';
import { DEFAULT_COMPONENTS } from '../../../src/engine/components';
import { bench } from './harness';

describe('kubectl describe daemonset', () => {
  test('prints the node counts, pod phases, template and events as describeDaemonSet does', () => {
    const b = bench({ components: DEFAULT_COMPONENTS });
    b.cluster.advance(30_000);
    const out = b.k('describe ds kube-proxy -n kube-system').stdout;
    expect(out.split('\n').slice(0, 14).join('\n')).toBe(
      [
        'Name:           kube-proxy',
        'Namespace:      kube-system',
        'Selector:       k8s-app=kube-proxy',
        'Node-Selector:  kubernetes.io/os=linux',
        'Labels:         k8s-app=kube-proxy',
        'Annotations:    deprecated.daemonset.template.generation: 1',
        'Desired Number of Nodes Scheduled: 3',
        'Current Number of Nodes Scheduled: 3',
        'Number of Nodes Scheduled with Up-to-date Pods: 3',
        'Number of Nodes Scheduled with Available Pods: 3',
        'Number of Nodes Misscheduled: 0',
        'Pods Status:  3 Running / 0 Waiting / 0 Succeeded / 0 Failed',
        'Pod Template:',
        '  Labels:           k8s-app=kube-proxy',
      ].join('\n'),
    );
    expect(out).toMatch(/\nEvents:\n {2}Type {4}Reason {12}Age {3}From {18}Message\n/);
    expect(out.match(/SuccessfulCreate {2}30s {3}daemonset-controller {2}Created pod: kube-proxy-/g)).toHaveLength(3);
  });

  test('the template generation annotation counts template changes only, whatever an update sends', () => {
    const b = bench({ components: DEFAULT_COMPONENTS });
    const generation = () => b.cluster.api.get<DaemonSet>('daemonsets', 'kube-system', 'kube-proxy').metadata?.annotations?.['deprecated.daemonset.template.generation'];
    expect(generation()).toBe('1');
    b.k(['annotate', 'ds', 'kube-proxy', '-n', 'kube-system', 'deprecated.daemonset.template.generation=9', '--overwrite']);
    expect(generation()).toBe('1');
    b.k('set env ds/kube-proxy -n kube-system FOO=bar');
    expect(generation()).toBe('2');
    b.cluster.advance(60_000);
    expect(b.k('get pods -n kube-system -l k8s-app=kube-proxy -o jsonpath={.items[*].metadata.labels.pod-template-generation}').stdout).toBe('2 2 2');
  });
});
