import type { ComponentFactory } from '../components';
import { DeploymentController } from './deployment/controller';
import { EndpointsController } from './endpoints';
import { EndpointSliceController } from './endpointslice';
import { EndpointSliceMirroringController } from './endpointslice-mirroring';
import { GarbageCollector } from './garbage-collector';
import { ReplicaSetController } from './replicaset';
import { inControllerManager } from './shared-informers';

export { DeploymentController } from './deployment/controller';
export { GarbageCollector } from './garbage-collector';
export { ReplicaSetController } from './replicaset';
export { EndpointsController } from './endpoints';
export { EndpointSliceController } from './endpointslice';
export { EndpointSliceMirroringController } from './endpointslice-mirroring';

/**
 * The workload controllers of kube-controller-manager: ReplicaSet, Deployment and the garbage
 * collector that deletes what their owners left behind.
 */
export const workloadControllerComponents: ComponentFactory = (cp) =>
  inControllerManager(cp, (ctx) => [new ReplicaSetController(ctx), new DeploymentController(ctx), new GarbageCollector(ctx)]);

/** The Service controllers of kube-controller-manager: Endpoints, EndpointSlice and its mirroring. */
export const endpointControllerComponents: ComponentFactory = (cp) =>
  inControllerManager(cp, (ctx) => [new EndpointsController(ctx), new EndpointSliceController(ctx), new EndpointSliceMirroringController(ctx)]);
