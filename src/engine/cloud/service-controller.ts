import type { Service } from 'kubernetes-types/core/v1';
import { ApiError } from '../api/errors';
import type { Informer } from '../api/informer';
import { clone, keyOf, splitKey } from '../api/objects';
import { formatIPv4, parseIPv4 } from '../api/registry/ip';
import { Component, type ComponentContext } from '../controllers/component';
import type { Message } from '../sim/simulator';

const COMPONENT = 'service-controller';
/** The finalizer the service controller puts on LoadBalancer Services so it can clean up. */
export const LB_CLEANUP_FINALIZER = 'service.kubernetes.io/load-balancer-cleanup';

/** Where load balancer addresses come from: a kind network range, as MetalLB hands them out. */
export interface CloudOptions {
  /** First and last address of the pool. */
  poolStart: string;
  poolEnd: string;
  /** Virtual ms the cloud takes to provision a load balancer. */
  provisionMs: number;
}

export const DEFAULT_CLOUD_OPTIONS: CloudOptions = { poolStart: '172.18.255.200', poolEnd: '172.18.255.250', provisionMs: 2000 };

/**
 * The service controller of cloud-controller-manager with a MetalLB-like cloud: a LoadBalancer
 * Service gets the cleanup finalizer, an `EnsuringLoadBalancer` event, and after the cloud has
 * provisioned (a couple of seconds) `status.loadBalancer.ingress[0].ip` from the pool, lowest free
 * first, and `EnsuredLoadBalancer`. Until then `kubectl get svc` shows `<pending>`. When the
 * Service stops being a LoadBalancer or is deleted, the address returns to the pool.
 */
export class CloudServiceController extends Component {
  readonly #services: Informer<Service>;
  readonly #options: CloudOptions;
  /** Service key → address being provisioned. */
  #pending: Record<string, string> = {};

  constructor(ctx: ComponentContext, options: Partial<CloudOptions> = {}) {
    super(COMPONENT, ctx);
    this.#options = { ...DEFAULT_CLOUD_OPTIONS, ...options };
    this.#services = this.inform<Service>('services', (_t, svc, old) => this.#onService(svc as Service, old as Service | undefined));
  }

  /** needsUpdate: a type change to or from LoadBalancer is announced as it is seen. */
  #onService(svc: Service, old: Service | undefined): void {
    const before = old?.spec?.type;
    const now = svc.spec?.type;
    if (old && before !== now && (before === 'LoadBalancer' || now === 'LoadBalancer')) this.#event(svc, 'Normal', 'Type', `${before} -> ${now}`);
    this.enqueue(keyOf(svc));
  }

  protected reconcile(key: string): void {
    const svc = this.#services.get(key);
    if (svc && wantsLoadBalancer(svc)) return this.#ensure(key, svc);
    if (svc) this.#cleanUp(key, svc);
    else delete this.#pending[key];
  }

  #ensure(key: string, svc: Service): void {
    if (!(svc.metadata?.finalizers ?? []).includes(LB_CLEANUP_FINALIZER)) {
      const copy = clone(svc);
      copy.metadata!.finalizers = [...(copy.metadata!.finalizers ?? []), LB_CLEANUP_FINALIZER];
      this.#write(key, () => this.api.update('services', copy, COMPONENT));
      return;
    }
    if ((svc.status?.loadBalancer?.ingress ?? []).length > 0 || this.#pending[key]) return;
    const ip = this.#pick(svc);
    if (!ip) {
      this.#event(svc, 'Warning', 'SyncLoadBalancerFailed', 'Error syncing load balancer: failed to ensure load balancer: no available IPs in the pool');
      this.enqueueAfter(key, 5000);
      return;
    }
    this.#pending[key] = ip;
    this.#event(svc, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer');
    this.sim.schedule(this.#options.provisionMs, this.id, { type: 'provisioned', key });
  }

  protected override onMessage(message: Message): void {
    if (message.type !== 'provisioned') return;
    const key = message.key as string;
    const ip = this.#pending[key];
    delete this.#pending[key];
    const { namespace, name } = splitKey(key);
    const svc = this.api.tryGet<Service>('services', namespace, name);
    if (!ip || !svc || !wantsLoadBalancer(svc)) return;
    const copy = clone(svc);
    copy.status = { ...copy.status, loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } };
    this.#write(key, () => this.api.updateStatus('services', copy, COMPONENT));
    this.#event(svc, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer');
  }

  /** The Service is no longer (or never was) a LoadBalancer: free its address and our finalizer. */
  #cleanUp(key: string, svc: Service): void {
    delete this.#pending[key];
    const hasIngress = (svc.status?.loadBalancer?.ingress ?? []).length > 0;
    const hasFinalizer = (svc.metadata?.finalizers ?? []).includes(LB_CLEANUP_FINALIZER);
    if (!hasIngress && !hasFinalizer) return;
    if (hasIngress) {
      this.#event(svc, 'Normal', 'DeletingLoadBalancer', 'Deleting load balancer');
      const copy = clone(svc);
      copy.status = { ...copy.status, loadBalancer: {} };
      if (!this.#write(key, () => this.api.updateStatus('services', copy, COMPONENT))) return;
      this.#event(svc, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer');
    }
    if (hasFinalizer) {
      const live = this.api.tryGet<Service>('services', svc.metadata?.namespace, svc.metadata!.name!);
      if (!live) return;
      const copy = clone(live);
      copy.metadata!.finalizers = (copy.metadata!.finalizers ?? []).filter((f) => f !== LB_CLEANUP_FINALIZER);
      if (copy.metadata!.finalizers.length === 0) delete copy.metadata!.finalizers;
      this.#write(key, () => this.api.update('services', copy, COMPONENT));
    }
  }

  /** spec.loadBalancerIP when it is a free pool address, else the lowest free one. */
  #pick(svc: Service): string | undefined {
    const used = new Set<string>(Object.values(this.#pending));
    for (const other of this.#services.list()) for (const ing of other.status?.loadBalancer?.ingress ?? []) if (ing.ip) used.add(ing.ip);
    const first = parseIPv4(this.#options.poolStart)!;
    const last = parseIPv4(this.#options.poolEnd)!;
    const wanted = svc.spec?.loadBalancerIP ? parseIPv4(svc.spec.loadBalancerIP) : undefined;
    if (wanted !== undefined && wanted >= first && wanted <= last && !used.has(svc.spec!.loadBalancerIP!)) return svc.spec!.loadBalancerIP;
    for (let n = first; n <= last; n++) if (!used.has(formatIPv4(n))) return formatIPv4(n);
    return undefined;
  }

  #write(key: string, write: () => unknown): boolean {
    try {
      write();
      return true;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      this.enqueueAfter(key, 100);
      return false;
    }
  }

  #event(svc: Service, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.events.record({ object: svc, type, reason, message, component: COMPONENT });
  }

  protected override snapshotExtra(): unknown {
    return { ...this.#pending };
  }

  protected override restoreExtra(state: unknown): void {
    this.#pending = { ...(state as Record<string, string>) };
  }
}

/** A LoadBalancer Service this cloud serves: no other loadBalancerClass, not being deleted. */
function wantsLoadBalancer(svc: Service): boolean {
  return svc.spec?.type === 'LoadBalancer' && !svc.spec.loadBalancerClass && svc.metadata?.deletionTimestamp === undefined;
}
