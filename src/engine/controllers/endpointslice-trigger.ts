import type { Pod, PodStatus, Service } from 'kubernetes-types/core/v1';
import { isStored } from '../api/objects';

/** The Ready condition's transition time per stored status object, read once. */
const READY_TIME = new WeakMap<PodStatus, string>();

function readyTime(pod: Pod): string {
  const status = pod.status;
  if (!status) return '';
  let t = READY_TIME.get(status);
  if (t === undefined) {
    t = status.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime ?? '';
    if (isStored(status)) READY_TIME.set(status, t);
  }
  return t;
}

/**
 * TriggerTimeTracker (`endpoints.kubernetes.io/last-change-trigger-time`): the earliest time of a
 * change the controller has not yet published, i.e. the Ready transition of each pod that changed
 * since the last sync, or the Service's creation when it is new. Snapshots as plain JSON.
 */
export class TriggerTimeTracker {
  /** Per Service key: the Ready transition time per pod name at the last computation. */
  #state = new Map<string, Map<string, string>>();

  /** The trigger time for this sync of `svc` over its current `pods`, or undefined for none. */
  compute(key: string, svc: Service, pods: readonly Pod[]): string | undefined {
    const previous = this.#state.get(key);
    // RFC 3339 times of one format compare as strings.
    let min: string | undefined = previous ? undefined : svc.metadata?.creationTimestamp;
    const now = new Map<string, string>();
    for (const pod of pods) {
      const name = pod.metadata?.name ?? '';
      const t = readyTime(pod);
      now.set(name, t);
      if (t !== '' && t > (previous?.get(name) ?? '') && (min === undefined || t < min)) min = t;
    }
    this.#state.set(key, now);
    return min;
  }

  forget(key: string): void {
    this.#state.delete(key);
  }

  snapshot(): Record<string, Record<string, string>> {
    const out: Record<string, Record<string, string>> = {};
    for (const [key, pods] of this.#state) out[key] = Object.fromEntries(pods);
    return out;
  }

  restore(state: Record<string, Record<string, string>> | undefined): void {
    this.#state = new Map(Object.entries(state ?? {}).map(([key, pods]) => [key, new Map(Object.entries(pods))]));
  }
}
