import type { Pod, Taint, Toleration } from 'kubernetes-types/core/v1';
import type { FilterPlugin, ScorePlugin } from '../types';
import { defaultNormalizeScore } from './normalize';

/**
 * Toleration.ToleratesTaint: an empty effect or key in the toleration matches any; `Exists`
 * matches any value, `Equal` (the default operator) needs the same value.
 */
export function toleratesTaint(toleration: Toleration, taint: Pick<Taint, 'key' | 'value' | 'effect'>): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  const operator = toleration.operator ?? 'Equal';
  if (operator === 'Exists') return true;
  return operator === 'Equal' && (toleration.value ?? '') === (taint.value ?? '');
}

/** The first taint (in the node's order) that passes `relevant` and no toleration tolerates. */
export function findUntoleratedTaint(taints: readonly Taint[], tolerations: readonly Toleration[], relevant: (t: Taint) => boolean): Taint | undefined {
  return taints.find((t) => relevant(t) && !tolerations.some((tol) => toleratesTaint(tol, t)));
}

const doNotSchedule = (t: Taint) => t.effect === 'NoSchedule' || t.effect === 'NoExecute';
const isPreferNoSchedule = (t: Taint) => t.effect === 'PreferNoSchedule';

/**
 * TaintToleration: a node with a NoSchedule or NoExecute taint the pod does not tolerate is out.
 * Scoring prefers nodes with fewer untolerated PreferNoSchedule taints (weight 3 upstream).
 */
const NONE: readonly never[] = [];

export const taintTolerationFilter: FilterPlugin = {
  name: 'TaintToleration',
  filter(pod, { node }, profile) {
    const taints = node.spec?.taints;
    if (!taints || taints.length === 0) return undefined;
    const taint = findUntoleratedTaint(taints, pod.spec?.tolerations ?? NONE, doNotSchedule);
    if (!taint) return undefined;
    const reason = profile.genericTaintMessage ? 'node(s) had untolerated taint(s)' : `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
    return { code: 'UnschedulableAndUnresolvable', reasons: [reason], plugin: 'TaintToleration' };
  },
};

/** Tolerations that can tolerate PreferNoSchedule taints: that effect, or no effect at all. */
function preferNoScheduleTolerations(pod: Pod): Toleration[] {
  return (pod.spec?.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
}

export const taintTolerationScore: ScorePlugin = {
  name: 'TaintToleration',
  weight: 3,
  score(pod, { node }) {
    // Runs for every node for every pod: most nodes have no such taint, so ask the pod nothing.
    const taints = node.spec?.taints;
    if (!taints?.some(isPreferNoSchedule)) return 0;
    const preferNo = taints.filter(isPreferNoSchedule);
    const tolerations = preferNoScheduleTolerations(pod);
    return preferNo.filter((t) => !tolerations.some((tol) => toleratesTaint(tol, t))).length;
  },
  normalize: (scores) => defaultNormalizeScore(scores, true),
};
