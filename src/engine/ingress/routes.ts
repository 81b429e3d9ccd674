import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Ingress, IngressClass } from 'kubernetes-types/networking/v1';

/** One path of the controller's routing table, resolved to pod endpoints. */
export interface Route {
  /** Empty for any host; `*.example.com` for a wildcard. */
  host: string;
  path: string;
  pathType: 'Exact' | 'Prefix' | 'ImplementationSpecific';
  ingress: string;
  /** `namespace/service:port` as ingress-nginx names the upstream. */
  upstream: string;
  /** Ready pod endpoints `ip:port` (ingress-nginx sends straight to them, not to the ClusterIP). */
  endpoints: string[];
  /** Endpoint → pod `namespace/name`. */
  pods: Record<string, string>;
}

export const CONTROLLER_NAME = 'k8s.io/ingress-nginx';

/** Whether this controller serves `ing`: its class is nginx, or it has none and nginx is the default. */
export function ours(ing: Ingress, classes: IngressClass[]): boolean {
  const nginx = classes.filter((c) => c.spec?.controller === CONTROLLER_NAME).map((c) => c.metadata!.name!);
  const name = ing.spec?.ingressClassName ?? ing.metadata?.annotations?.['kubernetes.io/ingress.class'];
  if (name !== undefined) return nginx.includes(name);
  return classes.some((c) => c.spec?.controller === CONTROLLER_NAME && c.metadata?.annotations?.['ingressclass.kubernetes.io/is-default-class'] === 'true');
}

/** Build the routing table from Ingresses, Services and EndpointSlices (what a sync renders). */
export function buildRoutes(ingresses: Ingress[], classes: IngressClass[], services: Service[], slices: EndpointSlice[]): Route[] {
  const routes: Route[] = [];
  for (const ing of ingresses) {
    if (!ours(ing, classes)) continue;
    const ns = ing.metadata!.namespace!;
    const key = `${ns}/${ing.metadata!.name}`;
    for (const rule of ing.spec?.rules ?? []) {
      for (const p of rule.http?.paths ?? []) {
        const svc = p.backend.service;
        if (!svc?.name) continue;
        const resolved = endpointsFor(ns, svc.name, svc.port ?? {}, services, slices);
        routes.push({ host: rule.host ?? '', path: p.path ?? '/', pathType: p.pathType as Route['pathType'], ingress: key, upstream: `${ns}/${svc.name}:${svc.port?.name ?? svc.port?.number ?? ''}`, ...resolved });
      }
    }
    const def = ing.spec?.defaultBackend?.service;
    if (def?.name) routes.push({ host: '', path: '/', pathType: 'Prefix', ingress: key, upstream: `${ns}/${def.name}:${def.port?.name ?? def.port?.number ?? ''}`, ...endpointsFor(ns, def.name, def.port ?? {}, services, slices) });
  }
  return routes;
}

function endpointsFor(ns: string, name: string, port: { name?: string; number?: number }, services: Service[], slices: EndpointSlice[]): { endpoints: string[]; pods: Record<string, string> } {
  const svc = services.find((s) => s.metadata?.namespace === ns && s.metadata?.name === name);
  const sp = svc?.spec?.ports?.find((p) => (port.name ? p.name === port.name : p.port === port.number));
  const endpoints: string[] = [];
  const pods: Record<string, string> = {};
  if (!svc || !sp) return { endpoints, pods };
  for (const slice of slices) {
    if (slice.metadata?.namespace !== ns || slice.metadata?.labels?.['kubernetes.io/service-name'] !== name) continue;
    const target = slice.ports?.find((p) => (p.name ?? '') === (sp.name ?? '')) ?? slice.ports?.[0];
    if (target?.port === undefined) continue;
    for (const ep of slice.endpoints) {
      if (ep.conditions?.ready === false) continue;
      for (const ip of ep.addresses) {
        const addr = `${ip}:${target.port}`;
        if (endpoints.includes(addr)) continue;
        endpoints.push(addr);
        if (ep.targetRef?.name) pods[addr] = `${ns}/${ep.targetRef.name}`;
      }
    }
  }
  endpoints.sort();
  return { endpoints, pods };
}

function hostMatches(ruleHost: string, host: string): boolean {
  if (ruleHost === '') return true;
  if (ruleHost.startsWith('*.')) {
    const suffix = ruleHost.slice(1);
    return host.endsWith(suffix) && !host.slice(0, -suffix.length).includes('.');
  }
  return ruleHost === host;
}

function pathMatches(r: Route, path: string): boolean {
  const p = path.split('?')[0]!;
  if (r.pathType === 'Exact') return p === r.path;
  if (r.path === '/') return true;
  const prefix = r.path.replace(/\/+$/, '');
  return p === prefix || p.startsWith(`${prefix}/`);
}

/**
 * The route for a request: a specific host beats the catch-all, then the longest matching path,
 * Exact before Prefix at equal length (the Ingress spec's precedence).
 */
export function match(routes: Route[], host: string, path: string): Route | undefined {
  const bare = host.replace(/:\d+$/, '').toLowerCase();
  const candidates = routes.filter((r) => hostMatches(r.host, bare) && pathMatches(r, path));
  candidates.sort((a, b) => Number(b.host !== '') - Number(a.host !== '') || b.path.length - a.path.length || Number(b.pathType === 'Exact') - Number(a.pathType === 'Exact'));
  return candidates[0];
}
