import type { EndpointAddress, EndpointPort, Endpoints, EndpointSubset, Pod, Service } from 'kubernetes-types/core/v1';
import { ApiError } from '../api/errors';
import type { Informer, WatchEventType } from '../api/informer';
import { clone, keyOf, splitKey } from '../api/objects';
import { canonicalJson } from '../sim/hash';
import { atLeast, type KubeVersion } from '../version';
import { Component, type ComponentContext } from './component';
import { isPodReady } from './deployment/util/pod';
import {
  findPort,
  LABEL_HEADLESS,
  ByNamespace,
  podEndpointsChanged,
  podMatches,
  sameLabels,
  selectsPods,
  shouldPodBeInEndpoints,
  shouldSetHostname,
  TRIGGER_TIME_ANNOTATION,
} from './endpointslice-util';
import { TriggerTimeTracker } from './endpointslice-trigger';

const COMPONENT = 'endpoint-controller';
/** maxCapacity: Endpoints objects keep at most 1000 addresses and say they were truncated. */
const MAX_CAPACITY = 1000;
const OVER_CAPACITY_ANNOTATION = 'endpoints.kubernetes.io/over-capacity';
/** Since 1.33 (KEP-4974) the controller labels what it wrote, to tell it from hand-written Endpoints. */
const LABEL_MANAGED_BY = 'endpoints.kubernetes.io/managed-by';
/** Virtual time a sync spends per pod of the namespace it looks at. */
const SYNC_COST_PER_POD_MS = 0.05;

/**
 * The Endpoints controller (pkg/controller/endpoint): for every Service with a selector, one
 * Endpoints object of the same name listing the matching pods' IPs, ready ones under `addresses`
 * and not-ready ones under `notReadyAddresses`, grouped into subsets by port set. Terminating
 * pods are dropped unless the Service publishes not-ready addresses. Services without a
 * selector are left to whoever writes their Endpoints by hand.
 */
export class EndpointsController extends Component {
  readonly #services: Informer<Service>;
  readonly #endpoints: Informer<Endpoints>;
  readonly #pods: Informer<Pod>;
  readonly #podIndex = new ByNamespace<Pod>();
  readonly #serviceIndex = new ByNamespace<Service>();
  readonly #triggers = new TriggerTimeTracker();
  readonly #version: KubeVersion;

  constructor(ctx: ComponentContext & { version: KubeVersion }) {
    super(COMPONENT, ctx);
    this.#version = ctx.version;
    this.#services = this.inform<Service>('services', (type, svc) => this.#onService(type, svc as Service));
    this.#pods = this.inform<Pod>('pods', (type, pod, old) => this.#onPod(type, pod as Pod, old as Pod | undefined));
    this.#endpoints = this.inform<Endpoints>('endpoints', (type, ep) => {
      // onEndpointsDelete: someone removed our object; put it back. Edits wait for the next sync.
      if (type === 'DELETED' && this.#services.get(keyOf(ep))) this.enqueue(keyOf(ep));
    });
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

