/** `kubectl get deployments`, `replicasets` and `daemonsets` columns and cells. */
import type { DaemonSet, Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import { translateTimestampSince } from '../human-duration';
import { formatLabels, formatLabelSelector, labelSelectorString, layoutContainerCells } from './format';
import type { Column, KindPrinter } from './types';

const templateColumns: Column[] = [
  { name: 'Containers', priority: 1 },
  { name: 'Images', priority: 1 },
  { name: 'Selector', priority: 1 },
];

/** Deployment columns: NAME READY UP-TO-DATE AVAILABLE AGE, wide CONTAINERS IMAGES SELECTOR. */
export const deploymentPrinter: KindPrinter<Deployment> = {
  kind: 'Deployment',
  group: 'apps',
  namespaced: true,
  columns: [{ name: 'Name' }, { name: 'Ready' }, { name: 'Up-to-date' }, { name: 'Available' }, { name: 'Age' }, ...templateColumns],
  cells(d, ctx) {
    const status = d.status ?? {};
    const cells = [
      d.metadata?.name ?? '',
      `${status.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
      String(status.updatedReplicas ?? 0),
      String(status.availableReplicas ?? 0),
      translateTimestampSince(d.metadata?.creationTimestamp, ctx.nowMs),
    ];
    if (ctx.wide) {
      // printDeployment uses selector.String(), which is empty (not <none>) for an empty selector.
      cells.push(...layoutContainerCells(d.spec?.template.spec?.containers), labelSelectorString(d.spec?.selector));
    }
    return cells;
  },
};

/** ReplicaSet columns: NAME DESIRED CURRENT READY AGE, wide CONTAINERS IMAGES SELECTOR. */
export const replicaSetPrinter: KindPrinter<ReplicaSet> = {
  kind: 'ReplicaSet',
  group: 'apps',
  namespaced: true,
  columns: [{ name: 'Name' }, { name: 'Desired' }, { name: 'Current' }, { name: 'Ready' }, { name: 'Age' }, ...templateColumns],
  cells(rs, ctx) {
    const cells = [
      rs.metadata?.name ?? '',
      String(rs.spec?.replicas ?? 0),
      String(rs.status?.replicas ?? 0),
      String(rs.status?.readyReplicas ?? 0),
      translateTimestampSince(rs.metadata?.creationTimestamp, ctx.nowMs),
    ];
    if (ctx.wide) {
      cells.push(...layoutContainerCells(rs.spec?.template?.spec?.containers), formatLabelSelector(rs.spec?.selector));
    }
    return cells;
  },
};

/** DaemonSet columns: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE, wide CONTAINERS IMAGES SELECTOR. */
export const daemonSetPrinter: KindPrinter<DaemonSet> = {
  kind: 'DaemonSet',
  group: 'apps',
  namespaced: true,
  columns: [{ name: 'Name' }, { name: 'Desired' }, { name: 'Current' }, { name: 'Ready' }, { name: 'Up-to-date' }, { name: 'Available' }, { name: 'Node Selector' }, { name: 'Age' }, ...templateColumns],
  cells(ds, ctx) {
    const status = ds.status;
    const cells = [
      ds.metadata?.name ?? '',
      String(status?.desiredNumberScheduled ?? 0),
      String(status?.currentNumberScheduled ?? 0),
      String(status?.numberReady ?? 0),
      String(status?.updatedNumberScheduled ?? 0),
      String(status?.numberAvailable ?? 0),
      formatLabels(ds.spec?.template.spec?.nodeSelector),
      translateTimestampSince(ds.metadata?.creationTimestamp, ctx.nowMs),
    ];
    if (ctx.wide) cells.push(...layoutContainerCells(ds.spec?.template.spec?.containers), formatLabelSelector(ds.spec?.selector));
    return cells;
  },
};
