import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import type { Simulator } from '../sim/simulator';
import { rfc3339 } from '../sim/time';
import { Store, StoreError } from '../store/mvcc';
import { EVENT_TTL_MS, LeaseManager } from './lease-manager';
import { serviceAccountAdmission } from './admission/service-account';
import { alreadyExists, ApiError, badRequest, conflict, invalid, notFound, OPTIMISTIC_LOCK_MESSAGE } from './errors';
import { matches } from './labels';
import { SiblingSpecs } from './sibling-specs';
import { clone, jsonEqual, markStored, shareUnchanged, type KubeObject, type Mutable, type RawObject } from './objects';
import { apiVersionOf, resourceType, storageKey, storagePrefix, type ResourceType } from './resources';
import { DEFAULT_KUBERNETES_VERSION, parseVersion, podObservedGenerationTracking, podsHaveGeneration, type KubeVersion } from '../version';
import { STRATEGIES, validateMeta } from './strategies';
import { evictPod, type EvictionOptions } from './eviction';
import { finalizersDone, gracePeriodFor } from './deletion';

export type { AdmissionPlugin, DeleteOptions, ListOptions, ObjectList, Operation, RegistryHook, WriteOptions } from './requests';
import type { AdmissionPlugin, DeleteOptions, ListOptions, ObjectList, RegistryHook, WriteOptions } from './requests';
import { fieldSelectorError, fieldTerms, matchesFields } from './field-selectors';

/**
 * The API server: the only writer of the store. It defaults, admits and validates objects, gives
 * them identity (uid, creationTimestamp, resourceVersion, generation) and implements graceful
 * deletion and finalizers. Methods mirror REST verbs so an HTTP facade stays a thin layer.
 * Returned objects are shared, never to be changed (tests freeze them): clone() before editing.
 */
const EVENTS_PREFIX = '/registry/events/';

export class ApiServer {
  readonly #admission: AdmissionPlugin[] = [];
  readonly #registry: RegistryHook[] = [];
  readonly #siblingSpecs = new SiblingSpecs();
  /** The etcd leases Events are stored under, so that they expire after --event-ttl. */
  readonly leases: LeaseManager;

  constructor(
    readonly sim: Simulator,
    readonly store: Store,
    readonly epochMs: number,
    /** What changed between releases in the API server itself (Pods got a generation in 1.33). */
    private readonly version: KubeVersion = parseVersion(DEFAULT_KUBERNETES_VERSION),
    private readonly featureGates: Record<string, boolean> = {},
  ) {
    // Admission plugins every API server enables by default that change what learners see.
    this.#admission.push(serviceAccountAdmission(() => store.revision));
    this.leases = new LeaseManager(store);
  }

  addAdmissionPlugin(plugin: AdmissionPlugin): void {
    this.#admission.push(plugin);
  }

  addRegistryHook(hook: RegistryHook): void {
    this.#registry.push(hook);
  }

