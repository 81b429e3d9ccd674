import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { DeleteOptions } from '../api/apiserver';
import { ApiError } from '../api/errors';
import type { Informer, WatchEventType } from '../api/informer';
import { clone, type KubeObject } from '../api/objects';
import { resourceForKind } from '../api/resources';
import { Component, type ComponentContext } from './component';

const COMPONENT = 'garbage-collector';
const FOREGROUND = 'foregroundDeletion';
const ORPHAN = 'orphan';
/** Retry delay after a write the API server refused (a conflict with another writer). */
const RETRY_MS = 10;

/**
 * Kinds whose objects carry ownerReferences in this cluster, or own something. Events are left
 * out on purpose: they have no owners, and watching them would double the watch traffic.
 */
const WATCHED = ['pods', 'replicasets', 'deployments', 'services', 'endpoints', 'endpointslices', 'configmaps', 'controllerrevisions'];

/**
 * The garbage collector (upstream pkg/controller/garbagecollector), level-based: it keeps an
 * index of dependents by owner uid and, per object, decides from live state whether the object
 * must go (every owner gone: background deletion), must lose some ownerReferences, or, as an
 * owner being deleted in the foreground or with orphaning, must have its dependents deleted or
 * released before its finalizer is removed.
 */
export class GarbageCollector extends Component {
  /** Dependents (GC keys) per owner uid. */
  readonly #dependents = new Map<string, Set<string>>();
  /** Owner uids per dependent GC key, to unfile it when its references change. */
  readonly #ownersOf = new Map<string, string[]>();
  /** GC key per uid, to find an owner's key from a dependent's reference. */
  readonly #keyOfUid = new Map<string, string>();
  readonly #informers = new Map<string, Informer>();

  constructor(ctx: ComponentContext) {
    super(COMPONENT, ctx);
    for (const resource of WATCHED) {
      this.#informers.set(resource, this.inform(resource, (type, obj, old) => this.#onObject(resource, type, obj, old)));
    }
  }

  #onObject(resource: string, type: WatchEventType, obj: KubeObject, old: KubeObject | undefined): void {
    // Most updates are status writes, which keep the stored ownerReferences: nothing to refile.
    if (type === 'MODIFIED' && old && sameOwnersAndNotDeleting(old, obj)) return;
    const key = gcKey(resource, obj);
    const uid = obj.metadata?.uid ?? '';
    if (type === 'DELETED') return this.#forget(key, uid);
    this.#keyOfUid.set(uid, key);
    const owners = (obj.metadata?.ownerReferences ?? []).map((r) => r.uid);
    const previous = this.#ownersOf.get(key) ?? [];
    const ownersChanged = owners.join(',') !== previous.join(',');
    if (ownersChanged) this.#file(key, previous, owners);
    const finalizers = obj.metadata?.finalizers ?? [];
    const deleting = obj.metadata?.deletionTimestamp !== undefined && (finalizers.includes(FOREGROUND) || finalizers.includes(ORPHAN));
    // A new dependent, changed references or an owner starting a foreground/orphan deletion.
    if ((type === 'ADDED' && owners.length > 0) || ownersChanged || deleting) this.enqueue(key);
    if (deleting && finalizers.includes(FOREGROUND) && old?.metadata?.deletionTimestamp === undefined) {
      for (const dep of this.#dependents.get(uid) ?? []) this.enqueue(dep);
    }
  }

  /** An object left the store: its dependents may now be dangling, and a waiting owner may be done. */
  #forget(key: string, uid: string): void {
    const owners = this.#ownersOf.get(key) ?? [];
    this.#file(key, owners, []);
    this.#keyOfUid.delete(uid);
    for (const dep of this.#dependents.get(uid) ?? []) this.enqueue(dep);
    for (const owner of owners) {
      const ownerKey = this.#keyOfUid.get(owner);
      if (ownerKey) this.enqueue(ownerKey);
    }
  }

