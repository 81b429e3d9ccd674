import type { Event } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../engine/api/objects';
import { resolveResource, storageKey, storagePrefix, type ResourceType } from '../engine/api/resources';
import type { Cluster } from '../engine/cluster';
import type { NodeProxy } from '../engine/kube-proxy/types';
import type { TraceEntry } from '../engine/sim/trace';
import type { TrafficRecord } from '../engine/network/types';
import type { VirtualFs } from '../cli/types';
import type { ObjectHistory, ObjectVersion } from './history';
import { trafficRecords } from './traffic-source';
import type { TranscriptEntry } from './types';

export type { ObjectVersion } from './history';

export interface TraceFilter {
  /** `pods/default/web`, or a suffix such as `default/web` or `web`. */
  object?: string;
  /** Component name or prefix: `scheduler`, `kubelet/`. */
  component?: string;
  action?: string;
  sinceMs?: number;
}

/**
 * What a check may look at: a read-only picture of the lab now and of how it got here. Objects are
 * frozen; nothing here can change the cluster, so running checks never alters a replay.
 */
export interface LabView {
  readonly labId: string;
  /** Virtual ms now. */
  now(): number;
  /** Virtual ms when the learner got the prompt (after setup settled). */
  readonly startMs: number;
  /** The store's revision then: later revisions are the learner's doing (or the cluster's reaction). */
  readonly startRevision: number;
  /** An object by resource (`pods`, `pod`, `deploy`...), namespace (ignored when cluster-scoped) and name. */
  get<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string): T | undefined;
  list<T extends KubeObject = KubeObject>(resource: string, namespace?: string): T[];
  /** Every version of an object since the cluster was created, oldest first (deleted ones too). */
  history(resource: string, namespace: string | undefined, name: string): readonly ObjectVersion[];
  /** Names (`namespace/name`, or `name`) of every object of a resource that ever existed. */
  everExisted(resource: string, namespace?: string): string[];
  /** Every Event ever written (latest version of each), including ones since deleted. */
  events(): Event[];
  trace(filter?: TraceFilter): readonly TraceEntry[];
  /** Requests the simulated network carried (load generators' included), oldest first. */
  traffic(): readonly TrafficRecord[];
  /** The kube-proxy of every node that runs one. */
  proxies(): NodeProxy[];
  /** A file's content on a host (`workstation` by default); undefined when absent. */
  file(path: string, host?: string): string | undefined;
  hosts(): string[];
  /** What the learner typed and saw, in order. */
  transcript(): readonly TranscriptEntry[];
}

/** Where a view reads from; LabSession provides it. */
export interface ViewSources {
  labId: string;
  startMs: number;
  startRevision: number;
  cluster: Cluster;
  history: ObjectHistory;
  /** File systems by host name; the workstation first. */
  /** Each host's files, read-only: the workstation and every node. */
  hosts: () => Record<string, Pick<VirtualFs, 'read'>>;
  transcript: () => readonly TranscriptEntry[];
}

function typeOf(resource: string): ResourceType {
  const type = resolveResource(resource);
  if (!type) throw new Error(`unknown resource "${resource}" in a lab check`);
  return type;
}

export function createLabView(src: ViewSources): LabView {
  const { cluster, history } = src;
  const keyFor = (resource: string, namespace: string | undefined, name: string) => {
    const type = typeOf(resource);
    return storageKey(type, type.namespaced ? (namespace ?? 'default') : undefined, name);
  };
  return {
    labId: src.labId,
    startMs: src.startMs,
    startRevision: src.startRevision,
    now: () => cluster.now(),
    get: <T extends KubeObject>(resource: string, namespace: string | undefined, name: string) => cluster.store.get(keyFor(resource, namespace, name))?.value as T | undefined,
    list: <T extends KubeObject>(resource: string, namespace?: string) => {
      const type = typeOf(resource);
      return cluster.store.list(storagePrefix(type, type.namespaced ? namespace : undefined)).map((kv) => kv.value as T);
    },
    history: (resource, namespace, name) => history.versions(keyFor(resource, namespace, name)),
    everExisted: (resource, namespace) => {
      const type = typeOf(resource);
      const base = storagePrefix(type);
      return history.keys(storagePrefix(type, type.namespaced ? namespace : undefined)).map((k) => k.slice(base.length));
    },
    events: () => {
      const prefix = storagePrefix(typeOf('events'));
      return history.keys(prefix).map((k) => history.versions(k).at(-1)!.object as Event);
    },
    trace: (filter = {}) =>
      cluster.sim.trace.entries().filter(
        (e) =>
          (filter.object === undefined || e.object === filter.object || (e.object?.endsWith(`/${filter.object}`) ?? false)) &&
          (filter.component === undefined || e.component.startsWith(filter.component)) &&
          (filter.action === undefined || e.action === filter.action) &&
          (filter.sinceMs === undefined || e.t >= filter.sinceMs),
      ),
    traffic: () => trafficRecords(cluster),
    proxies: () => cluster.components.filter(isNodeProxy) as unknown as NodeProxy[],
    file: (path, host = 'workstation') => src.hosts()[host]?.read(path),
    hosts: () => Object.keys(src.hosts()),
    transcript: src.transcript,
  };
}

/** kube-proxy components, found by shape so the labs do not depend on how they are built. */
export function isNodeProxy(x: unknown): x is NodeProxy {
  const p = x as Partial<NodeProxy> | undefined;
  return typeof p?.nodeName === 'string' && typeof p.route === 'function' && typeof p.programmed === 'function';
}
