/**
 * `kubectl get services`, `endpoints` and `endpointslices`: TYPE/CLUSTER-IP/EXTERNAL-IP/PORT(S)
 * of a Service, and the capped "a,b,c + N more..." address lists.
 */
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Endpoints, LoadBalancerStatus, Service, ServicePort } from 'kubernetes-types/core/v1';
import { translateTimestampSince } from '../human-duration';
import { formatLabels, joinHostPort, listWithMore, sortStrings } from './format';
import type { KindPrinter } from './types';

const LOAD_BALANCER_WIDTH = 16;

/** loadBalancerStatusStringer: unique ingress IPs/hostnames, sorted; clipped to 16 chars unless wide. */
function loadBalancerStatus(status: LoadBalancerStatus | undefined, wide: boolean): string {
  const set = new Set<string>();
  for (const ing of status?.ingress ?? []) {
    if (ing.ip) set.add(ing.ip);
    else if (ing.hostname) set.add(ing.hostname);
  }
  const r = sortStrings(set).join(',');
  return !wide && r.length > LOAD_BALANCER_WIDTH ? `${r.slice(0, LOAD_BALANCER_WIDTH - 3)}...` : r;
}

function externalIP(svc: Service, wide: boolean): string {
  const external = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type ?? '') {
    case 'ClusterIP':
    case 'NodePort':
      return external.length > 0 ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerStatus(svc.status?.loadBalancer, wide);
      if (external.length > 0) return [...(lb ? lb.split(',') : []), ...external].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return svc.spec?.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** makePortString: `port/proto` or `port:nodePort/proto`, joined by commas. */
export function makePortString(ports: ServicePort[] | undefined): string {
  return (ports ?? [])
    .map((p) => {
      const protocol = p.protocol ?? 'TCP';
      return p.nodePort ? `${p.port}:${p.nodePort}/${protocol}` : `${p.port}/${protocol}`;
    })
    .join(',');
}

/** Service columns: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, wide SELECTOR. */
export const servicePrinter: KindPrinter<Service> = {
  kind: 'Service',
  group: '',
  namespaced: true,
  columns: [
    { name: 'Name' },
    { name: 'Type' },
    { name: 'Cluster-IP' },
    { name: 'External-IP' },
    { name: 'Port(s)' },
    { name: 'Age' },
    { name: 'Selector', priority: 1 },
  ],
  cells(svc, ctx) {
    const cells = [
      svc.metadata?.name ?? '',
      svc.spec?.type ?? '',
      svc.spec?.clusterIPs?.[0] ?? '<none>',
      externalIP(svc, ctx.wide),
      makePortString(svc.spec?.ports) || '<none>',
      translateTimestampSince(svc.metadata?.creationTimestamp, ctx.nowMs),
    ];
    if (ctx.wide) cells.push(formatLabels(svc.spec?.selector));
    return cells;
  },
};

/** formatEndpoints: ready addresses only, `ip:port` for every port, at most three shown. */
export function formatEndpoints(ep: Endpoints): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    const ports = ss.ports ?? [];
    // Headless services may have no ports: list bare IPs then.
    const targets = ports.length === 0 ? [undefined] : ports.map((p) => p.port);
    for (const port of targets) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === 3) break;
        list.push(port === undefined ? a.ip : joinHostPort(a.ip, port));
      }
    }
  }
  const ret = list.join(',');
  return count > 3 ? `${ret} + ${count - 3} more...` : ret;
}

/** Endpoints columns: NAME ENDPOINTS AGE. */
export const endpointsPrinter: KindPrinter<Endpoints> = {
  kind: 'Endpoints',
  group: '',
  namespaced: true,
  columns: [{ name: 'Name' }, { name: 'Endpoints' }, { name: 'Age' }],
  cells: (ep, ctx) => [
    ep.metadata?.name ?? '',
    formatEndpoints(ep),
    translateTimestampSince(ep.metadata?.creationTimestamp, ctx.nowMs),
  ],
};

/** EndpointSlice columns: NAME ADDRESSTYPE PORTS ENDPOINTS AGE. */
export const endpointSlicePrinter: KindPrinter<EndpointSlice> = {
  kind: 'EndpointSlice',
  group: 'discovery.k8s.io',
  namespaced: true,
  columns: [{ name: 'Name' }, { name: 'AddressType' }, { name: 'Ports' }, { name: 'Endpoints' }, { name: 'Age' }],
  cells: (slice, ctx) => [
    slice.metadata?.name ?? '',
    slice.addressType,
    listWithMore((slice.ports ?? []).map((p) => (p.port !== undefined ? String(p.port) : (p.name ?? '*')))),
    listWithMore((slice.endpoints ?? []).flatMap((e) => e.addresses)),
    translateTimestampSince(slice.metadata?.creationTimestamp, ctx.nowMs),
  ],
};
