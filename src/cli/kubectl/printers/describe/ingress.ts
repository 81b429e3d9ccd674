/**
 * `kubectl describe ingress` (describe.go describeIngressV1): class, default backend, TLS, and
 * a rules table whose backends name the Service port and the endpoints behind it.
 */
import type { Event, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Ingress, IngressBackend } from 'kubernetes-types/networking/v1';
import { maybeDescribeEvents, printAnnotationsMultiline, printLabelsMultiline } from './common';
import { formatEndpointSlices } from './network';
import { LEVEL_0, LEVEL_1, LEVEL_2, tabbedString } from './prefix-writer';

/** What the describer looks up for a backend: the Service and its EndpointSlices. */
export interface BackendLookup {
  service(name: string): Service | undefined;
  slices(serviceName: string): EndpointSlice[];
}

/** `svc:80 (10.244.1.2:80,10.244.2.3:80)`: the backend, then the ready endpoints of its port. */
function describeBackend(backend: IngressBackend | undefined, lookup: BackendLookup): string {
  const ref = backend?.service;
  if (!ref) return backend?.resource ? `APIGroup: ${backend.resource.apiGroup ?? ''}, Kind: ${backend.resource.kind}, Name: ${backend.resource.name}` : '';
  const port = ref.port?.name ? ref.port.name : String(ref.port?.number ?? '');
  const stringer = `${ref.name}:${port}`;
  const service = lookup.service(ref.name);
  if (!service) return `${stringer} (<error: services "${ref.name}" not found>)`;
  const match = (service.spec?.ports ?? []).find((sp) => (ref.port?.number ? sp.port === ref.port.number : sp.name === ref.port?.name));
  return `${stringer} (${formatEndpointSlices(lookup.slices(ref.name), match?.name ?? '')})`;
}

export function describeIngress(ing: Ingress, lookup: BackendLookup, events: Event[] | undefined, nowMs: number): string {
  return tabbedString((w) => {
    const spec = ing.spec ?? {};
    const ns = ing.metadata?.namespace ?? '';
    w.write(LEVEL_0, `Name:\t${ing.metadata?.name ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', ing.metadata?.labels);
    w.write(LEVEL_0, `Namespace:\t${ns}\n`);
    const addresses = (ing.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? '').filter(Boolean);
    w.write(LEVEL_0, `Address:\t${addresses.join(',')}\n`);
    w.write(LEVEL_0, `Ingress Class:\t${spec.ingressClassName ?? '<none>'}\n`);
    w.write(LEVEL_0, `Default backend:\t${spec.defaultBackend ? describeBackend(spec.defaultBackend, lookup) : '<default>'}\n`);
    if (spec.tls?.length) {
      w.write(LEVEL_0, 'TLS:\n');
      for (const t of spec.tls) w.write(LEVEL_1, `${t.secretName ? `${t.secretName} terminates ` : 'SNI routes '}${(t.hosts ?? []).join(',')}\n`);
    }
    w.write(LEVEL_0, 'Rules:\n  Host\tPath\tBackends\n');
    w.write(LEVEL_1, '----\t----\t--------\n');
    const rules = (spec.rules ?? []).filter((r) => r.http);
    for (const rule of rules) {
      w.write(LEVEL_1, `${rule.host || '*'}\t\n`);
      for (const path of rule.http!.paths) w.write(LEVEL_2, `\t${path.path ?? ''} \t${describeBackend(path.backend, lookup)}\n`);
    }
    if (rules.length === 0) w.write(LEVEL_1, `*\t*\t${describeBackend(spec.defaultBackend, lookup)}\n`);
    printAnnotationsMultiline(w, 'Annotations', ing.metadata?.annotations);
    maybeDescribeEvents(w, events, nowMs);
  });
}
