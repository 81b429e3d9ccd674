/** Where an object keeps its pod spec: pods directly, workloads under spec.template. */
import type { PodSpec, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../engine/api/objects';

interface WithSpec {
  spec?: { template?: PodTemplateSpec; containers?: PodSpec['containers'] } & Record<string, unknown>;
}

/** The writable pod spec of a (cloned) object, or undefined for kinds without one. */
export function podSpecOf(obj: KubeObject): PodSpec | undefined {
  const spec = (obj as WithSpec).spec;
  if (!spec) return undefined;
  if (obj.kind === 'Pod') return spec as unknown as PodSpec;
  return spec.template?.spec;
}

/** The writable pod template of a workload (Deployment, ReplicaSet), if it has one. */
export function templateOf(obj: KubeObject): PodTemplateSpec | undefined {
  return (obj as WithSpec).spec?.template;
}
