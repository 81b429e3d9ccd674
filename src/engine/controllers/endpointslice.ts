import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { Endpoint, EndpointPort, EndpointSlice } from 'kubernetes-types/discovery/v1';
import { ApiError } from '../api/errors';
import type { Informer, WatchEventType } from '../api/informer';
import { clone, controllerRef, keyOf } from '../api/objects';
import { canonicalJson } from '../sim/hash';
import { Component, type ComponentContext } from './component';
import { planSlices, type DesiredGroup } from './endpointslice-reconciler';
import { TriggerTimeTracker } from './endpointslice-trigger';
import { SliceTracker, type SliceTrackerState } from './endpointslice-tracker';
import {
  endpointPorts,
  LABEL_HEADLESS,
  LABEL_MANAGED_BY,
  LABEL_SERVICE_NAME,
  ByNamespace,
  podEndpointsChanged,
  podMatches,
  podToEndpoint,
  portsKey,
  sameLabels,
  selectsPods,
  shouldPodBeInEndpoints,
  SLICE_CONTROLLER,
  TRIGGER_TIME_ANNOTATION,
} from './endpointslice-util';

const COMPONENT = 'endpointslice-controller';
const ZONE_LABEL = 'topology.kubernetes.io/zone';
const RESERVED_LABELS = new Set([LABEL_SERVICE_NAME, LABEL_MANAGED_BY, LABEL_HEADLESS]);
/** Virtual time a sync spends per pod of the namespace it looks at. */
const SYNC_COST_PER_POD_MS = 0.05;
/** How soon to look again while our own writes have not come back through the watch yet. */
const STALE_RETRY_MS = 5;

interface SliceControllerState {
  triggers: ReturnType<TriggerTimeTracker['snapshot']>;
  tracker: SliceTrackerState;
}

/**
 * The EndpointSlice controller (pkg/controller/endpointslice): for every Service with a selector,
 * EndpointSlices of at most 100 endpoints each, grouped by the ports the pods offer, with the
 * ready/serving/terminating conditions kube-proxy routes by. Slices are owned by their Service
 * (the garbage collector removes them with it) and named `<service>-<random>`.
 */
export class EndpointSliceController extends Component {
  readonly #services: Informer<Service>;
  readonly #pods: Informer<Pod>;
  readonly #nodes: Informer<Node>;
  readonly #slices: Informer<EndpointSlice>;
  readonly #podIndex = new ByNamespace<Pod>();
  readonly #serviceIndex = new ByNamespace<Service>();
  readonly #triggers = new TriggerTimeTracker();
  readonly #tracker = new SliceTracker();

  constructor(ctx: ComponentContext) {
    super(COMPONENT, ctx);
    this.#services = this.inform<Service>('services', (type, svc) => this.#onService(type, svc as Service));
    this.#pods = this.inform<Pod>('pods', (type, pod, old) => this.#onPod(type, pod as Pod, old as Pod | undefined));
    this.#nodes = this.inform<Node>('nodes', () => {});
    this.#slices = this.inform<EndpointSlice>('endpointslices', (type, slice) => this.#onSlice(type, slice as EndpointSlice));
  }

