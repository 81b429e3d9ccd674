import type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1';

/** Any Kubernetes object as the engine stores it. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

/**
 * kubernetes-types marks server-set fields (metadata.uid, status) readonly; the server and
 * controllers that own those fields write them through this view of a private copy.
 */
export type Mutable<T> = T extends (infer U)[] ? Mutable<U>[] : T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;

/** The API server's own, writable view of an object of any kind. */
export interface RawObject {
  apiVersion?: string;
  kind?: string;
  metadata?: Mutable<ObjectMeta>;
  spec?: unknown;
  status?: unknown;
  [field: string]: unknown;
}

/** A deep, writable copy; objects read from the store are frozen, so writers copy first. */
export function clone<T>(value: T): Mutable<T> {
  // JSON.stringify(undefined) is undefined, which JSON.parse rejects; an absent field stays absent.
  return value === undefined ? (value as Mutable<T>) : (JSON.parse(JSON.stringify(value)) as Mutable<T>);
}

/** Read any field of an object generically (spec, status, data, ...). */
export function field(obj: KubeObject, name: string): unknown {
  return (obj as unknown as Record<string, unknown>)[name];
}

/** Freeze an object graph so a component that mutates what it read fails loudly in tests. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** `namespace/name`, or `name` for cluster-scoped objects: the key controllers queue. */
export function keyOf(obj: KubeObject): string {
  const ns = obj.metadata?.namespace;
  return ns ? `${ns}/${obj.metadata?.name}` : `${obj.metadata?.name}`;
}

export function splitKey(key: string): { namespace?: string; name: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/** The ownerReference that marks `owner` as the controller of a dependent. */
export function controllerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion!,
    kind: owner.kind!,
    name: owner.metadata!.name!,
    uid: owner.metadata!.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function getControllerOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((ref) => ref.controller);
}

export function isBeingDeleted(obj: KubeObject): boolean {
  return obj.metadata?.deletionTimestamp !== undefined;
}
