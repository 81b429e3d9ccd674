import type { IngressClass } from 'kubernetes-types/networking/v1';
import type { ComponentFactory } from '../components';
import { IngressController } from './controller';
import { CONTROLLER_NAME } from './routes';

export { IngressController, SYNC_DELAY_MS, PUBLISHED_ADDRESS } from './controller';
export { buildRoutes, match, type Route } from './routes';
export { validateIngress } from './validation';

/** The IngressClass the ingress-nginx manifests install. */
export function nginxIngressClass(): IngressClass {
  return {
    metadata: { name: 'nginx', labels: { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' } },
    spec: { controller: CONTROLLER_NAME },
  };
}

/** ingress-nginx: its IngressClass and the controller that answers on every node's port 80. */
export const ingressComponents: ComponentFactory = (cp) => {
  if (!cp.api.tryGet('ingressclasses', undefined, 'nginx')) cp.api.create('ingressclasses', nginxIngressClass(), 'kubectl');
  return [new IngressController({ sim: cp.sim, api: cp.api, events: cp.events }, cp.config.epochMs)];
};
