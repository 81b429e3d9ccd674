/**
 * Two small controllers of kube-controller-manager that give every namespace what pods in it
 * expect: serviceaccounts-controller creates the `default` ServiceAccount, and
 * root-ca-cert-publisher the `kube-root-ca.crt` ConfigMap that service-account volumes mount.
 * Both re-create their object if a learner deletes it.
 */
import type { ConfigMap, Namespace, ServiceAccount } from 'kubernetes-types/core/v1';
import { ROOT_CA_CONFIGMAP } from '../api/admission/service-account';
import { ApiError } from '../api/errors';
import type { ControlPlane } from '../control-plane';
import { clusterCA } from '../pki';
import { Component, type ComponentContext } from './component';
import { inControllerManager } from './shared-informers';

export function defaultServiceAccount(namespace: string): ServiceAccount {
  return { metadata: { name: 'default', namespace } };
}

export function rootCAConfigMap(namespace: string, seed: number): ConfigMap {
  return {
    metadata: { name: ROOT_CA_CONFIGMAP, namespace, annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } },
    data: { 'ca.crt': clusterCA(seed) },
  };
}

/** Ensures one object per active namespace; `build` makes it, `resource`/`name` find it. */
abstract class PerNamespaceController extends Component {
  readonly #namespaces;

  constructor(id: string, ctx: ComponentContext, resource: string, name: string) {
    super(id, ctx);
    this.#namespaces = this.inform<Namespace>('namespaces', (type, ns) => {
      if (type === 'ADDED') this.enqueue(ns.metadata!.name!);
    });
    this.inform(resource, (type, obj) => {
      if (type === 'DELETED' && obj.metadata?.name === name) this.enqueue(obj.metadata.namespace ?? '');
    });
  }

  protected abstract build(namespace: string): { resource: string; object: ServiceAccount | ConfigMap };

  reconcile(namespace: string): void {
    const ns = this.#namespaces.get(namespace);
    if (!ns || ns.status?.phase === 'Terminating' || ns.metadata?.deletionTimestamp) return;
    const { resource, object } = this.build(namespace);
    if (this.api.tryGet(resource, namespace, object.metadata!.name!)) return;
    try {
      this.api.create(resource, object, this.id);
    } catch (e) {
      if (!(e instanceof ApiError && e.reason === 'AlreadyExists')) throw e;
    }
  }
}

class ServiceAccountsController extends PerNamespaceController {
  constructor(ctx: ComponentContext) {
    super('serviceaccounts-controller', ctx, 'serviceaccounts', 'default');
  }

  protected build(namespace: string) {
    return { resource: 'serviceaccounts', object: defaultServiceAccount(namespace) };
  }
}

class RootCACertPublisher extends PerNamespaceController {
  constructor(
    ctx: ComponentContext,
    private readonly seed: number,
  ) {
    super('root-ca-cert-publisher', ctx, 'configmaps', ROOT_CA_CONFIGMAP);
  }

  protected build(namespace: string) {
    return { resource: 'configmaps', object: rootCAConfigMap(namespace, this.seed) };
  }
}

export function serviceAccountComponents(cp: ControlPlane): Component[] {
  return inControllerManager(cp, (ctx) => [new ServiceAccountsController(ctx), new RootCACertPublisher(ctx, cp.config.seed)]);
}
