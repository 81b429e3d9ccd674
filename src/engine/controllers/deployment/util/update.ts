import type { ApiServer } from '../../../api/apiserver';
import type { KubeObject, RawObject } from '../../../api/objects';
import { STRATEGIES } from '../../../api/strategies';

/**
 * ApiServer.update with a workaround: for resources with a status subresource the server copies
 * the stored status with clone(), which throws on an object stored without one (a Deployment or
 * ReplicaSet that no controller has reported on yet). Give such an object an empty status first,
 * keeping the caller's optimistic-concurrency check meaningful.
 */
export function updateObject<T extends KubeObject>(api: ApiServer, resource: string, obj: T, actor: string): T {
  const meta = obj.metadata!;
  const stored = api.tryGet<KubeObject>(resource, meta.namespace, meta.name!) as RawObject | undefined;
  if (stored && stored.status === undefined && STRATEGIES[resource]?.hasStatus) {
    const callerWasCurrent = meta.resourceVersion === undefined || meta.resourceVersion === stored.metadata?.resourceVersion;
    const fixed = api.updateStatus(resource, { ...stored, status: {} } as KubeObject, actor);
    if (callerWasCurrent) obj = { ...obj, metadata: { ...meta, resourceVersion: fixed.metadata?.resourceVersion } };
  }
  return api.update(resource, obj, actor);
}