  protected reconcile(key: string): void {
    const svc = this.#services.get(key);
    const current = this.#endpoints.get(key);
    if (!svc) {
      this.#triggers.forget(key);
      if (current) this.#delete(key);
      return;
    }
    if (!selectsPods(svc)) return;
    const pods = this.#podIndex.list(svc.metadata!.namespace!).filter((p) => podMatches(svc, p));
    this.spend(pods.length * SYNC_COST_PER_POD_MS);
    const { subsets, truncated } = this.#subsets(svc, pods);
    const labels: Record<string, string> = { ...svc.metadata?.labels, ...(svc.spec?.clusterIP === 'None' ? { [LABEL_HEADLESS]: '' } : {}) };
    if (atLeast(this.#version, 33)) labels[LABEL_MANAGED_BY] = COMPONENT;
    const trigger = this.#triggers.compute(key, svc, pods);
    if (current && sameSubsets(current.subsets ?? [], subsets) && canonicalJson(current.metadata?.labels ?? {}) === canonicalJson(labels) && (current.metadata?.annotations?.[OVER_CAPACITY_ANNOTATION] !== undefined) === truncated) return;
    const annotations: Record<string, string> = { ...current?.metadata?.annotations };
    if (trigger) annotations[TRIGGER_TIME_ANNOTATION] = trigger;
    else delete annotations[TRIGGER_TIME_ANNOTATION];
    if (truncated) annotations[OVER_CAPACITY_ANNOTATION] = 'truncated';
    else delete annotations[OVER_CAPACITY_ANNOTATION];
    this.#write(key, current, { labels, annotations }, subsets);
  }

  /** Every (pod, port) pair the pod offers, then repacked into subsets by port set (RepackSubsets). */
  #subsets(svc: Service, pods: Pod[]): { subsets: EndpointSubset[]; truncated: boolean } {
    const tolerateUnready = svc.spec?.publishNotReadyAddresses === true;
    const offers: Offer[] = [];
    for (const pod of pods) {
      if (!shouldPodBeInEndpoints(pod, tolerateUnready)) continue;
      const ports: EndpointPort[] = [];
      for (const sp of svc.spec?.ports ?? []) {
        const port = findPort(pod, sp);
        if (port !== undefined) ports.push({ ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
      }
      // A headless Service may have no ports; its pods are then listed as bare addresses.
      if (ports.length === 0 && !((svc.spec?.ports ?? []).length === 0 && svc.spec?.clusterIP === 'None')) continue;
      offers.push({ address: this.#address(pod, svc), ready: tolerateUnready || isPodReady(pod), ports });
    }
    return repack(offers);
  }

  #address(pod: Pod, svc: Service): EndpointAddress {
    return {
      ip: pod.status!.podIP!,
      ...(shouldSetHostname(pod, svc) ? { hostname: pod.spec!.hostname! } : {}),
      ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
      targetRef: { kind: 'Pod', namespace: pod.metadata!.namespace!, name: pod.metadata!.name!, uid: pod.metadata!.uid! },
    };
  }

  #write(key: string, current: Endpoints | undefined, meta: { labels: Record<string, string>; annotations: Record<string, string> }, subsets: EndpointSubset[]): void {
    const { namespace, name } = splitKey(key);
    try {
      if (current) {
        const copy = clone(current);
        copy.metadata!.labels = meta.labels;
        copy.metadata!.annotations = meta.annotations;
        copy.subsets = subsets;
        if (Object.keys(meta.annotations).length === 0) delete copy.metadata!.annotations;
        this.api.update('endpoints', copy, COMPONENT);
      } else {
        const annotations = Object.keys(meta.annotations).length > 0 ? { annotations: meta.annotations } : {};
        this.api.create<Endpoints>('endpoints', { metadata: { name, namespace, labels: meta.labels, ...annotations }, subsets }, COMPONENT);
      }
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      // A stale cache (409, 404): the watch brings the truth, then we try again.
      this.enqueueAfter(key, 100);
    }
  }

  #delete(key: string): void {
    const { namespace, name } = splitKey(key);
    try {
      this.api.delete('endpoints', namespace, name, { actor: COMPONENT });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }

  protected override snapshotExtra(): unknown {
    return this.#triggers.snapshot();
  }

  protected override restoreExtra(state: unknown): void {
    this.#triggers.restore(state as ReturnType<TriggerTimeTracker['snapshot']>);
    this.#podIndex.reset(this.#pods.list());
    this.#serviceIndex.reset(this.#services.list());
  }
}

/** One pod's address, its readiness and the ports it offers. */
interface Offer {
  address: EndpointAddress;
  ready: boolean;
  ports: EndpointPort[];
}

/**
 * RepackSubsets: addresses offering the same set of ports share a subset; addresses sorted by IP
 * then uid (LessEndpointAddress). At most 1000 addresses are kept (maxCapacity).
 */
function repack(offers: Offer[]): { subsets: EndpointSubset[]; truncated: boolean } {
  const byIP = (a: EndpointAddress, b: EndpointAddress) => (a.ip !== b.ip ? (a.ip < b.ip ? -1 : 1) : (a.targetRef?.uid ?? '') < (b.targetRef?.uid ?? '') ? -1 : 1);
  const groups = new Map<string, { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }>();
  for (const offer of offers) {
    const k = offer.ports.map((p) => `${p.name ?? ''}/${p.port}/${p.protocol ?? ''}/${p.appProtocol ?? ''}`).join(',');
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { ports: offer.ports, ready: [], notReady: [] }));
    (offer.ready ? g.ready : g.notReady).push(offer.address);
  }
  const subsets: EndpointSubset[] = [];
  let room = MAX_CAPACITY;
  for (const k of [...groups.keys()].sort()) {
    const g = groups.get(k)!;
    const ready = g.ready.sort(byIP).slice(0, room);
    room -= ready.length;
    const notReady = g.notReady.sort(byIP).slice(0, room);
    room -= notReady.length;
    if (ready.length + notReady.length === 0) continue;
    subsets.push({
      ...(ready.length ? { addresses: ready } : {}),
      ...(notReady.length ? { notReadyAddresses: notReady } : {}),
      ...(g.ports.length ? { ports: g.ports } : {}),
    });
  }
  return { subsets, truncated: offers.length > MAX_CAPACITY };
}

/** Subsets equality over what the controller writes, without serialising thousands of addresses. */
function sameSubsets(a: readonly EndpointSubset[], b: readonly EndpointSubset[]): boolean {
  const sameAddresses = (x: readonly EndpointAddress[] = [], y: readonly EndpointAddress[] = []) =>
    x.length === y.length &&
    x.every((p, i) => {
      const q = y[i]!;
      return p.ip === q.ip && p.nodeName === q.nodeName && p.hostname === q.hostname && p.targetRef?.uid === q.targetRef?.uid && p.targetRef?.name === q.targetRef?.name;
    });
  return (
    a.length === b.length &&
    a.every((s, i) => {
      const t = b[i]!;
      return sameAddresses(s.addresses, t.addresses) && sameAddresses(s.notReadyAddresses, t.notReadyAddresses) && canonicalJson(s.ports ?? []) === canonicalJson(t.ports ?? []);
    })
  );
}
