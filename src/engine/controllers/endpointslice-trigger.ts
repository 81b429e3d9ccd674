import type { Pod, Service } from 'kubernetes-types/core/v1';

interface ServiceState {
  /** Trigger time per pod name as of the last computation ('' when the pod had none). */
  pods: Record<string, string>;
}

/**
 * TriggerTimeTracker (`endpoints.kubernetes.io/last-change-trigger-time`): the earliest time of a
 * change the controller has not yet published, i.e. the Ready transition of each pod that changed
 * since the last sync, or the Service's creation when it is new. Plain JSON for snapshots.
 */
export class TriggerTimeTracker {
  #state: Record<string, ServiceState> = {};

  /** The trigger time for this sync of `svc` over its current `pods`, or undefined for none. */
  compute(key: string, svc: Service, pods: readonly Pod[]): string | undefined {
    const previous = this.#state[key];
    // RFC 3339 times of one format compare as strings.
    let min: string | undefined = previous ? undefined : svc.metadata?.creationTimestamp;
    const now: Record<string, string> = {};
    for (const pod of pods) {
      const name = pod.metadata?.name ?? '';
      const t = pod.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime ?? '';
      now[name] = t;
      if (t !== '' && t > (previous?.pods[name] ?? '') && (min === undefined || t < min)) min = t;
    }
    this.#state[key] = { pods: now };
    return min;
  }

  forget(key: string): void {
    delete this.#state[key];
  }

  snapshot(): Record<string, ServiceState> {
    return JSON.parse(JSON.stringify(this.#state)) as Record<string, ServiceState>;
  }

  restore(state: Record<string, ServiceState> | undefined): void {
    this.#state = state ?? {};
  }
}
