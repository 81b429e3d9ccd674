/** `kubectl describe service` (endpoints from EndpointSlices), `describe endpoints` and `describe endpointslice`. */
import type { Endpoints, Event, LoadBalancerIngress, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { formatLabels, joinHostPort } from '../tables/format';
import { maybeDescribeEvents, printAnnotationsMultiline, printLabelsMultiline } from './common';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, tabbedString, type PrefixWriter } from './prefix-writer';

const ingressString = (ingress: LoadBalancerIngress[]): string =>
  ingress.map((i) => (i.ip ? `${i.ip}${i.ipMode ? ` (${i.ipMode})` : ''}` : (i.hostname ?? ''))).join(', ');

/**
 * formatEndpointSlices for one service port name: ready (or unknown-readiness) endpoints as
 * `ip:port`, three at most then ` + N more...`; `<none>` without slices.
 */
export function formatEndpointSlices(slices: EndpointSlice[], portName: string | undefined): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  let more = false;
  let count = 0;
  const take = (text: string, ready: boolean): void => {
    // As upstream, "more" is decided before the readiness check.
    if (list.length === 3) more = true;
    if (!ready) return;
    if (!more) list.push(text);
    count++;
  };
  for (const slice of slices) {
    const endpoints = slice.endpoints ?? [];
    const isReady = (i: number) => endpoints[i]?.conditions?.ready ?? true;
    if (!slice.ports?.length) {
      endpoints.forEach((e, i) => take(e.addresses[0] ?? '', isReady(i)));
      continue;
    }
    for (const port of slice.ports) {
      if (portName !== undefined && (port.name ?? '') !== portName) continue;
      endpoints.forEach((e, i) => take(joinHostPort(e.addresses[0] ?? '', port.port ?? 0), isReady(i)));
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - 3} more...` : ret;
}

function describePorts(w: PrefixWriter, svc: Service, slices: EndpointSlice[]): void {
  for (const p of svc.spec?.ports ?? []) {
    const name = p.name || '<unset>';
    const protocol = p.protocol ?? 'TCP';
    w.write(LEVEL_0, `Port:\t${name}\t${p.port}/${protocol}\n`);
    w.write(LEVEL_0, `TargetPort:\t${p.targetPort ?? p.port}/${protocol}\n`);
    if (p.appProtocol) w.write(LEVEL_0, `AppProtocol:\t${p.appProtocol}\n`);
    if (p.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${p.nodePort}/${protocol}\n`);
    w.write(LEVEL_0, `Endpoints:\t${formatEndpointSlices(slices, p.name ?? '')}\n`);
  }
}

function describeAddresses(w: PrefixWriter, svc: Service): void {
  const spec = svc.spec ?? {};
  if (spec.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(LEVEL_0, `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(',') : '<none>'}\n`);
  w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ''}\n`);
  w.write(LEVEL_0, `IPs:\t${spec.clusterIPs?.length ? spec.clusterIPs.join(',') : '<none>'}\n`);
  if (spec.externalIPs?.length) w.write(LEVEL_0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
  if (spec.loadBalancerIP) w.write(LEVEL_0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
  if (spec.externalName) w.write(LEVEL_0, `External Name:\t${spec.externalName}\n`);
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  if (ingress.length) w.write(LEVEL_0, `LoadBalancer Ingress:\t${ingressString(ingress)}\n`);
}

/** describeService: `endpointSlices` are the slices labelled with the service's name. */
export function describeService(svc: Service, endpointSlices: EndpointSlice[], events: Event[] | undefined, nowMs: number): string {
  return tabbedString((w) => {
    const spec = svc.spec ?? {};
    w.write(LEVEL_0, `Name:\t${svc.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${svc.metadata?.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', svc.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', svc.metadata?.annotations);
    w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`);
    w.write(LEVEL_0, `Type:\t${spec.type ?? ''}\n`);
    describeAddresses(w, svc);
    describePorts(w, svc, endpointSlices);
    w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
    if (spec.externalTrafficPolicy) w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
    if (spec.internalTrafficPolicy) w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
    if (spec.healthCheckNodePort) w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
    if (spec.loadBalancerSourceRanges?.length) w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`);
    if (spec.trafficDistribution) w.write(LEVEL_0, `Traffic Distribution:\t${spec.trafficDistribution}\n`);
    maybeDescribeEvents(w, events, nowMs);
  });
}

/** describeEndpoints: each subset's ready and not-ready addresses and its ports table. */
export function describeEndpoints(ep: Endpoints, events: Event[] | undefined, nowMs: number): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${ep.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${ep.metadata?.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', ep.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', ep.metadata?.annotations);
    w.write(LEVEL_0, 'Subsets:\n');
    for (const subset of ep.subsets ?? []) {
      w.write(LEVEL_1, `Addresses:\t${(subset.addresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`);
      w.write(LEVEL_1, `NotReadyAddresses:\t${(subset.notReadyAddresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`);
      if (subset.ports?.length) {
        w.write(LEVEL_1, 'Ports:\n');
        w.write(LEVEL_2, 'Name\tPort\tProtocol\n');
        w.write(LEVEL_2, '----\t----\t--------\n');
        for (const p of subset.ports) w.write(LEVEL_2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? 'TCP'}\n`);
      }
      w.write(LEVEL_0, '\n');
    }
    maybeDescribeEvents(w, events, nowMs);
  });
}

/** describeEndpointSliceV1: ports table, then each endpoint with its Ready condition and where it runs. */
export function describeEndpointSlice(eps: EndpointSlice, events: Event[] | undefined, nowMs: number): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${eps.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${eps.metadata?.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', eps.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', eps.metadata?.annotations);
    w.write(LEVEL_0, `AddressType:\t${eps.addressType}\n`);
    describeSlicePorts(w, eps);
    const endpoints = eps.endpoints ?? [];
    if (endpoints.length === 0) w.write(LEVEL_0, 'Endpoints: <none>\n');
    else w.write(LEVEL_0, 'Endpoints:\n');
    for (const e of endpoints) {
      w.write(LEVEL_1, `- Addresses:\t${e.addresses.join(', ') || '<none>'}\n`);
      w.write(LEVEL_2, 'Conditions:\n');
      w.write(LEVEL_3, `Ready:\t${e.conditions?.ready === undefined ? '<unset>' : String(e.conditions.ready)}\n`);
      w.write(LEVEL_2, `Hostname:\t${e.hostname ?? '<unset>'}\n`);
      if (e.targetRef) w.write(LEVEL_2, `TargetRef:\t${e.targetRef.kind ?? ''}/${e.targetRef.name ?? ''}\n`);
      w.write(LEVEL_2, `NodeName:\t${e.nodeName ?? '<unset>'}\n`);
      w.write(LEVEL_2, `Zone:\t${e.zone ?? '<unset>'}\n`);
    }
    maybeDescribeEvents(w, events, nowMs);
  });
}

function describeSlicePorts(w: PrefixWriter, eps: EndpointSlice): void {
  const ports = eps.ports ?? [];
  if (ports.length === 0) {
    w.write(LEVEL_0, 'Ports: <unset>\n');
    return;
  }
  w.write(LEVEL_0, 'Ports:\n');
  w.write(LEVEL_1, 'Name\tPort\tProtocol\n');
  w.write(LEVEL_1, '----\t----\t--------\n');
  for (const p of ports) w.write(LEVEL_1, `${p.name || '<unset>'}\t${p.port ?? '<unset>'}\t${p.protocol ?? ''}\n`);
}
