import type { Service, ServiceSpec } from 'kubernetes-types/core/v1';
import type { Mutable } from '../objects';
import { externallyAccessible } from '../validation/service';

/** The writable spec of the private copy the registry works on. */
export type Spec = Mutable<ServiceSpec>;

/** Default timeout of ClientIP session affinity: three hours (DefaultClientIPServiceAffinitySeconds). */
export const DEFAULT_AFFINITY_SECONDS = 10800;

/** Every type but ExternalName gets a ClusterIP, unless headless. */
export function wantsClusterIP(svc: Service): boolean {
  return svc.spec?.type !== 'ExternalName' && svc.spec?.clusterIP !== 'None';
}

/** needsNodePort: NodePort, and LoadBalancer unless allocateLoadBalancerNodePorts is false. */
export function wantsNodePorts(svc: Service): boolean {
  const spec = svc.spec;
  return spec?.type === 'NodePort' || (spec?.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
}

/** NeedsHealthCheck: a LoadBalancer that keeps client source IPs (externalTrafficPolicy Local). */
export function wantsHealthCheck(svc: Service): boolean {
  return svc.spec?.type === 'LoadBalancer' && svc.spec.externalTrafficPolicy === 'Local';
}

/** SetDefaults_Service fields that depend on the type and affinity. */
export function defaultTypeFields(svc: Service): void {
  const spec = svc.spec as Spec;
  // Every type, ExternalName included, reads `sessionAffinity: None` back.
  spec.sessionAffinity ??= 'None';
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
  if (spec.sessionAffinity === 'ClientIP') {
    spec.sessionAffinityConfig ??= {};
    spec.sessionAffinityConfig.clientIP ??= {};
    spec.sessionAffinityConfig.clientIP.timeoutSeconds ??= DEFAULT_AFFINITY_SECONDS;
  }
  if (externallyAccessible(svc)) spec.externalTrafficPolicy ??= 'Cluster';
  if (spec.type !== 'ExternalName') spec.internalTrafficPolicy ??= 'Cluster';
}

/** NormalizeClusterIPs: users set clusterIP or clusterIPs; the other follows. */
export function normalizeClusterIPs(svc: Service, old: Service | undefined): void {
  const spec = svc.spec as Spec;
  if (spec.type === 'ExternalName') return;
  const ips = spec.clusterIPs ?? [];
  if (old && spec.clusterIP !== old.spec?.clusterIP && sameList(ips, old.spec?.clusterIPs ?? [])) {
    // The user changed clusterIP only: clusterIPs follows (and is then checked for immutability).
    spec.clusterIPs = spec.clusterIP ? [spec.clusterIP, ...ips.slice(1)] : [];
    if (spec.clusterIPs.length === 0) delete spec.clusterIPs;
    return;
  }
  if (!spec.clusterIP && ips.length > 0) spec.clusterIP = ips[0];
  else if (spec.clusterIP && ips.length === 0) spec.clusterIPs = [spec.clusterIP];
}

/**
 * initIPFamilyFields on a single-stack IPv4 cluster: SingleStack IPv4, except a headless Service
 * without selector, which takes both families (RequireDualStack) because its hand-written
 * endpoints could be of either.
 */
export function initIPFamilies(svc: Service, old: Service | undefined): void {
  const spec = svc.spec as Spec;
  if (spec.type === 'ExternalName') return;
  if (old && old.spec?.type !== 'ExternalName') {
    spec.ipFamilyPolicy ??= old.spec?.ipFamilyPolicy;
    if (!spec.ipFamilies?.length && old.spec?.ipFamilies) spec.ipFamilies = [...old.spec.ipFamilies];
  }
  const headlessSelectorless = spec.clusterIPs?.[0] === 'None' && Object.keys(spec.selector ?? {}).length === 0;
  spec.ipFamilyPolicy ??= headlessSelectorless ? 'RequireDualStack' : 'SingleStack';
  if (!spec.ipFamilies?.length) spec.ipFamilies = ['IPv4'];
  if (headlessSelectorless && spec.ipFamilyPolicy === 'RequireDualStack' && spec.ipFamilies.length < 2) {
    spec.ipFamilies.push(spec.ipFamilies[0] === 'IPv6' ? 'IPv4' : 'IPv6');
  }
}

/**
 * patchAllocatedValues: an update that leaves out what the server allocated (a re-applied
 * manifest without clusterIP or nodePort) keeps the allocated values.
 */
export function patchAllocatedValues(svc: Service, old: Service): void {
  const spec = svc.spec as Spec;
  if (wantsClusterIPOrHeadless(old) && wantsClusterIPOrHeadless(svc) && !spec.clusterIP && !spec.clusterIPs?.length) {
    if (old.spec?.clusterIP) spec.clusterIP = old.spec.clusterIP;
    if (old.spec?.clusterIPs) spec.clusterIPs = [...old.spec.clusterIPs];
  }
  if (wantsNodePorts(old) && wantsNodePorts(svc)) {
    const usedByBoth = new Set((old.spec?.ports ?? []).map((p) => p.nodePort).filter((n) => (spec.ports ?? []).some((q) => q.nodePort === n)));
    const byName = new Map((old.spec?.ports ?? []).map((p) => [p.name ?? '', p.nodePort]));
    for (const p of spec.ports ?? []) {
      const previous = byName.get(p.name ?? '');
      if (!p.nodePort && previous && !usedByBoth.has(previous)) p.nodePort = previous;
    }
  }
  if (wantsHealthCheck(old) && wantsHealthCheck(svc) && !spec.healthCheckNodePort && old.spec?.healthCheckNodePort) {
    spec.healthCheckNodePort = old.spec.healthCheckNodePort;
  }
}

/**
 * dropTypeDependentFields: after a type change, fields the new type cannot have are cleared
 * if the user left them as they were (NodePort → ClusterIP drops the nodePorts, ...).
 */
export function dropTypeDependentFields(svc: Service, old: Service): void {
  const spec = svc.spec as Spec;
  const was = old.spec ?? {};
  if (wantsClusterIPOrHeadless(old) && spec.type === 'ExternalName') {
    if (spec.clusterIP === was.clusterIP) delete spec.clusterIP;
    if (sameList(spec.clusterIPs ?? [], was.clusterIPs ?? [])) delete spec.clusterIPs;
    if (sameList(spec.ipFamilies ?? [], was.ipFamilies ?? [])) delete spec.ipFamilies;
    if (spec.ipFamilyPolicy === was.ipFamilyPolicy) delete spec.ipFamilyPolicy;
    if (spec.internalTrafficPolicy === was.internalTrafficPolicy) delete spec.internalTrafficPolicy;
  }
  if (wantsNodePorts(old) && !wantsNodePorts(svc)) {
    for (const p of spec.ports ?? []) {
      const before = (was.ports ?? []).find((q) => q.port === p.port && q.protocol === p.protocol);
      if (p.nodePort && before?.nodePort === p.nodePort) delete p.nodePort;
    }
  }
  if (wantsHealthCheck(old) && !wantsHealthCheck(svc) && spec.healthCheckNodePort === was.healthCheckNodePort) delete spec.healthCheckNodePort;
  if (was.type === 'LoadBalancer' && spec.type !== 'LoadBalancer') {
    if (spec.allocateLoadBalancerNodePorts === was.allocateLoadBalancerNodePorts) delete spec.allocateLoadBalancerNodePorts;
  }
  if (!externallyAccessible(svc) && spec.externalTrafficPolicy === was.externalTrafficPolicy) delete spec.externalTrafficPolicy;
}

function wantsClusterIPOrHeadless(svc: Service): boolean {
  return svc.spec?.type !== 'ExternalName';
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
