import type { ControlPlane } from './control-plane';
import type { Component } from './controllers/component';
import { workloadControllerComponents } from './controllers/index';
import { nodeLifecycleComponents } from './controllers/node-lifecycle';
import { kubeletComponents } from './kubelet/index';
import { schedulerComponents } from './scheduler/index';

/** Builds the components of one kind for a cluster (one scheduler, one kubelet per node, ...). */
export type ComponentFactory = (cp: ControlPlane) => Component[];

/** Every component a default cluster runs, in start order. */
export const DEFAULT_COMPONENTS: ComponentFactory[] = [
  schedulerComponents,
  workloadControllerComponents,
  nodeLifecycleComponents,
  kubeletComponents,
];
