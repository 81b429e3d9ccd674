import type { EndpointAddress, Endpoints, Service } from 'kubernetes-types/core/v1';
import type { Endpoint, EndpointPort, EndpointSlice } from 'kubernetes-types/discovery/v1';
import { ApiError } from '../api/errors';
import type { Informer, WatchEventType } from '../api/informer';
import { clone, controllerRef, keyOf } from '../api/objects';
import { canonicalJson } from '../sim/hash';
import { Component, type ComponentContext } from './component';
import { planSlices, type DesiredGroup } from './endpointslice-reconciler';
import { SliceTracker, type SliceTrackerState } from './endpointslice-tracker';
import { LABEL_MANAGED_BY, LABEL_SERVICE_NAME, LABEL_SKIP_MIRROR, MIRRORING_CONTROLLER, portsKey, TRIGGER_TIME_ANNOTATION } from './endpointslice-util';

const COMPONENT = 'endpointslicemirroring-controller';
/** --mirroring-max-endpoints-per-subset default. */
const MAX_ENDPOINTS_PER_SUBSET = 1000;
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const STALE_RETRY_MS = 5;

/**
 * The EndpointSlice mirroring controller (pkg/controller/endpointslicemirroring): Endpoints
 * written by hand for a Service without selector are mirrored into EndpointSlices (owned by the
 * Endpoints), so kube-proxy, which reads only slices, routes to them. Endpoints labelled
 * `endpointslice.kubernetes.io/skip-mirror=true` (the apiserver's own `kubernetes`) are skipped.
 */
export class EndpointSliceMirroringController extends Component {
  readonly #services: Informer<Service>;
  readonly #endpoints: Informer<Endpoints>;
  readonly #slices: Informer<EndpointSlice>;
  readonly #tracker = new SliceTracker();

  constructor(ctx: ComponentContext) {
    super(COMPONENT, ctx);
    this.#services = this.inform<Service>('services', (_t, svc) => this.enqueue(keyOf(svc)));
    this.#endpoints = this.inform<Endpoints>('endpoints', (_t, ep) => this.enqueue(keyOf(ep)));
    this.#slices = this.inform<EndpointSlice>('endpointslices', (type, slice) => this.#onSlice(type, slice as EndpointSlice));
  }

  #onSlice(type: WatchEventType, slice: EndpointSlice): void {
    const labels = slice.metadata?.labels;
    if (labels?.[LABEL_MANAGED_BY] !== MIRRORING_CONTROLLER || !labels[LABEL_SERVICE_NAME]) return;
    if (!this.#tracker.observe(type, slice)) this.enqueue(`${slice.metadata?.namespace}/${labels[LABEL_SERVICE_NAME]}`);
  }

  protected reconcile(key: string): void {
    const svc = this.#services.get(key);
    const ep = this.#endpoints.get(key);
    const existing = this.#slices
      .list(key.split('/')[0])
      .filter((s) => s.metadata?.labels?.[LABEL_SERVICE_NAME] === key.split('/')[1] && s.metadata?.labels?.[LABEL_MANAGED_BY] === MIRRORING_CONTROLLER);
    if (this.#tracker.stale(key)) {
      this.enqueueAfter(key, STALE_RETRY_MS);
      return;
    }
    const mirror = svc && ep && Object.keys(svc.spec?.selector ?? {}).length === 0 && ep.metadata?.labels?.[LABEL_SKIP_MIRROR] !== 'true';
    const desired = mirror ? desiredGroups(ep) : [];
    const plan = planSlices(existing, desired, MAX_ENDPOINTS_PER_SUBSET, false);
    if (mirror) {
      const meta = sliceMeta(ep);
      for (const slice of plan.unchanged) {
        if (canonicalJson(slice.metadata?.labels ?? {}) !== canonicalJson(meta.labels) || canonicalJson(slice.metadata?.annotations ?? {}) !== canonicalJson(meta.annotations)) {
          plan.update.push({ slice, endpoints: [...(slice.endpoints ?? [])] });
        }
      }
      this.#apply(key, ep, plan, meta);
    } else {
      this.#apply(key, undefined, { ...plan, create: [], update: [] }, undefined);
    }
  }

