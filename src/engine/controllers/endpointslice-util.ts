/**
 * What the Endpoints, EndpointSlice and mirroring controllers share, after upstream's
 * `k8s.io/endpointslice` utils and `pkg/controller/util/endpoint`: which pods count, which port
 * a Service port means on a given pod, and how a pod becomes an endpoint.
 */
import type { Pod, Service, ServicePort } from 'kubernetes-types/core/v1';
import type { Endpoint, EndpointPort } from 'kubernetes-types/discovery/v1';
import type { KubeObject } from '../api/objects';
import { isPodReady } from './deployment/util/pod';

export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const LABEL_SKIP_MIRROR = 'endpointslice.kubernetes.io/skip-mirror';
export const LABEL_HEADLESS = 'service.kubernetes.io/headless';
export const TRIGGER_TIME_ANNOTATION = 'endpoints.kubernetes.io/last-change-trigger-time';
export const SLICE_CONTROLLER = 'endpointslice-controller.k8s.io';
export const MIRRORING_CONTROLLER = 'endpointslicemirroring-controller.k8s.io';

/** ShouldPodBeInEndpoints: not terminal, has an IP, and not terminating unless that is tolerated. */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (!pod.status?.podIP) return false;
  return includeTerminating || pod.metadata?.deletionTimestamp === undefined;
}

/** A Service whose endpoints a controller computes from pods: it has a selector and is not ExternalName. */
export function selectsPods(svc: Service): boolean {
  return svc.spec?.type !== 'ExternalName' && svc.spec?.selector !== undefined && Object.keys(svc.spec.selector).length > 0;
}

/** The Service's selector (a plain map: every key equal) matches the pod's labels. */
export function podMatches(svc: Service, pod: Pod): boolean {
  if (pod.metadata?.namespace !== svc.metadata?.namespace) return false;
  const labels = pod.metadata?.labels;
  for (const key in svc.spec?.selector) if (labels?.[key] !== svc.spec.selector[key]) return false;
  return true;
}

/**
 * FindPort: a numeric targetPort is used as is; a named one is looked up among the pod's
 * container ports with the same protocol. Undefined when the pod has no such port.
 */
export function findPort(pod: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === (sp.protocol ?? 'TCP')) return p.containerPort;
  }
  return undefined;
}

/** getEndpointPorts: the Service's ports this pod has, named after the Service port. */
export function endpointPorts(svc: Service, pod: Pod): EndpointPort[] {
  const out: EndpointPort[] = [];
  for (const sp of svc.spec?.ports ?? []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    out.push({ name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
  }
  return out;
}

/** ShouldSetHostname: a pod with hostname and a subdomain equal to a headless Service's name. */
export function shouldSetHostname(pod: Pod, svc: Service): boolean {
  return !!pod.spec?.hostname && pod.spec.subdomain === svc.metadata?.name && svc.spec?.clusterIP === 'None';
}

/**
 * podToEndpoint: serving follows readiness, terminating follows the deletion timestamp, and
 * ready is never true for a terminating pod unless publishNotReadyAddresses says to publish.
 */
export function podToEndpoint(pod: Pod, svc: Service, zone: string | undefined): Endpoint {
  const serving = isPodReady(pod);
  const terminating = pod.metadata?.deletionTimestamp !== undefined;
  const ready = svc.spec?.publishNotReadyAddresses === true || (serving && !terminating);
  return {
    addresses: [pod.status!.podIP!],
    conditions: { ready, serving, terminating },
    ...(shouldSetHostname(pod, svc) ? { hostname: pod.spec!.hostname! } : {}),
    ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    targetRef: { kind: 'Pod', namespace: pod.metadata!.namespace!, name: pod.metadata!.name!, uid: pod.metadata!.uid! },
    ...(zone ? { zone } : {}),
  };
}

/** A stable text for a port set, to group endpoints by the ports they have. */
export function portsKey(ports: readonly EndpointPort[] | undefined): string {
  return (ports ?? [])
    .map((p) => `${p.name ?? ''}/${p.protocol ?? 'TCP'}/${p.port ?? ''}/${p.appProtocol ?? ''}`)
    .sort()
    .join(',');
}

/**
 * Objects filed by namespace, kept current by an informer handler, so a sync reads one namespace
 * (in name order, for a deterministic endpoint order) without sorting the whole cache each time.
 */
export class ByNamespace<T extends KubeObject> {
  readonly #byNs = new Map<string, Map<string, T>>();
  /** Sorted names per namespace; dropped when a name comes or goes. */
  readonly #order = new Map<string, string[]>();

  set(obj: T): void {
    const ns = obj.metadata?.namespace ?? '';
    let bucket = this.#byNs.get(ns);
    if (!bucket) this.#byNs.set(ns, (bucket = new Map<string, T>()));
    const name = obj.metadata?.name ?? '';
    if (!bucket.has(name)) this.#order.delete(ns);
    bucket.set(name, obj);
  }

  delete(obj: T): void {
    const ns = obj.metadata?.namespace ?? '';
    if (this.#byNs.get(ns)?.delete(obj.metadata?.name ?? '')) this.#order.delete(ns);
  }

  list(namespace: string): T[] {
    const bucket = this.#byNs.get(namespace);
    if (!bucket) return [];
    let names = this.#order.get(namespace);
    if (!names) this.#order.set(namespace, (names = [...bucket.keys()].sort()));
    return names.map((n) => bucket.get(n)!);
  }

  reset(objs: readonly T[]): void {
    this.#byNs.clear();
    this.#order.clear();
    for (const obj of objs) this.set(obj);
  }
}

/**
 * podEndpointsChanged: whether a pod update can change any endpoint, so that the controllers
 * resync the Services only then (a pending pod's scheduling retries do not count).
 */
export function podEndpointsChanged(old: Pod | undefined, pod: Pod): boolean {
  if (!old) return true;
  return (
    old.metadata?.deletionTimestamp !== pod.metadata?.deletionTimestamp ||
    isPodReady(old) !== isPodReady(pod) ||
    old.status?.podIP !== pod.status?.podIP ||
    terminal(old) !== terminal(pod) ||
    old.spec?.nodeName !== pod.spec?.nodeName ||
    old.spec?.hostname !== pod.spec?.hostname ||
    old.spec?.subdomain !== pod.spec?.subdomain ||
    !sameLabels(old, pod)
  );
}

function terminal(p: Pod): boolean {
  return p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
}

/** Whether an object's labels differ from another's (pods moving in or out of a selector). */
export function sameLabels(a: KubeObject | undefined, b: KubeObject | undefined): boolean {
  // Status writes keep the stored labels object: most calls end here.
  if (a?.metadata?.labels === b?.metadata?.labels) return true;
  return JSON.stringify(a?.metadata?.labels ?? {}) === JSON.stringify(b?.metadata?.labels ?? {});
}
