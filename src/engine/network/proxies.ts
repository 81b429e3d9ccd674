import type { NodeProxy } from '../kube-proxy/types';

/** Looks an actor up by id (the simulator's registry). */
export type ActorLookup = (id: string) => unknown;

/** Ids a node's kube-proxy may be registered under. */
const PROXY_IDS = (node: string) => [`kube-proxy/${node}`, `kube-proxy-${node}`, `kubeproxy/${node}`, `proxy/${node}`];

/** Duck typing: anything with the NodeProxy shape for this node counts as its kube-proxy. */
export function isNodeProxy(x: unknown, node?: string): x is NodeProxy {
  const p = x as Partial<NodeProxy> | undefined;
  return !!p && typeof p.route === 'function' && typeof p.programmed === 'function' && typeof p.nodeName === 'string' && (node === undefined || p.nodeName === node);
}

/**
 * The kube-proxy of `node`, found by its actor id and shape. Undefined when the node runs none:
 * then nothing DNATs service addresses there and packets to them go unanswered.
 */
export function findProxy(lookup: ActorLookup, node: string, extra: readonly unknown[] = []): NodeProxy | undefined {
  for (const candidate of extra) if (isNodeProxy(candidate, node)) return candidate;
  for (const id of PROXY_IDS(node)) {
    const actor = lookup(id);
    if (isNodeProxy(actor, node)) return actor;
  }
  return undefined;
}
