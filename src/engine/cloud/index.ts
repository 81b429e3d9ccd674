import type { ComponentFactory } from '../components';
import { CloudServiceController, type CloudOptions } from './service-controller';

export { CloudServiceController, DEFAULT_CLOUD_OPTIONS, LB_CLEANUP_FINALIZER, type CloudOptions } from './service-controller';

/** cloud-controller-manager: the service controller with a MetalLB-like address pool. */
export const cloudControllerComponents: ComponentFactory = (cp) => cloudControllerComponentsWith()(cp);

export function cloudControllerComponentsWith(options: Partial<CloudOptions> = {}): ComponentFactory {
  return (cp) => [new CloudServiceController(cp, options)];
}
