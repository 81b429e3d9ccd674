import { KeyTable } from './key-table';

/**
 * The resource types the API server serves, with the names kubectl resolves: plural resource,
 * singular, short names and kind, as `kubectl api-resources` lists them.
 */
export interface ResourceType {
  /** Plural resource name used in URLs and etcd keys: `pods`. */
  resource: string;
  singular: string;
  kind: string;
  /** API group; '' for the core group. */
  group: string;
  version: string;
  namespaced: boolean;
  shortNames: string[];
  /** Whether spec changes bump metadata.generation (workload controllers compare it). */
  hasGeneration: boolean;
  /** Each object gets a name never used again and is rarely read back (Events): keys are not kept. */
  oneOffNames?: boolean;
}

const core = (resource: string, singular: string, kind: string, namespaced: boolean, shortNames: string[]): ResourceType => ({
  resource,
  singular,
  kind,
  group: '',
  version: 'v1',
  namespaced,
  shortNames,
  hasGeneration: false,
});

export const RESOURCE_TYPES: readonly ResourceType[] = [
  core('namespaces', 'namespace', 'Namespace', false, ['ns']),
  core('nodes', 'node', 'Node', false, ['no']),
  core('pods', 'pod', 'Pod', true, ['po']),
  core('services', 'service', 'Service', true, ['svc']),
  core('endpoints', 'endpoints', 'Endpoints', true, ['ep']),
  { ...core('events', 'event', 'Event', true, ['ev']), oneOffNames: true },
  core('configmaps', 'configmap', 'ConfigMap', true, ['cm']),
  core('secrets', 'secret', 'Secret', true, []),
  core('serviceaccounts', 'serviceaccount', 'ServiceAccount', true, ['sa']),
  { ...core('replicasets', 'replicaset', 'ReplicaSet', true, ['rs']), group: 'apps', hasGeneration: true },
  { ...core('deployments', 'deployment', 'Deployment', true, ['deploy']), group: 'apps', hasGeneration: true },
  { ...core('controllerrevisions', 'controllerrevision', 'ControllerRevision', true, []), group: 'apps' },
  { ...core('daemonsets', 'daemonset', 'DaemonSet', true, ['ds']), group: 'apps', hasGeneration: true },
  { ...core('endpointslices', 'endpointslice', 'EndpointSlice', true, []), group: 'discovery.k8s.io' },
  { ...core('leases', 'lease', 'Lease', true, []), group: 'coordination.k8s.io' },
  { ...core('poddisruptionbudgets', 'poddisruptionbudget', 'PodDisruptionBudget', true, ['pdb']), group: 'policy', hasGeneration: true },
  { ...core('ingresses', 'ingress', 'Ingress', true, ['ing']), group: 'networking.k8s.io', hasGeneration: true },
  { ...core('ingressclasses', 'ingressclass', 'IngressClass', false, []), group: 'networking.k8s.io' },
];

const byKind = new Map(RESOURCE_TYPES.map((t) => [t.kind, t]));
const byResource = new Map(RESOURCE_TYPES.map((t) => [t.resource, t]));

export function resourceForKind(kind: string): ResourceType | undefined {
  return byKind.get(kind);
}

export function resourceType(resource: string): ResourceType {
  const type = byResource.get(resource);
  if (!type) throw new Error(`unknown resource ${resource}`);
  return type;
}

/**
 * Resolve what a learner typed (`po`, `pods`, `pod`, `deploy`, `deployments.apps`, `Pod`) to a type,
 * case-insensitively, as kubectl's RESTMapper does.
 */
export function resolveResource(name: string): ResourceType | undefined {
  const lower = name.toLowerCase();
  const [base = '', ...groupParts] = lower.split('.');
  const named = (t: ResourceType) => t.resource === base || t.singular === base || t.kind.toLowerCase() === base || t.shortNames.includes(base);
  // `resource.version.group` first, as ParseResourceArg tries it (`deployments.v1.apps`, `pods.v1.`).
  const [version, ...rest] = groupParts;
  if (version !== undefined && rest.length > 0 && /^v\d+((alpha|beta)\d+)?$/.test(version)) {
    const qualified = RESOURCE_TYPES.find((t) => t.version === version && t.group === rest.join('.') && named(t));
    if (qualified) return qualified;
  }
  const group = groupParts.join('.');
  return RESOURCE_TYPES.find((t) => (group === '' || t.group === group) && named(t));
}

/** `apps/v1`, or `v1` for the core group. */
export function apiVersionOf(type: ResourceType): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

/** The etcd key of an object: `/registry/pods/default/web-1`, `/registry/minions/node-1` for nodes. */
export function storageKey(type: ResourceType, namespace: string | undefined, name: string): string {
  if (type.oneOffNames) return `${storagePrefix(type, namespace)}${name}`;
  let table = STORAGE_KEYS.get(type);
  if (table === undefined) STORAGE_KEYS.set(type, (table = new KeyTable<string>((ns, n) => `${storagePrefix(type, ns)}${n}`, 100_000)));
  return table.get(type.namespaced && namespace ? namespace : '', name);
}

/** Each resource's etcd keys, by namespace ('' when cluster-scoped) and name (see KeyTable). */
const STORAGE_KEYS = new Map<ResourceType, KeyTable<string>>();

const STORAGE_SEGMENTS: Record<string, string> = {
  nodes: 'minions',
  services: 'services/specs',
  endpoints: 'services/endpoints',
};

/** Each resource's key prefix per namespace (namespaces are few): every Event's key starts with one. */
const PREFIXES = new Map<ResourceType, Map<string, string>>();

/** Prefix of a resource's keys (optionally in one namespace), ending in '/'. */
export function storagePrefix(type: ResourceType, namespace?: string): string {
  const ns = type.namespaced && namespace ? namespace : '';
  let byNamespace = PREFIXES.get(type);
  if (byNamespace === undefined) PREFIXES.set(type, (byNamespace = new Map<string, string>()));
  let prefix = byNamespace.get(ns);
  if (prefix === undefined) {
    // Real clusters keep a few historical names: nodes are "minions", services live under
    // services/specs, deployments and replicasets under their group-less names.
    const base = `/registry/${STORAGE_SEGMENTS[type.resource] ?? type.resource}/`;
    byNamespace.set(ns, (prefix = ns ? `${base}${ns}/` : base));
  }
  return prefix;
}

