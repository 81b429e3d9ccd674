/**
 * Deprecation warnings the API server attaches to responses (the `Warning` header), which kubectl
 * prints to stderr before its own output. v1 Endpoints is deprecated since 1.33 in favour of
 * EndpointSlices; every request that touches it carries the warning.
 */
import type { ResourceType } from '../../engine/api/resources';
import { atLeast } from '../../engine/version';
import type { KubectlContext } from './context';

const ENDPOINTS_WARNING = 'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n';

export function warnDeprecated(ctx: KubectlContext, types: readonly ResourceType[]): void {
  if (!types.some((t) => t.resource === 'endpoints') || !atLeast(ctx.cluster.cp.version, 33)) return;
  if (!ctx.err.includes(ENDPOINTS_WARNING)) ctx.err.push(ENDPOINTS_WARNING);
}
