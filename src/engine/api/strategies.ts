import type { DaemonSet, Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Endpoints, Namespace, Node, Pod, Secret, Service } from 'kubernetes-types/core/v1';
import { canonicalJson } from '../sim/hash';
import type { FieldError } from './errors';
import { jsonEqual, type KubeObject } from './objects';
import { defaultDeployment, defaultNamespace, defaultPod, defaultReplicaSet, defaultService, prepareNamespace } from './defaults';
import { validateObjectMeta, type NameRule } from './validation/names';
import { validatePodSpec } from './validation/pod';
import { validateService } from './validation/service';
import { defaultEndpoints, validateEndpoints, validateEndpointSlice } from './validation/endpoints';
import { validateDeployment, validateReplicaSet, validateSelectorImmutable } from './validation/workloads';
import { validatePdb } from './validation/pdb';
import { validateNode } from './validation/node';
import { defaultSecret, validateSecret, validateSecretUpdate } from './validation/secret';
import { validateIngress } from '../ingress/validation';
import type { Ingress } from 'kubernetes-types/networking/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';

/**
 * Per-resource behaviour of the generic registry, after the API server's RESTCreateStrategy and
 * RESTUpdateStrategy: how to default, validate on create and on update, and which part is status.
 */
export interface Strategy {
  nameRule: NameRule;
  /** Whether the resource has a status subresource: a plain update keeps the old status. */
  hasStatus: boolean;
  default?(obj: KubeObject): void;
  /** What the registry's PrepareForCreate does on top of defaulting (it runs on creation only). */
  prepareForCreate?(obj: KubeObject): void;
  /** PrepareForUpdate: what the registry derives from the stored object on a spec update. */
  prepareForUpdate?(obj: KubeObject, old: KubeObject): void;
  validate?(obj: KubeObject): FieldError[];
  validateUpdate?(obj: KubeObject, old: KubeObject): FieldError[];
}

const POD_MUTABLE_MESSAGE =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/** A pod's spec is immutable except images (and a few fields we do not model). */
function validatePodUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const strip = (p: KubeObject) => {
    const spec = { ...(p as Pod).spec } as Record<string, unknown>;
    spec.containers = (p as Pod).spec?.containers.map((c) => ({ ...c, image: '' }));
    spec.initContainers = (p as Pod).spec?.initContainers?.map((c) => ({ ...c, image: '' }));
    delete spec.activeDeadlineSeconds;
    delete spec.tolerations;
    // The scheduler binds by setting nodeName once; that is the binding subresource.
    if (!(old as Pod).spec?.nodeName) delete spec.nodeName;
    return canonicalJson(spec);
  };
  return strip(obj) === strip(old) ? [] : [{ field: 'spec', type: 'Forbidden', detail: POD_MUTABLE_MESSAGE }];
}

const immutableClusterIP = (obj: KubeObject, old: KubeObject): FieldError[] => {
  const now = (obj as Service).spec?.clusterIP;
  const before = (old as Service).spec?.clusterIP;
  return before && now !== undefined && now !== before
    ? [{ field: 'spec.clusterIP', type: 'Invalid value', detail: `"${now}": field is immutable` }]
    : [];
};

/**
 * A DaemonSet's spec.templateGeneration, which apps/v1 carries as this annotation: set to 1 on
 * creation, raised with each template change, never taken from an update.
 */
export const TEMPLATE_GENERATION = 'deprecated.daemonset.template.generation';

export function templateGeneration(obj: KubeObject): number | undefined {
  const value = obj.metadata?.annotations?.[TEMPLATE_GENERATION];
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

function setTemplateGeneration(obj: KubeObject, generation: number): void {
  const meta = (obj.metadata ??= {});
  meta.annotations = { ...meta.annotations, [TEMPLATE_GENERATION]: String(generation) };
}

export const STRATEGIES: Record<string, Strategy> = {
  namespaces: { nameRule: 'label', hasStatus: true, default: (o) => defaultNamespace(o as Namespace), prepareForCreate: (o) => prepareNamespace(o as Namespace) },
  nodes: { nameRule: 'subdomain', hasStatus: true, validate: (o) => validateNode(o as Node) },
  pods: {
    nameRule: 'subdomain',
    hasStatus: true,
    default: (o) => defaultPod(o as Pod),
    validate: (o) => validatePodSpec((o as Pod).spec, 'spec'),
    validateUpdate: validatePodUpdate,
  },
  services: {
    nameRule: 'dns1035',
    hasStatus: true,
    default: (o) => defaultService(o as Service),
    validate: (o) => validateService(o as Service),
    validateUpdate: (o, old) => [...validateService(o as Service), ...immutableClusterIP(o, old)],
  },
  endpoints: {
    nameRule: 'subdomain',
    hasStatus: false,
    default: (o) => defaultEndpoints(o as Endpoints),
    validate: (o) => validateEndpoints(o as Endpoints),
  },
  endpointslices: { nameRule: 'subdomain', hasStatus: false, validate: (o) => validateEndpointSlice(o as EndpointSlice) },
  events: { nameRule: 'subdomain', hasStatus: false },
  configmaps: { nameRule: 'subdomain', hasStatus: false },
  secrets: {
    nameRule: 'subdomain',
    hasStatus: false,
    default: (o) => defaultSecret(o as Secret),
    validate: (o) => validateSecret(o as Secret),
    validateUpdate: (o, old) => validateSecretUpdate(o as Secret, old as Secret),
  },
  serviceaccounts: { nameRule: 'subdomain', hasStatus: false },
  leases: { nameRule: 'subdomain', hasStatus: false },
  controllerrevisions: { nameRule: 'subdomain', hasStatus: false },
  daemonsets: {
    nameRule: 'subdomain',
    hasStatus: true,
    prepareForCreate: (o) => setTemplateGeneration(o, templateGeneration(o) ?? 1),
    prepareForUpdate: (o, old) => {
      const changed = !jsonEqual((o as DaemonSet).spec?.template, (old as DaemonSet).spec?.template);
      setTemplateGeneration(o, (templateGeneration(old) ?? 1) + (changed ? 1 : 0));
    },
  },
  poddisruptionbudgets: { nameRule: 'subdomain', hasStatus: true, validate: (o) => validatePdb(o as PodDisruptionBudget) },
  ingresses: { nameRule: 'subdomain', hasStatus: true, validate: (o) => validateIngress(o as Ingress) },
  ingressclasses: { nameRule: 'subdomain', hasStatus: false },
  replicasets: {
    nameRule: 'subdomain',
    hasStatus: true,
    default: (o) => defaultReplicaSet(o as ReplicaSet),
    validate: (o) => validateReplicaSet(o as ReplicaSet),
    validateUpdate: (o, old) => [
      ...validateReplicaSet(o as ReplicaSet),
      ...validateSelectorImmutable((old as ReplicaSet).spec?.selector, (o as ReplicaSet).spec?.selector),
    ],
  },
  deployments: {
    nameRule: 'subdomain',
    hasStatus: true,
    default: (o) => defaultDeployment(o as Deployment),
    validate: (o) => validateDeployment(o as Deployment),
    validateUpdate: (o, old) => [
      ...validateDeployment(o as Deployment),
      ...validateSelectorImmutable((old as Deployment).spec?.selector, (o as Deployment).spec?.selector),
    ],
  },
};

export function validateMeta(obj: KubeObject, rule: NameRule): FieldError[] {
  return validateObjectMeta(obj.metadata, rule);
}