  #apply(key: string, ep: Endpoints | undefined, plan: ReturnType<typeof planSlices>, meta: ReturnType<typeof sliceMeta> | undefined): void {
    try {
      if (ep && meta) {
        for (const group of plan.create) this.#tracker.wrote(key, this.api.create('endpointslices', newSlice(ep, group, meta), COMPONENT));
        for (const { slice, endpoints } of plan.update) {
          const copy = clone(slice);
          copy.metadata!.labels = meta.labels;
          if (Object.keys(meta.annotations).length > 0) copy.metadata!.annotations = meta.annotations;
          else delete copy.metadata!.annotations;
          copy.endpoints = endpoints;
          this.#tracker.wrote(key, this.api.update('endpointslices', copy, COMPONENT));
        }
      }
      for (const slice of plan.remove) {
        this.api.delete('endpointslices', slice.metadata?.namespace, slice.metadata!.name!, { actor: COMPONENT });
        this.#tracker.deleted(key, slice);
      }
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      this.enqueueAfter(key, 100);
    }
  }

  protected override snapshotExtra(): SliceTrackerState {
    return this.#tracker.snapshot();
  }

  protected override restoreExtra(state: unknown): void {
    this.#tracker.restore(state as SliceTrackerState);
  }
}

/** addressToEndpoint for every address of every subset, grouped by the subset's ports. */
function desiredGroups(ep: Endpoints): DesiredGroup[] {
  const groups = new Map<string, DesiredGroup>();
  for (const ss of ep.subsets ?? []) {
    const ports: EndpointPort[] = (ss.ports ?? []).map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP', ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}) }));
    const k = portsKey(ports);
    let group = groups.get(k);
    if (!group) groups.set(k, (group = { ports, endpoints: [] }));
    const addresses = [...(ss.addresses ?? []).map((a) => [a, true] as const), ...(ss.notReadyAddresses ?? []).map((a) => [a, false] as const)];
    for (const [address, ready] of addresses.slice(0, MAX_ENDPOINTS_PER_SUBSET)) group.endpoints.push(addressToEndpoint(address, ready));
  }
  return [...groups.values()];
}

function addressToEndpoint(a: EndpointAddress, ready: boolean): Endpoint {
  return {
    addresses: [a.ip],
    conditions: { ready },
    ...(a.hostname ? { hostname: a.hostname } : {}),
    ...(a.nodeName ? { nodeName: a.nodeName } : {}),
    ...(a.targetRef ? { targetRef: { ...a.targetRef } } : {}),
  };
}

/** The Endpoints' labels and annotations (trigger time and last-applied aside), plus ours. */
function sliceMeta(ep: Endpoints): { labels: Record<string, string>; annotations: Record<string, string> } {
  const labels: Record<string, string> = { ...ep.metadata?.labels, [LABEL_SERVICE_NAME]: ep.metadata!.name!, [LABEL_MANAGED_BY]: MIRRORING_CONTROLLER };
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(ep.metadata?.annotations ?? {})) if (k !== TRIGGER_TIME_ANNOTATION && k !== LAST_APPLIED) annotations[k] = v;
  return { labels, annotations };
}

function newSlice(ep: Endpoints, group: DesiredGroup, meta: ReturnType<typeof sliceMeta>): EndpointSlice {
  return {
    metadata: {
      generateName: `${ep.metadata!.name}-`,
      namespace: ep.metadata!.namespace!,
      labels: meta.labels,
      ...(Object.keys(meta.annotations).length > 0 ? { annotations: meta.annotations } : {}),
      ownerReferences: [controllerRef(ep)],
    },
    addressType: 'IPv4',
    endpoints: group.endpoints,
    ports: group.ports,
  };
}