  #file(key: string, before: readonly string[], after: readonly string[]): void {
    for (const uid of before) {
      const set = this.#dependents.get(uid);
      set?.delete(key);
      if (set?.size === 0) this.#dependents.delete(uid);
    }
    for (const uid of after) {
      let set = this.#dependents.get(uid);
      if (!set) this.#dependents.set(uid, (set = new Set()));
      set.add(key);
    }
    if (after.length > 0) this.#ownersOf.set(key, [...after]);
    else this.#ownersOf.delete(key);
  }

  /** attemptToDeleteItem / attemptToOrphan for one object, read live. */
  protected reconcile(key: string): void {
    const { resource, namespace, name } = parseGcKey(key);
    const obj = this.api.tryGet<KubeObject>(resource, namespace, name);
    if (!obj) return;
    try {
      if (obj.metadata?.deletionTimestamp !== undefined) return this.#processDeleting(resource, obj);
      if ((obj.metadata?.ownerReferences ?? []).length > 0) this.#processDependent(resource, obj);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.code !== 404) this.enqueueAfter(key, RETRY_MS);
    }
  }

  #processDeleting(resource: string, obj: KubeObject): void {
    const finalizers = obj.metadata?.finalizers ?? [];
    if (finalizers.includes(ORPHAN)) return this.#orphanDependents(resource, obj);
    if (finalizers.includes(FOREGROUND)) this.#processDeletingDependents(resource, obj);
  }

  /** Orphan: strip our ownerReference from every dependent, then drop the `orphan` finalizer. */
  #orphanDependents(resource: string, owner: KubeObject): void {
    const uid = owner.metadata!.uid!;
    for (const depKey of [...(this.#dependents.get(uid) ?? [])].sort()) {
      const dep = parseGcKey(depKey);
      const live = this.api.tryGet<KubeObject>(dep.resource, dep.namespace, dep.name);
      if (!live?.metadata?.ownerReferences?.some((r) => r.uid === uid)) continue;
      const copy = clone(live);
      copy.metadata!.ownerReferences = copy.metadata!.ownerReferences!.filter((r) => r.uid !== uid);
      if (copy.metadata!.ownerReferences.length === 0) delete copy.metadata!.ownerReferences;
      this.api.update(dep.resource, copy, COMPONENT);
    }
    this.#removeFinalizer(resource, owner, ORPHAN);
  }

  /**
   * Foreground: delete every dependent first; the `foregroundDeletion` finalizer goes once no
   * dependent with blockOwnerDeletion=true is left in the store.
   */
  #processDeletingDependents(resource: string, owner: KubeObject): void {
    const uid = owner.metadata!.uid!;
    const dependents = [...(this.#dependents.get(uid) ?? [])].sort();
    const blocking = dependents.filter((depKey) => {
      const dep = parseGcKey(depKey);
      const live = this.api.tryGet<KubeObject>(dep.resource, dep.namespace, dep.name);
      return live?.metadata?.ownerReferences?.some((r) => r.uid === uid && r.blockOwnerDeletion === true) ?? false;
    });
    if (blocking.length === 0) return this.#removeFinalizer(resource, owner, FOREGROUND);
    for (const depKey of dependents) this.enqueue(depKey);
  }

  #removeFinalizer(resource: string, obj: KubeObject, finalizer: string): void {
    const copy = clone(obj);
    copy.metadata!.finalizers = (copy.metadata!.finalizers ?? []).filter((f) => f !== finalizer);
    if (copy.metadata!.finalizers.length === 0) delete copy.metadata!.finalizers;
    this.api.update(resource, copy, COMPONENT);
  }

  /**
   * A dependent: with any solid owner it stays (minus references to owners that are gone or
   * deleting in the foreground); otherwise it is deleted, in the foreground if an owner waits for
   * it and it has dependents of its own.
   */
  #processDependent(resource: string, obj: KubeObject): void {
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const ref of obj.metadata?.ownerReferences ?? []) {
      const owner = this.#liveOwner(obj, ref);
      if (!owner) dangling.push(ref);
      else if (owner.metadata?.deletionTimestamp !== undefined && (owner.metadata.finalizers ?? []).includes(FOREGROUND)) waiting.push(ref);
      else solid.push(ref);
    }
    if (solid.length > 0) {
      if (dangling.length + waiting.length > 0) this.#dropReferences(resource, obj, [...dangling, ...waiting]);
      return;
    }
    const hasDependents = (this.#dependents.get(obj.metadata!.uid!)?.size ?? 0) > 0;
    const finalizers = obj.metadata?.finalizers ?? [];
    let policy: DeleteOptions['propagationPolicy'] = 'Background';
    if (waiting.length > 0 && hasDependents) policy = 'Foreground';
    else if (finalizers.includes(ORPHAN)) policy = 'Orphan';
    else if (finalizers.includes(FOREGROUND)) policy = 'Foreground';
    this.sim.record(COMPONENT, 'delete', `all owners of ${resource} ${obj.metadata?.name} are gone or deleting; deleting it (${policy})`);
    this.api.delete(resource, obj.metadata?.namespace, obj.metadata!.name!, { propagationPolicy: policy, actor: COMPONENT });
  }

  /** The owner an ownerReference names, read live; undefined if it is gone or was replaced (uid). */
  #liveOwner(dependent: KubeObject, ref: OwnerReference): KubeObject | undefined {
    const type = resourceForKind(ref.kind);
    if (!type) return undefined;
    const owner = this.api.tryGet<KubeObject>(type.resource, type.namespaced ? dependent.metadata?.namespace : undefined, ref.name);
    return owner?.metadata?.uid === ref.uid ? owner : undefined;
  }

  #dropReferences(resource: string, obj: KubeObject, refs: OwnerReference[]): void {
    const drop = new Set(refs.map((r) => r.uid));
    const copy = clone(obj);
    copy.metadata!.ownerReferences = copy.metadata!.ownerReferences!.filter((r) => !drop.has(r.uid));
    this.api.update(resource, copy, COMPONENT);
  }

  protected override restoreExtra(_state: unknown): void {
    // The index is derived from the informers' caches; rebuild it rather than snapshot it.
    for (const [resource, informer] of this.#informers) {
      for (const obj of informer.list()) this.#onObjectQuiet(resource, obj);
    }
  }

  #onObjectQuiet(resource: string, obj: KubeObject): void {
    const key = gcKey(resource, obj);
    this.#keyOfUid.set(obj.metadata?.uid ?? '', key);
    this.#file(key, this.#ownersOf.get(key) ?? [], (obj.metadata?.ownerReferences ?? []).map((r) => r.uid));
  }
}

function sameOwnersAndNotDeleting(old: KubeObject, obj: KubeObject): boolean {
  const a = old.metadata;
  const b = obj.metadata;
  return a?.uid === b?.uid && a?.ownerReferences === b?.ownerReferences && a?.deletionTimestamp === undefined && b?.deletionTimestamp === undefined;
}

/** `resource/namespace/name`; the namespace is empty for cluster-scoped objects. */
function gcKey(resource: string, obj: KubeObject): string {
  return `${resource}/${obj.metadata?.namespace ?? ''}/${obj.metadata?.name}`;
}

function parseGcKey(key: string): { resource: string; namespace: string | undefined; name: string } {
  const [resource, namespace, ...rest] = key.split('/');
  return { resource: resource!, namespace: namespace || undefined, name: rest.join('/') };
}
