import { shareUnchanged, type RawObject } from './objects';

/**
 * Structural sharing between the pods one controller creates. A ReplicaSet's pods are copies of
 * one template, so apart from the names the service account admission gives each pod's token
 * volume, their specs are equal part for part: containers, ports, resources, probes,
 * tolerations, security contexts. A new pod's spec takes the equal parts from the spec of the
 * controller's previous pod (which is stored, so never changes), and 5,000 replicas keep one copy
 * of them instead of 5,000. Printed output is unchanged; only memory is.
 */
export class SiblingSpecs {
  /** The last stored pod spec per controller uid. One entry per controller; a deleted one's is never read again. */
  readonly #last = new Map<string, unknown>();

  /** Share `pod.spec`'s parts with its previous sibling's; `pod` is the API server's own copy. */
  share(pod: RawObject): void {
    const owner = pod.metadata?.ownerReferences?.find((ref) => ref.controller)?.uid;
    if (!owner || !pod.spec) return;
    const previous = this.#last.get(owner);
    if (previous) pod.spec = shareUnchanged(pod.spec, previous);
    this.#last.set(owner, pod.spec);
  }

}
