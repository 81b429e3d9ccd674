import type { Informer } from '../api/informer';
import type { KubeObject } from '../api/objects';
import type { ControlPlane } from '../control-plane';
import { Component, type ComponentContext } from './component';

/**
 * kube-controller-manager's SharedInformerFactory: one watch and one cache per resource, shared
 * by every controller in the process, each adding its own handlers. Without it a pod write was
 * delivered to ten separate caches (ReplicaSet, Deployment, garbage collector, Endpoints, ...),
 * which on a 5,000-pod cluster was most of the simulation's work. It is an actor of its own: the
 * watch messages come here and its caches are part of the cluster snapshot.
 */
export class SharedInformers extends Component {
  readonly #byResource = new Map<string, Informer>();

  constructor(ctx: ComponentContext) {
    super('kube-controller-manager', ctx);
  }

  /** The process's informer for `resource` (in `namespace`, if given), created on first use. */
  informerFor<T extends KubeObject>(resource: string, namespace?: string): Informer<T> {
    const key = `${resource}/${namespace ?? ''}`;
    let informer = this.#byResource.get(key);
    if (!informer) this.#byResource.set(key, (informer = this.inform(resource, undefined, namespace)));
    return informer as Informer<T>;
  }

  /** It only shares caches; the controllers reconcile. */
  protected reconcile(): void {}
}

const factories = new WeakMap<ControlPlane, SharedInformers>();

/**
 * Build controllers of kube-controller-manager on the process's shared informers. The factory
 * itself is returned ahead of the first controllers that use it, so it is registered, started
 * and snapshotted with them, whichever subset of components a cluster runs.
 */
export function inControllerManager(cp: ControlPlane, build: (ctx: ControlPlane & { informers: SharedInformers }) => Component[]): Component[] {
  const existing = factories.get(cp);
  const informers = existing ?? new SharedInformers(cp);
  factories.set(cp, informers);
  const controllers = build({ ...cp, informers });
  return existing ? controllers : [informers, ...controllers];
}
