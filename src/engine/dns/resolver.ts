import type { Namespace, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Informer } from '../api/informer';
import { Component, type ComponentContext } from '../controllers/component';
import type { Message } from '../sim/simulator';
import { answerCluster, type DnsView } from './records';
import { CLUSTER_DOMAIN, upstreamNxdomain, type DnsAnswer, type RRType } from './types';

/** Actor id of the cluster DNS (the kubernetes plugin of every CoreDNS replica). */
export const COREDNS_ID = 'coredns';

/**
 * Virtual ms between a Service or EndpointSlice change reaching CoreDNS's informers and the
 * kubernetes plugin answering from it (its controller's queue and index rebuild).
 */
export const PROPAGATION_MS = 500;

interface ResolverState {
  serial: number;
  /** What the plugin answers from: the objects as of the last refresh. */
  view: { services: Service[]; slices: EndpointSlice[]; namespaces: string[] };
  refreshPending: boolean;
}

/**
 * CoreDNS's kubernetes plugin: watches Services, EndpointSlices and Namespaces and answers for
 * `cluster.local` and reverse zones from what it last indexed, PROPAGATION_MS after a change.
 * The kubeadm Corefile disables the cache for cluster.local, so answers are never older than
 * that; names outside the cluster go to an upstream that knows none of them.
 */
export class CoreDns extends Component {
  readonly #services: Informer<Service>;
  readonly #slices: Informer<EndpointSlice>;
  readonly #namespaces: Informer<Namespace>;
  #state: ResolverState = { serial: 0, view: { services: [], slices: [], namespaces: [] }, refreshPending: false };
  #index: DnsView | undefined;

  constructor(
    ctx: ComponentContext,
    private readonly epochMs: number,
    private readonly clusterCIDR: string,
    private readonly propagationMs = PROPAGATION_MS,
  ) {
    super(COREDNS_ID, ctx);
    const changed = () => {
      if (this.#state.refreshPending) return;
      this.#state.refreshPending = true;
      this.sim.schedule(this.propagationMs, this.id, { type: 'refresh' });
    };
    this.#services = this.inform<Service>('services', changed);
    this.#slices = this.inform<EndpointSlice>('endpointslices', changed);
    this.#namespaces = this.inform<Namespace>('namespaces', changed);
  }

  protected reconcile(): void {}

  protected override onMessage(message: Message): void {
    if (message.type !== 'refresh') return;
    this.#state.refreshPending = false;
    this.#state.serial = Math.floor((this.epochMs + this.sim.now()) / 1000);
    this.#state.view = { services: this.#services.list(), slices: this.#slices.list(), namespaces: this.#namespaces.list().map((n) => n.metadata!.name!) };
    this.#index = undefined;
  }

  #view(): DnsView {
    const v = this.#state.view;
    this.#index ??= { services: v.services, slices: v.slices, namespaces: new Set(v.namespaces), serial: this.#state.serial, clusterCIDR: this.clusterCIDR };
    return this.#index;
  }

  /** Answer a question sent to the replica at `serverIP`. */
  answer(_serverIP: string, qname: string, qtype: RRType): DnsAnswer {
    const fqdn = qname.endsWith('.') ? qname.toLowerCase() : `${qname.toLowerCase()}.`;
    if (fqdn.endsWith(`.${CLUSTER_DOMAIN}.`) || fqdn.endsWith('.in-addr.arpa.')) return answerCluster(this.#view(), fqdn, qtype);
    // `forward . /etc/resolv.conf`: the simulated cluster has no upstream that knows the name.
    return upstreamNxdomain();
  }

  protected override snapshotExtra(): unknown {
    return JSON.parse(JSON.stringify(this.#state)) as ResolverState;
  }

  protected override restoreExtra(state: unknown): void {
    this.#state = state as ResolverState;
    this.#index = undefined;
  }
}
