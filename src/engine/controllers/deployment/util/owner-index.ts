import { getControllerOf, keyOf, type KubeObject } from '../../../api/objects';

/** An indexed object with what `derive` made of this version of it. */
export interface Indexed<T, D> {
  readonly obj: T;
  readonly data: D;
}

/**
 * Objects of one kind grouped by the uid of their controller (the ownerReference with
 * controller=true), plus the orphans of each namespace. Informer handlers keep it current so a
 * reconcile reads "the pods of this ReplicaSet" in O(its pods), never by scanning every pod:
 * that is what keeps a 5,000-pod rolling update linear. `derive` computes, once per version,
 * what a reconcile asks of every object on every sync (a pod's readiness, say).
 */
export class OwnerIndex<T extends KubeObject, D = undefined> {
  readonly #byOwner = new Map<string, Map<string, Indexed<T, D>>>();
  readonly #orphans = new Map<string, Map<string, Indexed<T, D>>>();
  readonly #ownerOf = new Map<string, string>();

  constructor(private readonly derive: (obj: T) => D = () => undefined as D) {}

  /** Record the current version of an object (after ADDED or MODIFIED). */
  set(obj: T): void {
    const key = keyOf(obj);
    const owner = getControllerOf(obj)?.uid;
    const entry = { obj, data: this.derive(obj) };
    // Most updates (status writes) keep the controller: replace the entry where it is.
    const filed = owner === undefined ? undefined : this.#ownerOf.get(key) === owner ? this.#byOwner.get(owner) : undefined;
    if (filed) {
      filed.set(key, entry);
      return;
    }
    this.delete(obj);
    if (owner !== undefined) {
      bucket(this.#byOwner, owner).set(key, entry);
      this.#ownerOf.set(key, owner);
    } else {
      bucket(this.#orphans, obj.metadata?.namespace ?? '').set(key, entry);
    }
  }

  /** Forget an object (after DELETED), wherever it was filed. */
  delete(obj: T): void {
    const key = keyOf(obj);
    const owner = this.#ownerOf.get(key);
    if (owner !== undefined) {
      removeFrom(this.#byOwner, owner, key);
      this.#ownerOf.delete(key);
    }
    removeFrom(this.#orphans, obj.metadata?.namespace ?? '', key);
  }

  /** Objects whose controller has this uid, in no particular order. */
  owned(ownerUid: string | undefined): T[] {
    const found = ownerUid === undefined ? undefined : this.#byOwner.get(ownerUid);
    return found ? Array.from(found.values(), (e) => e.obj) : [];
  }

  /**
   * The same objects as owned() with their derived data, without copying them: for a loop that
   * changes nothing here meanwhile (a reconcile's writes come back through the informer later).
   * An iterator, not a forEach callback: optimised, V8 drops its result objects, and it ran a
   * 5,000-pod loop twice as fast as Map.forEach.
   */
  eachOwned(ownerUid: string | undefined): Iterable<Indexed<T, D>> {
    return (ownerUid === undefined ? undefined : this.#byOwner.get(ownerUid)?.values()) ?? [];
  }

  /** How many objects this owner controls, without copying them. */
  countOwned(ownerUid: string | undefined): number {
    return ownerUid === undefined ? 0 : (this.#byOwner.get(ownerUid)?.size ?? 0);
  }

  /** Objects in a namespace without a controller. */
  orphans(namespace: string): T[] {
    const found = this.#orphans.get(namespace);
    return found ? Array.from(found.values(), (e) => e.obj) : [];
  }

  /** Rebuild from a list of objects, after a restore. */
  reset(items: readonly T[]): void {
    this.#byOwner.clear();
    this.#orphans.clear();
    this.#ownerOf.clear();
    for (const obj of items) this.set(obj);
  }
}

function bucket<T>(map: Map<string, Map<string, T>>, key: string): Map<string, T> {
  let found = map.get(key);
  if (!found) {
    found = new Map();
    map.set(key, found);
  }
  return found;
}

function removeFrom<T>(map: Map<string, Map<string, T>>, outer: string, inner: string): void {
  const found = map.get(outer);
  if (!found) return;
  found.delete(inner);
  if (found.size === 0) map.delete(outer);
}
