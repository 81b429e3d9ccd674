import type { Pod } from 'kubernetes-types/core/v1';
import type { Deployment } from 'kubernetes-types/apps/v1';
import { resolveResource } from '../../engine/api/resources';
import type { CheckFn } from '../schema';
import { failed, passed } from './result';
import { readPath, sameValue, show } from './paths';

/** `Pod "web" in namespace default` / `Node "node-1"`: how messages name an object. */
export function describeObject(resource: string, namespace: string | undefined, name: string): string {
  const type = resolveResource(resource);
  const kind = type?.kind ?? resource;
  return type?.namespaced === false ? `${kind} "${name}"` : `${kind} "${name}" in namespace ${namespace ?? 'default'}`;
}

/**
 * The object exists and every listed field has the value given (dotted paths with [n] for
 * list items: `spec.containers[0].image`).
 */
export function objectExists(resource: string, namespace: string | undefined, name: string, fields: Record<string, unknown> = {}): CheckFn {
  return (view) => {
    const what = describeObject(resource, namespace, name);
    const obj = view.get(resource, namespace, name);
    if (!obj) return failed(`there is no ${what}`);
    for (const [path, want] of Object.entries(fields)) {
      const got = readPath(obj, path);
      if (!sameValue(got, want)) return failed(`${what} has ${path} ${show(got)}, expected ${show(want)}`);
    }
    const listed = Object.keys(fields);
    return passed(`${what} exists${listed.length > 0 ? ` with ${listed.join(', ')} as expected` : ''}`);
  };
}

/** Why a Pod is not running, in the words the scheduler or kubelet used. */
function podState(pod: Pod): string {
  const phase = pod.status?.phase ?? 'Pending';
  const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  if (!pod.spec?.nodeName && scheduled?.status === 'False' && scheduled.message) return `${phase} and not scheduled: ${scheduled.message}`;
  if (!pod.spec?.nodeName) return `${phase} and not scheduled yet`;
  const waiting = pod.status?.containerStatuses?.find((c) => c.state?.waiting)?.state?.waiting;
  return `${phase} on ${pod.spec.nodeName}${waiting ? ` (${waiting.reason ?? 'waiting'}${waiting.message ? `: ${waiting.message}` : ''})` : ''}`;
}

/** The Pod is Running (and on `node`, when given). */
export function podRunningOnNode(namespace: string, name: string, node?: string): CheckFn {
  return (view) => {
    const what = describeObject('pods', namespace, name);
    const pod = view.get<Pod>('pods', namespace, name);
    if (!pod) return failed(`there is no ${what}`);
    if (pod.metadata?.deletionTimestamp) return failed(`${what} is being deleted`);
    if (pod.status?.phase !== 'Running') return failed(`${what} is ${podState(pod)}`);
    if (node !== undefined && pod.spec?.nodeName !== node) return failed(`${what} runs on ${pod.spec?.nodeName}, not on ${node}`);
    return passed(`${what} is Running on ${pod.spec?.nodeName}`);
  };
}

/** Every replica of the Deployment runs the new template, which uses `image`. */
export function deploymentRolledOut(namespace: string, name: string, image: string): CheckFn {
  return (view) => {
    const what = describeObject('deployments', namespace, name);
    const d = view.get<Deployment>('deployments', namespace, name);
    if (!d) return failed(`there is no ${what}`);
    const images = d.spec?.template?.spec?.containers?.map((c) => c.image) ?? [];
    if (!images.includes(image)) return failed(`${what} runs ${images.join(', ') || 'no image'}, not ${image}`);
    const want = d.spec?.replicas ?? 1;
    const s = d.status ?? {};
    if ((s.observedGeneration ?? 0) < (d.metadata?.generation ?? 0)) return failed(`${what}: the Deployment controller has not seen the change to ${image} yet`);
    if ((s.updatedReplicas ?? 0) < want) return failed(`${what}: ${s.updatedReplicas ?? 0} of ${want} replicas run ${image} so far`);
    if ((s.replicas ?? 0) > (s.updatedReplicas ?? 0)) return failed(`${what}: ${(s.replicas ?? 0) - (s.updatedReplicas ?? 0)} old replicas are still terminating`);
    if ((s.availableReplicas ?? 0) < want) return failed(`${what}: ${s.availableReplicas ?? 0} of ${want} updated replicas are available`);
    return passed(`${what} rolled out: ${want} of ${want} replicas run ${image}`);
  };
}
