import type { Pod } from 'kubernetes-types/core/v1';
import { Component, type ComponentContext } from '../controllers/component';
import type { Informer } from '../api/informer';

/** Actor id of the pod router. */
export const POD_ROUTER_ID = 'kubelet-pod-watch';

/**
 * Stands for the API server's server-side `fieldSelector=spec.nodeName=<node>` on each kubelet's
 * pod watch: one watch on all pods, each change forwarded only to the kubelet of the pod's node.
 * Without it every kubelet would process every pod event in the cluster (100 nodes × 5,000 pods).
 */
export class PodRouter extends Component {
  readonly #pods: Informer<Pod>;

  constructor(ctx: ComponentContext) {
    super(POD_ROUTER_ID, ctx);
    this.#pods = this.inform<Pod>('pods', (type, obj) => {
      const node = (obj as Pod).spec?.nodeName;
      if (!node) return;
      this.sim.schedule(0, `kubelet/${node}`, { type: 'pod-event', event: type, pod: obj });
    });
  }

  /** Pods in the router's cache (tests and kubelet re-lists use the API instead). */
  get size(): number {
    return this.#pods.size;
  }

  protected reconcile(): void {}
}
