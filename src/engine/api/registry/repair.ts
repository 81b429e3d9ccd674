import type { Service } from 'kubernetes-types/core/v1';
import type { ControlPlane } from '../../control-plane';
import { Component } from '../../controllers/component';
import type { ServiceRegistry } from './service-registry';

/**
 * The apiserver's repair loops for Service cluster IPs and node ports (ipallocator/controller,
 * portallocator/controller): the allocators are a cache of what stored Services hold, so after
 * the cluster is restored from a snapshot they are recomputed from the Services in the store.
 */
export class ServiceAllocatorRepair extends Component {
  readonly #registry: ServiceRegistry;

  constructor(cp: ControlPlane) {
    super('kube-apiserver/service-repair', cp);
    this.#registry = cp.services;
  }

  protected reconcile(): void {}

  protected override restoreExtra(): void {
    this.#registry.rebuild(this.api.list<Service>('services').items);
  }
}
