/** `kubectl describe deployment`, `replicaset` and `daemonset`, with their Pod Template. */
import type { DaemonSet, Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Event, Pod, PodTemplateSpec } from 'kubernetes-types/core/v1';
import { formatRFC1123Z, parseTimestamp } from '../human-duration';
import { formatLabels, formatLabelSelector, labelSelectorString } from '../tables/format';
import {
  maybeDescribeEvents,
  printAnnotationsMultiline,
  printController,
  printLabelsMultiline,
  printTolerationsMultiline,
} from './common';
import { describeContainers } from './containers';
import { DEFAULT_RELEASE, type DescribeRelease } from './release';
import { LEVEL_0, LEVEL_1, tabbedString, type PrefixWriter } from './prefix-writer';
import { describeVolumes } from './volumes';

/** DescribePodTemplate: the template's labels, containers (no status), volumes and scheduling. */
export function describePodTemplate(w: PrefixWriter, template: PodTemplateSpec | undefined, release: DescribeRelease = DEFAULT_RELEASE): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (!template) {
    w.write(LEVEL_1, '<unset>');
    return;
  }
  const spec = template.spec;
  printLabelsMultiline(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0) {
    printAnnotationsMultiline(w, '  Annotations', template.metadata?.annotations);
  }
  if (spec?.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec?.initContainers?.length) describeContainers(w, 'Init Containers', spec.initContainers, undefined, undefined, '  ', release);
  describeContainers(w, 'Containers', spec?.containers ?? [], undefined, undefined, '  ', release);
  describeVolumes(w, spec?.volumes, '  ');
  if (spec?.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, '  Node-Selectors', spec?.nodeSelector);
  printTolerationsMultiline(w, '  Tolerations', spec?.tolerations);
}

function describeConditions(w: PrefixWriter, conditions: { type: string; status: string; reason?: string }[] | undefined): void {
  if (!conditions?.length) return;
  w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(LEVEL_1, '----\t------\t------\n');
  for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
}

/** Canonical JSON (sorted keys) so templates compare by content. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, val: unknown) =>
    val && typeof val === 'object' && !Array.isArray(val)
      ? Object.fromEntries(Object.entries(val as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : val,
  );

function templateWithoutHash(t: PodTemplateSpec | undefined): string {
  const labels = { ...(t?.metadata?.labels ?? {}) };
  delete labels['pod-template-hash'];
  return canonical({ ...t, metadata: { ...t?.metadata, labels } });
}

/**
 * deploymentutil.GetAllReplicaSets: replica sets controlled by the deployment; the new one is
 * the oldest whose template equals the deployment's (ignoring pod-template-hash).
 */
export function splitReplicaSets(d: Deployment, replicaSets: ReplicaSet[]): { oldRSs: ReplicaSet[]; newRS?: ReplicaSet } {
  const uid = d.metadata?.uid;
  const owned = replicaSets.filter((rs) => {
    const ref = rs.metadata?.ownerReferences?.find((o) => o.controller);
    return uid ? ref?.uid === uid : ref?.kind === 'Deployment' && ref.name === d.metadata?.name;
  });
  const created = (rs: ReplicaSet) => parseTimestamp(rs.metadata?.creationTimestamp) ?? 0;
  const want = templateWithoutHash(d.spec?.template);
  const newRS = [...owned]
    .sort((a, b) => created(a) - created(b) || ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1))
    .find((rs) => templateWithoutHash(rs.spec?.template) === want);
  return { oldRSs: owned.filter((rs) => rs !== newRS), newRS };
}

