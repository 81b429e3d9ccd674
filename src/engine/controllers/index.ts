import type { ComponentFactory } from '../components';
import { DeploymentController } from './deployment/controller';
import { GarbageCollector } from './garbage-collector';
import { ReplicaSetController } from './replicaset';

export { DeploymentController } from './deployment/controller';
export { GarbageCollector } from './garbage-collector';
export { ReplicaSetController } from './replicaset';

/**
 * The workload controllers of kube-controller-manager: ReplicaSet, Deployment and the garbage
 * collector that deletes what their owners left behind.
 */
export const workloadControllerComponents: ComponentFactory = (cp) => [
  new ReplicaSetController(cp),
  new DeploymentController(cp),
  new GarbageCollector(cp),
];
