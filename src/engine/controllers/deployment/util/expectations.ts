/**
 * client-go's UIDTrackingControllerExpectations, as plain data: how many pod creations and which
 * pod deletions a controller is still waiting to see in its cache. While a ReplicaSet has
 * outstanding expectations its controller does not create or delete again, so a lagging cache
 * never makes it double-create.
 */
interface Expectation {
  add: number;
  /** Keys (`namespace/name`) of pods whose deletion we asked for and have not seen yet. */
  del: string[];
  /** Virtual ms when the expectation was set; it expires after EXPECTATIONS_TIMEOUT_MS. */
  atMs: number;
}

/** controller.ExpectationsTimeout: a lost watch event cannot wedge a controller for longer. */
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60 * 1000;

export type ExpectationsSnapshot = [string, Expectation][];

export class Expectations {
  #byKey = new Map<string, Expectation>();

  /** True when nothing is outstanding, or what was expected is too old to wait for. */
  satisfied(key: string, nowMs: number): boolean {
    const e = this.#byKey.get(key);
    if (!e) return true;
    return (e.add <= 0 && e.del.length === 0) || nowMs - e.atMs > EXPECTATIONS_TIMEOUT_MS;
  }

  expectCreations(key: string, count: number, nowMs: number): void {
    this.#byKey.set(key, { add: count, del: [], atMs: nowMs });
  }

  expectDeletions(key: string, podKeys: string[], nowMs: number): void {
    this.#byKey.set(key, { add: 0, del: [...podKeys], atMs: nowMs });
  }

  creationObserved(key: string): void {
    const e = this.#byKey.get(key);
    if (e) e.add--;
  }

  deletionObserved(key: string, podKey: string): void {
    const e = this.#byKey.get(key);
    if (!e) return;
    const i = e.del.indexOf(podKey);
    if (i >= 0) e.del.splice(i, 1);
  }

  forget(key: string): void {
    this.#byKey.delete(key);
  }

  snapshot(): ExpectationsSnapshot {
    return [...this.#byKey].map(([k, e]) => [k, { ...e, del: [...e.del] }]);
  }

  restore(state: ExpectationsSnapshot | undefined): void {
    this.#byKey = new Map((state ?? []).map(([k, e]) => [k, { ...e, del: [...e.del] }]));
  }
}
