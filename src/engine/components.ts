import type { ControlPlane } from './control-plane';
import type { Component } from './controllers/component';
import { serviceRegistryComponents } from './api/registry/index';
import { cloudControllerComponents } from './cloud/index';
import { daemonSetControllerComponents } from './controllers/daemonset';
import { disruptionControllerComponents } from './controllers/disruption';
import { endpointControllerComponents, workloadControllerComponents } from './controllers/index';
import { nodeLifecycleComponents } from './controllers/node-lifecycle';
import { podGcComponents } from './controllers/pod-gc';
import { dnsComponents } from './dns/index';
import { kubeletComponents } from './kubelet/index';
import { kubeProxyComponents } from './kube-proxy/index';
import { ingressComponents } from './ingress/index';
import { networkComponents } from './network/index';
import { criComponents } from './cri/storage';
import { schedulerComponents } from './scheduler/index';
import { serviceAccountComponents } from './controllers/service-account';

/** Builds the components of one kind for a cluster (one scheduler, one kubelet per node, ...). */
export type ComponentFactory = (cp: ControlPlane) => Component[];

/** Every component a default cluster runs, in start order. */
export const DEFAULT_COMPONENTS: ComponentFactory[] = [
  schedulerComponents,
  workloadControllerComponents,
  endpointControllerComponents,
  daemonSetControllerComponents,
  disruptionControllerComponents,
  nodeLifecycleComponents,
  podGcComponents,
  serviceAccountComponents,
  kubeletComponents,
  kubeProxyComponents,
  cloudControllerComponents,
  serviceRegistryComponents,
  dnsComponents,
  ingressComponents,
  networkComponents,
  criComponents,
];
