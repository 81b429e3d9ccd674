/** The kind printers `kubectl get` knows, keyed by kind. */
import type { DaemonSet, Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { ConfigMap, Endpoints, Event, Namespace, Node, Pod, Secret, Service, ServiceAccount } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import { eventPrinter } from './event';
import { ingressClassPrinter, ingressPrinter } from './ingress';
import type { Ingress, IngressClass } from 'kubernetes-types/networking/v1';
import { endpointSlicePrinter, endpointsPrinter, servicePrinter } from './network';
import { nodePrinter } from './node';
import { podPrinter } from './pod';
import { podDisruptionBudgetPrinter } from './policy';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { configMapPrinter, secretPrinter, leasePrinter, namespacePrinter, serviceAccountPrinter } from './simple';
import type { KindPrinter } from './types';
import { daemonSetPrinter, deploymentPrinter, replicaSetPrinter } from './workloads';

/** Objects of one kind, as one `kubectl get` table prints them. */
export type KindObjects =
  | { kind: 'Pod'; items: Pod[] }
  | { kind: 'Deployment'; items: Deployment[] }
  | { kind: 'ReplicaSet'; items: ReplicaSet[] }
  | { kind: 'DaemonSet'; items: DaemonSet[] }
  | { kind: 'Node'; items: Node[] }
  | { kind: 'Service'; items: Service[] }
  | { kind: 'Endpoints'; items: Endpoints[] }
  | { kind: 'EndpointSlice'; items: EndpointSlice[] }
  | { kind: 'Event'; items: Event[] }
  | { kind: 'Namespace'; items: Namespace[] }
  | { kind: 'ConfigMap'; items: ConfigMap[] }
  | { kind: 'Secret'; items: Secret[] }
  | { kind: 'ServiceAccount'; items: ServiceAccount[] }
  | { kind: 'Lease'; items: Lease[] }
  | { kind: 'PodDisruptionBudget'; items: PodDisruptionBudget[] }
  | { kind: 'Ingress'; items: Ingress[] }
  | { kind: 'IngressClass'; items: IngressClass[] };

export type PrintableKind = KindObjects['kind'];

/** Kind printers by kind; `KindPrinter<never>` lets one map hold every object type. */
export const kindPrinters: Record<PrintableKind, KindPrinter<never>> = {
  Pod: podPrinter,
  Deployment: deploymentPrinter,
  ReplicaSet: replicaSetPrinter,
  DaemonSet: daemonSetPrinter,
  Node: nodePrinter,
  Service: servicePrinter,
  Endpoints: endpointsPrinter,
  EndpointSlice: endpointSlicePrinter,
  Event: eventPrinter,
  Namespace: namespacePrinter,
  ConfigMap: configMapPrinter,
  Secret: secretPrinter,
  ServiceAccount: serviceAccountPrinter,
  Lease: leasePrinter,
  PodDisruptionBudget: podDisruptionBudgetPrinter,
  Ingress: ingressPrinter,
  IngressClass: ingressClassPrinter,
};

export type { Column, CellContext, KindPrinter } from './types';
export { findNodeRoles } from './node';
export { formatLabels, formatLabelSelector, labelSelectorString, joinHostPort, sortStrings } from './format';
export { formatEndpoints, makePortString } from './network';
