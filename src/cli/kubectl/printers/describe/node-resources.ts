/**
 * Pod resource totals for `describe node` (resourcehelper.PodRequests / PodLimits): app
 * containers add up, sidecar init containers add to them, and a plain init container only
 * raises the total when it alone asks for more; pod overhead is added on top.
 */
import type { Container, Node, Pod } from 'kubernetes-types/core/v1';
import { addQuantities, parseQuantity, zeroQuantity, type Quantity } from '../quantity';

export type ResourceTotals = Map<string, Quantity>;

function addOne(into: ResourceTotals, name: string, q: Quantity): void {
  const prev = into.get(name);
  into.set(name, prev ? addQuantities(prev, q) : q);
}

function addList(into: ResourceTotals, list: Record<string, string> | undefined): void {
  for (const [name, value] of Object.entries(list ?? {})) addOne(into, name, parseQuantity(value));
}

function maxList(into: ResourceTotals, other: ResourceTotals): void {
  for (const [name, q] of other) {
    const prev = into.get(name);
    if (!prev || q.nanos > prev.nanos) into.set(name, q);
  }
}

function aggregate(pod: Pod, pick: (c: Container) => Record<string, string> | undefined): ResourceTotals {
  const total: ResourceTotals = new Map();
  for (const c of pod.spec?.containers ?? []) addList(total, pick(c));
  const sidecars: ResourceTotals = new Map();
  const initMax: ResourceTotals = new Map();
  for (const c of pod.spec?.initContainers ?? []) {
    if (c.restartPolicy === 'Always') {
      addList(total, pick(c));
      addList(sidecars, pick(c));
      maxList(initMax, sidecars);
    } else {
      const tmp: ResourceTotals = new Map();
      addList(tmp, pick(c));
      for (const [name, q] of sidecars) addOne(tmp, name, q);
      maxList(initMax, tmp);
    }
  }
  maxList(total, initMax);
  addList(total, pod.spec?.overhead);
  return total;
}

/** Effective requests of a pod. */
export const podRequests = (pod: Pod): ResourceTotals => aggregate(pod, (c) => c.resources?.requests);

/** Effective limits of a pod. */
export const podLimits = (pod: Pod): ResourceTotals => aggregate(pod, (c) => c.resources?.limits);

/** Sums per-pod totals over pods (getPodsTotalRequestsAndLimits). */
export function sumTotals(pods: Pod[], of: (p: Pod) => ResourceTotals): ResourceTotals {
  const sum: ResourceTotals = new Map();
  for (const pod of pods) {
    for (const [name, q] of of(pod)) addOne(sum, name, q);
  }
  return sum;
}

/** Node allocatable, falling back to capacity when allocatable is empty. */
export function nodeAllocatable(node: Node): ResourceTotals {
  const list = Object.keys(node.status?.allocatable ?? {}).length ? node.status?.allocatable : node.status?.capacity;
  const out: ResourceTotals = new Map();
  addList(out, list);
  return out;
}

export const get = (t: ResourceTotals, name: string): Quantity => t.get(name) ?? zeroQuantity();