  #onService(type: WatchEventType, svc: Service): void {
    if (type === 'DELETED') this.#serviceIndex.delete(svc);
    else this.#serviceIndex.set(svc);
    this.enqueue(keyOf(svc));
  }

  #onPod(type: WatchEventType, pod: Pod, old: Pod | undefined): void {
    if (type === 'DELETED') this.#podIndex.delete(pod);
    else this.#podIndex.set(pod);
    if (type === 'MODIFIED' && !podEndpointsChanged(old, pod)) return;
    for (const svc of this.#serviceIndex.list(pod.metadata?.namespace ?? '')) {
      if (podMatches(svc, pod) || (old && !sameLabels(old, pod) && podMatches(svc, old))) this.enqueue(keyOf(svc));
    }
  }

  #onSlice(type: WatchEventType, slice: EndpointSlice): void {
    if (slice.metadata?.labels?.[LABEL_MANAGED_BY] !== SLICE_CONTROLLER) return;
    const service = slice.metadata.labels[LABEL_SERVICE_NAME];
    if (!service) return;
    // A slice we did not write (or one deleted under us) means the Service needs another look.
    if (!this.#tracker.observe(type, slice)) this.enqueue(`${slice.metadata.namespace}/${service}`);
  }

  protected reconcile(key: string): void {
    const svc = this.#services.get(key);
    if (!svc) {
      // The garbage collector deletes the slices through their ownerReference.
      this.#triggers.forget(key);
      return;
    }
    if (!selectsPods(svc)) return;
    const existing = this.#ownedSlices(svc);
    if (this.#tracker.stale(key)) {
      this.enqueueAfter(key, STALE_RETRY_MS);
      return;
    }
    const pods = this.#podIndex.list(svc.metadata!.namespace!).filter((p) => podMatches(svc, p));
    this.spend(pods.length * SYNC_COST_PER_POD_MS);
    const plan = planSlices(existing, this.#desired(svc, pods));
    const trigger = this.#triggers.compute(key, svc, pods);
    const labels = sliceLabels(svc);
    for (const slice of plan.unchanged) {
      if (canonicalJson(slice.metadata?.labels ?? {}) !== canonicalJson(labels)) plan.update.push({ slice, endpoints: [...(slice.endpoints ?? [])] });
    }
    this.#apply(key, svc, plan, labels, trigger);
  }

  #ownedSlices(svc: Service): EndpointSlice[] {
    return this.#slices
      .list(svc.metadata?.namespace)
      .filter((s) => s.metadata?.labels?.[LABEL_SERVICE_NAME] === svc.metadata?.name && s.metadata?.labels?.[LABEL_MANAGED_BY] === SLICE_CONTROLLER);
  }

  /** Endpoints of every pod that should be in the slices (terminating ones included), by port set. */
  #desired(svc: Service, pods: Pod[]): DesiredGroup[] {
    const groups = new Map<string, DesiredGroup>();
    for (const pod of pods) {
      if (!shouldPodBeInEndpoints(pod, true)) continue;
      const ports = endpointPorts(svc, pod);
      const k = portsKey(ports);
      let group = groups.get(k);
      if (!group) groups.set(k, (group = { ports, endpoints: [] }));
      group.endpoints.push(podToEndpoint(pod, svc, this.#zone(pod)));
    }
    return [...groups.values()];
  }

  #zone(pod: Pod): string | undefined {
    const node = pod.spec?.nodeName ? this.#nodes.get(pod.spec.nodeName) : undefined;
    return node?.metadata?.labels?.[ZONE_LABEL];
  }

  #apply(key: string, svc: Service, plan: ReturnType<typeof planSlices>, labels: Record<string, string>, trigger: string | undefined): void {
    const annotations: Record<string, string> = trigger ? { [TRIGGER_TIME_ANNOTATION]: trigger } : {};
    try {
      for (const group of plan.create) this.#tracker.wrote(key, this.api.create('endpointslices', newSlice(svc, group, labels, annotations), COMPONENT));
      for (const { slice, endpoints } of plan.update) {
        const copy = clone(slice);
        copy.metadata!.labels = labels;
        const merged: Record<string, string> = { ...copy.metadata!.annotations, ...annotations };
        if (!trigger) delete merged[TRIGGER_TIME_ANNOTATION];
        if (Object.keys(merged).length > 0) copy.metadata!.annotations = merged;
        else delete copy.metadata!.annotations;
        copy.endpoints = endpoints;
        this.#tracker.wrote(key, this.api.update('endpointslices', copy, COMPONENT));
      }
      for (const slice of plan.remove) {
        this.api.delete('endpointslices', slice.metadata?.namespace, slice.metadata!.name!, { actor: COMPONENT });
        this.#tracker.deleted(key, slice);
      }
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      // A stale cache (409/404) or a namespace going away: look again once the watch catches up.
      this.enqueueAfter(key, 100);
    }
  }

  protected override snapshotExtra(): SliceControllerState {
    return { triggers: this.#triggers.snapshot(), tracker: this.#tracker.snapshot() };
  }

  protected override restoreExtra(state: unknown): void {
    const s = state as SliceControllerState;
    this.#triggers.restore(s.triggers);
    this.#tracker.restore(s.tracker);
    this.#podIndex.reset(this.#pods.list());
    this.#serviceIndex.reset(this.#services.list());
  }
}

/** setEndpointSliceLabels: the Service's labels (reserved keys aside), its name, our name, headless. */
function sliceLabels(svc: Service): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.metadata?.labels ?? {})) if (!RESERVED_LABELS.has(k)) labels[k] = v;
  if (svc.spec?.clusterIP === 'None') labels[LABEL_HEADLESS] = '';
  labels[LABEL_SERVICE_NAME] = svc.metadata!.name!;
  labels[LABEL_MANAGED_BY] = SLICE_CONTROLLER;
  return labels;
}

function newSlice(svc: Service, group: { ports: EndpointPort[]; endpoints: Endpoint[] }, labels: Record<string, string>, annotations: Record<string, string>): EndpointSlice {
  return {
    metadata: {
      generateName: `${svc.metadata!.name}-`,
      namespace: svc.metadata!.namespace!,
      labels,
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      ownerReferences: [controllerRef(svc)],
    },
    addressType: 'IPv4',
    endpoints: group.endpoints,
    ports: group.ports,
  };
}