const rsSummary = (list: ReplicaSet[]): string =>
  list.map((rs) => `${rs.metadata?.name ?? ''} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ') ||
  '<none>';

/** describeDeployment: `replicaSets` may hold any replica sets of the namespace; owned ones are picked. */
export function describeDeployment(d: Deployment, replicaSets: ReplicaSet[], events: Event[] | undefined, nowMs: number, release: DescribeRelease = DEFAULT_RELEASE): string {
  return tabbedString((w) => {
    const spec = d.spec;
    const status = d.status ?? {};
    w.write(LEVEL_0, `Name:\t${d.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${d.metadata?.namespace ?? ''}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(d.metadata?.creationTimestamp)}\n`);
    printLabelsMultiline(w, 'Labels', d.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', d.metadata?.annotations);
    w.write(LEVEL_0, `Selector:\t${labelSelectorString(spec?.selector)}\n`);
    w.write(
      LEVEL_0,
      `Replicas:\t${spec?.replicas ?? 0} desired | ${status.updatedReplicas ?? 0} updated | ${status.replicas ?? 0} total | ` +
        `${status.availableReplicas ?? 0} available | ${status.unavailableReplicas ?? 0} unavailable\n`,
    );
    w.write(LEVEL_0, `StrategyType:\t${spec?.strategy?.type ?? ''}\n`);
    w.write(LEVEL_0, `MinReadySeconds:\t${spec?.minReadySeconds ?? 0}\n`);
    const ru = spec?.strategy?.rollingUpdate;
    if (ru) w.write(LEVEL_0, `RollingUpdateStrategy:\t${ru.maxUnavailable ?? ''} max unavailable, ${ru.maxSurge ?? ''} max surge\n`);
    describePodTemplate(w, spec?.template, release);
    describeConditions(w, status.conditions);
    const { oldRSs, newRS } = splitReplicaSets(d, replicaSets);
    if (oldRSs.length > 0 || newRS) {
      w.write(LEVEL_0, `OldReplicaSets:\t${rsSummary(oldRSs)}\n`);
      w.write(LEVEL_0, `NewReplicaSet:\t${rsSummary(newRS ? [newRS] : [])}\n`);
    }
    maybeDescribeEvents(w, events, nowMs);
  });
}

/** Pods Status counts of getPodStatusForController: pods the controller controls, by phase. */
function podPhaseCounts(rs: ReplicaSet | DaemonSet, pods: Pod[]): string {
  const uid = rs.metadata?.uid;
  const owned = pods.filter((p) => !uid || p.metadata?.ownerReferences?.some((o) => o.controller && o.uid === uid));
  const count = (phase: string) => owned.filter((p) => p.status?.phase === phase).length;
  return `${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed`;
}

/** describeReplicaSet: `pods` are the namespace's pods matching the selector (owned ones are counted). */
export function describeReplicaSet(rs: ReplicaSet, pods: Pod[], events: Event[] | undefined, nowMs: number, release: DescribeRelease = DEFAULT_RELEASE): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${rs.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${rs.metadata?.namespace ?? ''}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`);
    printLabelsMultiline(w, 'Labels', rs.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', rs.metadata?.annotations);
    const controlledBy = printController(rs.metadata);
    if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
    w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 0} desired\n`);
    w.write(LEVEL_0, 'Pods Status:\t');
    w.write(LEVEL_0, `${podPhaseCounts(rs, pods)}\n`);
    describePodTemplate(w, rs.spec?.template, release);
    describeConditions(w, rs.status?.conditions);
    maybeDescribeEvents(w, events, nowMs);
  });
}

/** describeDaemonSet: `pods` are the namespace's pods (the controlled ones are counted). */
export function describeDaemonSet(ds: DaemonSet, pods: Pod[], events: Event[] | undefined, nowMs: number, release: DescribeRelease = DEFAULT_RELEASE): string {
  const status = ds.status;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${ds.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${ds.metadata?.namespace ?? ''}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabelSelector(ds.spec?.selector)}\n`);
    w.write(LEVEL_0, `Node-Selector:\t${formatLabels(ds.spec?.template.spec?.nodeSelector)}\n`);
    printLabelsMultiline(w, 'Labels', ds.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', ds.metadata?.annotations);
    w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${status?.desiredNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${status?.currentNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${status?.updatedNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${status?.numberAvailable ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Misscheduled: ${status?.numberMisscheduled ?? 0}\n`);
    w.write(LEVEL_0, `Pods Status:\t${podPhaseCounts(ds, pods)}\n`);
    describePodTemplate(w, ds.spec?.template, release);
    maybeDescribeEvents(w, events, nowMs);
  });
}
