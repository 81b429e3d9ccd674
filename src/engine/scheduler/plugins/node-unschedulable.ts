import type { FilterPlugin } from '../types';
import { toleratesTaint } from './taint-toleration';

/** The taint a cordoned node carries; tolerating it lets a pod onto a cordoned node. */
export const UNSCHEDULABLE_TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' } as const;

/** NodeUnschedulable: `kubectl cordon` (spec.unschedulable) keeps pods off unless they tolerate it. */
export const nodeUnschedulableFilter: FilterPlugin = {
  name: 'NodeUnschedulable',
  filter(pod, { node }) {
    if (!node.spec?.unschedulable) return undefined;
    if ((pod.spec?.tolerations ?? []).some((t) => toleratesTaint(t, UNSCHEDULABLE_TAINT))) return undefined;
    return { code: 'UnschedulableAndUnresolvable', reasons: ['node(s) were unschedulable'], plugin: 'NodeUnschedulable' };
  },
};
