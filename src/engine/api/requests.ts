/**
 * The shapes of requests to the API server and of what it calls back: admission plugins, REST
 * storage hooks, and the options of list, delete and write calls.
 */
import type { FieldTerm } from './field-selectors';
import type { KubeObject } from './objects';
import type { Selector } from './labels';
import type { ResourceType } from './resources';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE';

/**
 * An admission plugin: may mutate `obj` (a private copy) or throw an ApiError to refuse the request.
 * Runs after defaulting and before validation, as mutating admission does.
 */
export type AdmissionPlugin = (op: Operation, type: ResourceType, obj: KubeObject, old: KubeObject | undefined) => void;

/**
 * A REST storage hook (BeginCreate/BeginUpdate, e.g. Service IP and node port allocation): runs
 * after admission and before validation, may mutate `obj` or throw an ApiError, and returns a
 * function told whether the write was stored, to undo or complete what it reserved. `removed`
 * hears of every object that leaves the store.
 */
export interface RegistryHook {
  begin(op: 'CREATE' | 'UPDATE', type: ResourceType, obj: KubeObject, old: KubeObject | undefined): ((stored: boolean) => void) | undefined;
  removed(type: ResourceType, obj: KubeObject): void;
}

export interface ListOptions {
  labelSelector?: Selector;
  /**
   * Field selectors: a component's exact matches by field (`spec.nodeName`), or a request's terms,
   * which the server checks against the fields the kind supports (field-selectors.ts).
   */
  fieldSelector?: Readonly<Record<string, string>> | readonly FieldTerm[];
}

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  /** The caller that deleted, for the trace. */
  actor?: string;
}

export interface ObjectList<T> {
  items: T[];
  resourceVersion: string;
}

/**
 * `owned`: the caller built the input for this call alone and hands it over, so the API server
 * stores it as it is instead of copying it first (the test suite freezes it on write, so a caller
 * that kept and changed it fails loudly there). The recorder's Events and the kubelet's status
 * writes use it: together they are most writes on a big cluster.
 */
export interface WriteOptions {
  owned?: boolean;
  /**
   * A /status write that also takes the object's annotations, as the Deployment status strategy
   * does (it resets only spec and labels): the deployment controller stores its revision so.
   */
  annotations?: boolean;
}