  /** Begin the registry hooks; the returned function finishes them all once. */
  #begin(op: 'CREATE' | 'UPDATE', type: ResourceType, obj: KubeObject, old: KubeObject | undefined): (stored: boolean) => void {
    const finishers: ((stored: boolean) => void)[] = [];
    try {
      for (const hook of this.#registry) {
        const finish = hook.begin(op, type, obj, old);
        if (finish) finishers.push(finish);
      }
    } catch (e) {
      for (const finish of finishers) finish(false);
      throw e;
    }
    let done = false;
    return (stored) => {
      if (done) return;
      done = true;
      for (const finish of finishers) finish(stored);
    };
  }

  /** Virtual now as an RFC 3339 timestamp. */
  timestamp(offsetMs = 0): string {
    return rfc3339(this.epochMs, this.sim.now() + offsetMs);
  }

  create<T extends KubeObject>(resource: string, input: T, actor = 'kubectl', options: WriteOptions = {}): T {
    const type = resourceType(resource);
    const obj = (options.owned ? input : clone(input)) as RawObject;
    const meta = (obj.metadata ??= {});
    const namespace = this.#namespaceFor(type, meta);
    if (!meta.name && meta.generateName) meta.name = this.#generateName(type, namespace, meta.generateName);
    obj.apiVersion = apiVersionOf(type);
    obj.kind = type.kind;
    const strategy = STRATEGIES[resource]!;
    strategy.default?.(obj);
    strategy.prepareForCreate?.(obj);
    for (const plugin of this.#admission) plugin('CREATE', type, obj, undefined);
    const finish = this.#begin('CREATE', type, obj, undefined);
    let stored: KubeObject | undefined;
    try {
      const errors = [...validateMeta(obj, strategy.nameRule), ...(strategy.validate?.(obj) ?? [])];
      if (errors.length > 0) throw invalid(type, meta.name ?? '', errors);
      if (namespace !== undefined && resource !== 'namespaces') this.#requireNamespace(namespace);
      const key = storageKey(type, namespace, meta.name!);
      if (this.store.get(key)) throw alreadyExists(type, meta.name!);
      if (type.resource === 'pods') this.#siblingSpecs.share(obj);
      meta.uid = (type.resource === 'events' ? this.sim.eventRng : this.sim.rng).uuid();
      meta.creationTimestamp = this.timestamp();
      if (this.#hasGeneration(type)) meta.generation = 1;
      delete meta.deletionTimestamp;
      delete meta.deletionGracePeriodSeconds;
      stored = this.#write(key, obj, 0);
    } finally {
      finish(stored !== undefined);
    }
    const key = storageKey(type, namespace, meta.name!);
    this.#trace(type, 'create', `${actor} created ${type.kind} ${meta.name}; stored at ${key}`, objectRef(type, namespace, meta.name!));
    return stored as T;
  }

  /** A free `<generateName><5 chars>`; like the API server since 1.32, retry on a clash. */
  #generateName(type: ResourceType, namespace: string | undefined, prefix: string): string {
    for (let attempt = 0; attempt < 8; attempt++) {
      const name = `${prefix}${this.sim.rng.string(5)}`;
      if (!this.store.get(storageKey(type, namespace, name))) return name;
    }
    throw new ApiError(409, 'AlreadyExists', `${type.resource} "${prefix}" already exists`);
  }

  get<T extends KubeObject>(resource: string, namespace: string | undefined, name: string): T {
    const found = this.tryGet<T>(resource, namespace, name);
    if (!found) throw notFound(resourceType(resource), name);
    return found;
  }

  tryGet<T extends KubeObject>(resource: string, namespace: string | undefined, name: string): T | undefined {
    const type = resourceType(resource);
    return this.store.get(storageKey(type, type.namespaced ? namespace : undefined, name))?.value as T | undefined;
  }

  list<T extends KubeObject>(resource: string, namespace?: string, options: ListOptions = {}): ObjectList<T> {
    const type = resourceType(resource);
    // A request's terms are checked against the kind's fields; a component's Record is trusted.
    const refused = Array.isArray(options.fieldSelector) ? fieldSelectorError(type, options.fieldSelector) : undefined;
    if (refused) throw badRequest(refused);
    const terms = options.fieldSelector && fieldTerms(options.fieldSelector);
    const items = this.store
      .list(storagePrefix(type, type.namespaced ? namespace : undefined))
      .map((kv) => kv.value as T)
      .filter((obj) => !options.labelSelector || matches(options.labelSelector, obj.metadata?.labels))
      .filter((obj) => !terms || matchesFields(obj, terms));
    return { items, resourceVersion: String(this.store.revision) };
  }

  /**
   * Replace an object. If the input carries metadata.resourceVersion it must be current (409
   * Conflict otherwise). For resources with a status subresource the status is kept as it was.
   */
  update<T extends KubeObject>(resource: string, input: T, actor = 'kubectl'): T {
    return this.#update(resource, input, actor, false);
  }

  /** Write only the status of an object (the /status subresource). */
  updateStatus<T extends KubeObject>(resource: string, input: T, actor: string, options: WriteOptions = {}): T {
    return this.#update(resource, input, actor, true, options);
  }

  #update<T extends KubeObject>(resource: string, input: T, actor: string, statusOnly: boolean, options: WriteOptions = {}): T {
    const type = resourceType(resource);
    const name = input.metadata?.name ?? '';
    const namespace = type.namespaced ? (input.metadata?.namespace ?? 'default') : undefined;
    const key = storageKey(type, namespace, name);
    const current = this.store.get(key);
    if (!current) throw notFound(type, name);
    const old = current.value as RawObject;
    const rv = input.metadata?.resourceVersion;
    if (rv !== undefined && rv !== '' && rv !== String(current.modRevision)) throw conflict(type, name, OPTIMISTIC_LOCK_MESSAGE);
    if (statusOnly) return this.#writeStatus(type, key, old, input, current.modRevision, actor, options);
    const obj = this.#merge(type, clone(input), old);
    const strategy = STRATEGIES[resource]!;
    strategy.default?.(obj);
    for (const plugin of this.#admission) plugin('UPDATE', type, obj, old);
    const finish = this.#begin('UPDATE', type, obj, old);
    let stored: KubeObject | undefined;
    try {
      const errors = [...validateMeta(obj, strategy.nameRule), ...(strategy.validateUpdate?.(obj, old) ?? strategy.validate?.(obj) ?? [])];
      if (errors.length > 0) throw invalid(type, name, errors);
      if (jsonEqual(obj, old)) stored = old;
      else if (finalizersDone(obj)) return this.#remove(type, key, old, actor) as T;
      else stored = this.#write(key, obj, current.modRevision);
    } finally {
      finish(stored !== undefined);
    }
    if (stored === old) return old as unknown as T;
    this.#trace(type, 'update', `${actor} updated ${type.kind} ${name}`, objectRef(type, namespace, name));
    return stored as T;
  }

  /**
   * The /status subresource: only status changes. The new version shares the old one's stored
   * spec and metadata values, so a kubelet's status write copies and compares just the status.
   */
  #writeStatus<T extends KubeObject>(type: ResourceType, key: string, old: RawObject, input: T, modRevision: number, actor: string, options: WriteOptions): T {
    const given = (input as unknown as RawObject).status;
    // Sharing unchanged conditions and container statuses walks the status once, as the test for
    // equality did; shared parts are then neither compared nor frozen again.
    const status = shareUnchanged(options.owned ? given : clone(given), old.status);
    const annotations = options.annotations ? input.metadata?.annotations : old.metadata?.annotations;
    const sameAnnotations = annotations === old.metadata?.annotations || jsonEqual(annotations ?? {}, old.metadata?.annotations ?? {});
    if (sameAnnotations && (status === old.status || jsonEqual(status, old.status))) return old as unknown as T;
    const obj: RawObject = { ...old, metadata: { ...old.metadata }, status };
    if (!sameAnnotations) {
      if (annotations && Object.keys(annotations).length > 0) obj.metadata!.annotations = clone(annotations);
      else delete obj.metadata!.annotations;
    }
    const stored = this.#write(key, obj, modRevision);
    const meta = old.metadata!;
    this.#trace(type, 'update-status', `${actor} updated ${type.kind} ${meta.name} status`, objectRef(type, meta.namespace, meta.name!));
    return stored as T;
  }

  /** Identity fields come from the stored object; status or spec from the side being written. */
  #merge(type: ResourceType, obj: RawObject, old: RawObject): RawObject {
    const meta = (obj.metadata ??= {});
    const oldMeta = old.metadata!;
    for (const field of ['uid', 'creationTimestamp', 'namespace', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation'] as const) {
      if (oldMeta[field] === undefined) delete meta[field];
      else (meta as Record<string, unknown>)[field] = oldMeta[field];
    }
    obj.apiVersion = old.apiVersion;
    obj.kind = old.kind;
    const strategy = STRATEGIES[type.resource]!;
    if (strategy.hasStatus) obj.status = clone(old.status);
    if (this.#hasGeneration(type) && !jsonEqual(obj.spec, old.spec)) meta.generation = (oldMeta.generation ?? 0) + 1;
    strategy.prepareForUpdate?.(obj, old);
    return obj;
  }

  #hasGeneration(type: ResourceType): boolean {
    return type.hasGeneration || (type.resource === 'pods' && podsHaveGeneration(this.version));
  }

  /**
   * The pods/binding subresource: assign a pod to a node, setting spec.nodeName and the
   * PodScheduled=True condition in one write. A pod is bound at most once (409 otherwise).
   */
  bind(namespace: string, name: string, nodeName: string, actor: string): KubeObject {
    const type = resourceType('pods');
    const key = storageKey(type, namespace, name);
    const current = this.store.get(key);
    if (!current) throw notFound(type, name);
    // A new top level, metadata, spec and status around the stored (shared, never changed) values: a
    // full copy of every pod at binding was a large share of a big rollout's garbage.
    type BindablePod = RawObject & { spec: { nodeName?: string }; status?: { conditions?: Record<string, unknown>[] } };
    const stored = current.value as BindablePod;
    const pod: BindablePod = { ...stored, metadata: { ...stored.metadata }, spec: { ...stored.spec } };
    if (stored.status) pod.status = { ...stored.status };
    if (pod.spec.nodeName) {
      throw new ApiError(409, 'Conflict', `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
    }
    if (pod.metadata?.deletionTimestamp) throw new ApiError(409, 'Conflict', `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is being deleted, cannot be assigned to a host`);
    pod.spec.nodeName = nodeName;
    const status = (pod.status ??= {});
    const scheduled: Record<string, unknown> = { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: this.timestamp() };
    // The binding storage stamps the generation it bound, as the scheduler does with PodObservedGenerationTracking.
    if (podObservedGenerationTracking(this.version, this.featureGates) && pod.metadata?.generation !== undefined) scheduled.observedGeneration = pod.metadata.generation;
    status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== 'PodScheduled'), scheduled];
    const written = this.#write(key, pod, current.modRevision);
    this.#trace(type, 'bind', `${actor} bound Pod ${name} to ${nodeName}`, objectRef(type, namespace, name));
    return written;
  }

  /**
   * Delete an object. Pods on a node get a grace period: deletionTimestamp is set and the kubelet
   * removes the pod once its containers have stopped. Objects with finalizers wait for them.
   * Returns the object as it is after the request and whether it is gone from the store.
   */
  delete<T extends KubeObject>(resource: string, namespace: string | undefined, name: string, options: DeleteOptions = {}): { object: T; gone: boolean } {
    const type = resourceType(resource);
    const ns = type.namespaced ? (namespace ?? 'default') : undefined;
    const key = storageKey(type, ns, name);
    const current = this.store.get(key);
    if (!current) throw notFound(type, name);
    // Deletion changes only metadata: copy that and share the rest of the stored object.
    const obj = { ...(current.value as RawObject) };
    const meta = (obj.metadata = { ...obj.metadata });
    const actor = options.actor ?? 'kubectl';
    const grace = gracePeriodFor(resource, obj, options.gracePeriodSeconds);
    const finalizers = new Set(meta.finalizers ?? []);
    if (options.propagationPolicy === 'Foreground') finalizers.add('foregroundDeletion');
    if (options.propagationPolicy === 'Orphan') finalizers.add('orphan');
    if (grace === 0 && finalizers.size === 0) return { object: this.#remove(type, key, current.value as KubeObject, actor) as T, gone: true };
    const previousGrace = meta.deletionGracePeriodSeconds;
    if (meta.deletionTimestamp && (grace === undefined || (previousGrace !== undefined && grace >= previousGrace))) {
      return { object: current.value as T, gone: false };
    }
    // rest.BeforeDelete (graceful) and markAsDeleting (finalizers): the first deletionTimestamp is a
    // new desired state, so an object that has a generation moves to the next one.
    if (!meta.deletionTimestamp && (meta.generation ?? 0) > 0) meta.generation = meta.generation! + 1;
    meta.deletionTimestamp = this.timestamp((grace ?? 0) * 1000);
    meta.deletionGracePeriodSeconds = grace ?? 0;
    if (finalizers.size > 0) meta.finalizers = [...finalizers];
    const stored = this.#write(key, obj, current.modRevision);
    this.#trace(type, 'delete', `${actor} requested deletion of ${type.kind} ${name}${grace ? ` (grace period ${grace}s)` : ''}`, objectRef(type, ns, name));
    return { object: stored as T, gone: false };
  }

  /** The pods/eviction subresource: a delete that honours PodDisruptionBudgets (see eviction.ts). */
  evict(namespace: string, name: string, options: EvictionOptions = {}): void {
    evictPod(this, namespace, name, options);
  }

  #remove(type: ResourceType, key: string, obj: KubeObject, actor: string): KubeObject {
    try {
      this.store.delete(key);
    } catch (e) {
      if (e instanceof StoreError) throw notFound(type, obj.metadata?.name ?? '');
      throw e;
    }
    for (const hook of this.#registry) hook.removed(type, obj);
    this.#trace(type, 'remove', `${actor} removed ${type.kind} ${obj.metadata?.name} from etcd`, objectRef(type, obj.metadata?.namespace, obj.metadata!.name!));
    return obj;
  }

  /** Events about objects are not traced themselves: they would drown what happened. */
  #trace(type: ResourceType, action: string, detail: string, object: string): void {
    if (type.resource !== 'events') this.sim.record('kube-apiserver', action, detail, object);
  }

  #write(key: string, obj: RawObject, expectedModRevision: number): KubeObject {
    // The object carries the revision it will be stored at, as the API server decodes it.
    obj.metadata!.resourceVersion = String(this.store.revision + 1);
    markStored(obj);
    // Every write of an Event (a repeat's count too) puts it under a lease of the TTL from now.
    const lease = key.startsWith(EVENTS_PREFIX) ? this.leases.leaseFor(this.sim.now(), EVENT_TTL_MS) : undefined;
    this.store.put(key, obj, expectedModRevision, lease);
    return obj;
  }

  #namespaceFor(type: ResourceType, meta: Mutable<ObjectMeta>): string | undefined {
    if (!type.namespaced) {
      delete meta.namespace;
      return undefined;
    }
    return (meta.namespace ??= 'default');
  }

  #requireNamespace(namespace: string): void {
    const ns = this.tryGet<KubeObject>('namespaces', undefined, namespace);
    if (!ns) throw new ApiError(404, 'NotFound', `namespaces "${namespace}" not found`, { name: namespace, kind: 'namespaces' });
    if (ns.metadata?.deletionTimestamp) {
      throw new ApiError(403, 'Forbidden', `unable to create new content in namespace ${namespace} because it is being terminated`);
    }
  }

  /** Start a watch of a resource (optionally one namespace) after `fromRevision`; see Informer. */
  watch(resource: string, namespace: string | undefined, fromRevision: number, target: string): number {
    const type = resourceType(resource);
    try {
      return this.store.watch(storagePrefix(type, type.namespaced ? namespace : undefined), fromRevision, target);
    } catch (e) {
      if (e instanceof StoreError && e.code === 'Compacted') throw new ApiError(410, 'Gone', `too old resource version: ${fromRevision} (${this.store.compactedRevision})`);
      throw e;
    }
  }

  /** Reject requests for resources the server does not serve, as kubectl would see them. */
  static unknownResource(name: string): ApiError {
    return badRequest(`the server doesn't have a resource type "${name}"`);
  }
}

/** `pods/default/web-1`, the object reference the trace uses. */
export function objectRef(type: ResourceType, namespace: string | undefined, name: string): string {
  return namespace ? `${type.resource}/${namespace}/${name}` : `${type.resource}/${name}`;
}
