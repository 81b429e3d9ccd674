/** `kubectl get namespaces`, `configmaps`, `secrets`, `serviceaccounts` and `leases`. */
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { ConfigMap, Namespace, Secret, ServiceAccount } from 'kubernetes-types/core/v1';
import { translateTimestampSince } from '../human-duration';
import type { KindPrinter } from './types';

/** Namespace columns: NAME STATUS AGE. */
export const namespacePrinter: KindPrinter<Namespace> = {
  kind: 'Namespace',
  group: '',
  namespaced: false,
  columns: [{ name: 'Name' }, { name: 'Status' }, { name: 'Age' }],
  cells: (ns, ctx) => [
    ns.metadata?.name ?? '',
    ns.status?.phase ?? '',
    translateTimestampSince(ns.metadata?.creationTimestamp, ctx.nowMs),
  ],
};

/** ConfigMap columns: NAME DATA AGE, DATA counting both data and binaryData keys. */
export const configMapPrinter: KindPrinter<ConfigMap> = {
  kind: 'ConfigMap',
  group: '',
  namespaced: true,
  columns: [{ name: 'Name' }, { name: 'Data' }, { name: 'Age' }],
  cells: (cm, ctx) => [
    cm.metadata?.name ?? '',
    String(Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length),
    translateTimestampSince(cm.metadata?.creationTimestamp, ctx.nowMs),
  ],
};

/** Secret columns: NAME TYPE DATA AGE, DATA counting the keys (stringData is folded into data). */
export const secretPrinter: KindPrinter<Secret> = {
  kind: 'Secret',
  group: '',
  namespaced: true,
  columns: [{ name: 'Name' }, { name: 'Type' }, { name: 'Data' }, { name: 'Age' }],
  cells: (secret, ctx) => [
    secret.metadata?.name ?? '',
    secret.type ?? '',
    String(Object.keys(secret.data ?? {}).length),
    translateTimestampSince(secret.metadata?.creationTimestamp, ctx.nowMs),
  ],
};

/** ServiceAccount columns: NAME SECRETS AGE (SECRETS is 0 since tokens stopped being Secrets in 1.24). */
export const serviceAccountPrinter: KindPrinter<ServiceAccount> = {
  kind: 'ServiceAccount',
  group: '',
  namespaced: true,
  columns: [{ name: 'Name' }, { name: 'Secrets' }, { name: 'Age' }],
  cells: (sa, ctx) => [sa.metadata?.name ?? '', String(sa.secrets?.length ?? 0), translateTimestampSince(sa.metadata?.creationTimestamp, ctx.nowMs)],
};

/** Lease columns: NAME HOLDER AGE (node heartbeats in kube-node-lease, leader election in kube-system). */
export const leasePrinter: KindPrinter<Lease> = {
  kind: 'Lease',
  group: 'coordination.k8s.io',
  namespaced: true,
  columns: [{ name: 'Name' }, { name: 'Holder' }, { name: 'Age' }],
  cells: (lease, ctx) => [lease.metadata?.name ?? '', lease.spec?.holderIdentity ?? '', translateTimestampSince(lease.metadata?.creationTimestamp, ctx.nowMs)],
};
