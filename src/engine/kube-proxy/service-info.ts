import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Service } from 'kubernetes-types/core/v1';
import type { Protocol } from './types';

/**
 * What kube-proxy keeps of one Service port (upstream's BaseServicePortInfo): plain JSON so the
 * proxier's maps go into snapshots unchanged.
 */
export interface ServicePortInfo {
  /** `namespace/name:portName`, or `namespace/name` for an unnamed port (ServicePortName.String()). */
  name: string;
  namespace: string;
  service: string;
  portName: string;
  protocol: Protocol;
  clusterIP: string;
  port: number;
  nodePort: number;
  externalIPs: string[];
  loadBalancerIPs: string[];
  loadBalancerSourceRanges: string[];
  /** Seconds of ClientIP affinity, 0 when sessionAffinity is None. */
  stickySeconds: number;
  externalPolicyLocal: boolean;
  internalPolicyLocal: boolean;
}

/** One endpoint of a Service port, as kube-proxy's endpoint slice cache keeps it. */
export interface EndpointInfo {
  ip: string;
  port: number;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  nodeName?: string;
}

/** `ip:port`, the string kube-proxy sorts, hashes and logs endpoints by. */
export function endpointString(ep: Pick<EndpointInfo, 'ip' | 'port'>): string {
  return `${ep.ip}:${ep.port}`;
}

/** `namespace/name:port`, with no colon for an unnamed port. */
export function servicePortName(namespace: string, name: string, portName: string): string {
  return portName ? `${namespace}/${name}:${portName}` : `${namespace}/${name}`;
}

/**
 * The Service's ports as kube-proxy proxies them; none for headless and ExternalName Services,
 * whose names DNS answers without any rule.
 */
export function servicePorts(svc: Service): ServicePortInfo[] {
  const spec = svc.spec;
  const clusterIP = spec?.clusterIP ?? '';
  if (!spec || clusterIP === '' || clusterIP === 'None' || spec.type === 'ExternalName') return [];
  const namespace = svc.metadata?.namespace ?? 'default';
  const service = svc.metadata?.name ?? '';
  const externallyTyped = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
  return (spec.ports ?? []).map((p) => ({
    name: servicePortName(namespace, service, p.name ?? ''),
    namespace,
    service,
    portName: p.name ?? '',
    protocol: (p.protocol ?? 'TCP') as Protocol,
    clusterIP,
    port: p.port,
    nodePort: externallyTyped ? (p.nodePort ?? 0) : 0,
    externalIPs: [...(spec.externalIPs ?? [])],
    loadBalancerIPs: spec.type === 'LoadBalancer' ? (svc.status?.loadBalancer?.ingress ?? []).flatMap((i) => (i.ip ? [i.ip] : [])) : [],
    loadBalancerSourceRanges: [...(spec.loadBalancerSourceRanges ?? [])],
    stickySeconds: spec.sessionAffinity === 'ClientIP' ? (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800) : 0,
    externalPolicyLocal: externallyTyped && spec.externalTrafficPolicy === 'Local',
    internalPolicyLocal: spec.internalTrafficPolicy === 'Local',
  }));
}

/** The Service an EndpointSlice belongs to (`namespace/name`), from its service-name label. */
export function sliceServiceKey(slice: EndpointSlice): string | undefined {
  const name = slice.metadata?.labels?.['kubernetes.io/service-name'];
  return name ? `${slice.metadata?.namespace ?? 'default'}/${name}` : undefined;
}

/**
 * Endpoints per Service port (keyed `ns/name:port/PROTOCOL`, see serviceKey) from all slices of one Service, de-duplicated and sorted by
 * `ip:port` string as upstream's endpointSliceCache does ("10.244.10.5:80" before "10.244.2.4:80").
 */
export function endpointsFromSlices(namespace: string, service: string, slices: EndpointSlice[]): Record<string, EndpointInfo[]> {
  const byPort: Record<string, Map<string, EndpointInfo>> = {};
  for (const slice of slices) {
    if (slice.addressType && slice.addressType !== 'IPv4') continue;
    for (const port of slice.ports ?? []) {
      if (port.port === undefined) continue;
      const name = `${servicePortName(namespace, service, port.name ?? '')}/${port.protocol ?? 'TCP'}`;
      const seen = (byPort[name] ??= new Map());
      for (const ep of slice.endpoints ?? []) {
        const ip = ep.addresses[0];
        if (!ip) continue;
        const ready = ep.conditions?.ready ?? true;
        const info: EndpointInfo = {
          ip,
          port: port.port,
          ready,
          serving: ep.conditions?.serving ?? ready,
          terminating: ep.conditions?.terminating ?? false,
          ...(ep.nodeName ? { nodeName: ep.nodeName } : {}),
        };
        if (!seen.has(endpointString(info))) seen.set(endpointString(info), info);
      }
    }
  }
  const out: Record<string, EndpointInfo[]> = {};
  for (const [name, eps] of Object.entries(byPort)) {
    out[name] = [...eps.values()].sort((a, b) => compare(endpointString(a), endpointString(b)));
  }
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Endpoints a Service port's rules use, as upstream's CategorizeEndpoints decides. */
export interface CategorizedEndpoints {
  cluster: EndpointInfo[];
  local: EndpointInfo[];
  /** Every endpoint some rule on this node may send to (one KUBE-SEP chain each). */
  reachable: EndpointInfo[];
  /** Whether the Service has usable endpoints anywhere in the cluster. */
  hasEndpoints: boolean;
}

/**
 * Ready endpoints; when none are ready, serving-and-terminating ones (so a rollout's last
 * terminating pods still get traffic). Local policy keeps only this node's.
 */
export function categorizeEndpoints(svc: ServicePortInfo, all: EndpointInfo[], nodeName: string): CategorizedEndpoints {
  const pick = (eps: EndpointInfo[]) => {
    const ready = eps.filter((e) => e.ready);
    return ready.length > 0 ? ready : eps.filter((e) => e.serving && e.terminating);
  };
  const cluster = pick(all);
  const local = pick(all.filter((e) => e.nodeName === nodeName));
  const external = externallyAccessible(svc);
  const usesLocal = svc.internalPolicyLocal || (external && svc.externalPolicyLocal);
  const usesCluster = !svc.internalPolicyLocal || (external && !svc.externalPolicyLocal);
  if (!usesLocal) return { cluster, local: [], reachable: cluster, hasEndpoints: cluster.length > 0 };
  const reachable = usesCluster ? union(cluster, local) : local;
  return { cluster: usesCluster ? cluster : [], local, reachable, hasEndpoints: cluster.length > 0 || local.length > 0 };
}

/** NodePort, external IPs or load-balancer IPs: traffic from outside the cluster reaches it. */
export function externallyAccessible(svc: ServicePortInfo): boolean {
  return svc.nodePort > 0 || svc.externalIPs.length > 0 || svc.loadBalancerIPs.length > 0;
}

function union(a: EndpointInfo[], b: EndpointInfo[]): EndpointInfo[] {
  const map = new Map(a.map((e) => [endpointString(e), e]));
  for (const e of b) map.set(endpointString(e), e);
  return [...map.values()].sort((x, y) => compare(endpointString(x), endpointString(y)));
}
