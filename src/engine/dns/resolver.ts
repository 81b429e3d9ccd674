import type { Namespace, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Informer } from '../api/informer';
import { Component, type ComponentContext } from '../controllers/component';
import { answerCluster, type DnsView } from './records';
import { CLUSTER_DOMAIN, type DnsAnswer, type RRType } from './types';

/** Actor id of the cluster DNS (the kubernetes plugin of every CoreDNS replica). */
export const COREDNS_ID = 'coredns';

/** The kubeadm Corefile's `cache 30`: answers (and denials) are kept up to 30 s per replica. */
export const CACHE_SECONDS = 30;
const CACHE_MAX = 9984;

interface CacheEntry {
  key: string;
  answer: DnsAnswer;
  expiresAtMs: number;
}

interface ResolverState {
  serial: number;
  cache: CacheEntry[];
}

/**
 * CoreDNS's kubernetes plugin and cache: watches Services, EndpointSlices and Namespaces and
 * answers questions for `cluster.local` from what it last saw. Each replica (by pod IP) caches
 * answers for up to 30 s, so a name that did not exist a moment ago can stay NXDOMAIN for a while.
 */
export class CoreDns extends Component {
  readonly #services: Informer<Service>;
  readonly #slices: Informer<EndpointSlice>;
  readonly #namespaces: Informer<Namespace>;
  #state: ResolverState = { serial: 0, cache: [] };
  #view: DnsView | undefined;

  constructor(
    ctx: ComponentContext,
    private readonly epochMs: number,
    private readonly clusterCIDR: string,
  ) {
    super(COREDNS_ID, ctx);
    const changed = () => {
      this.#view = undefined;
      this.#state.serial = Math.floor((this.epochMs + this.sim.now()) / 1000);
    };
    this.#services = this.inform<Service>('services', changed);
    this.#slices = this.inform<EndpointSlice>('endpointslices', changed);
    this.#namespaces = this.inform<Namespace>('namespaces', changed);
  }

  protected reconcile(): void {}

  #currentView(): DnsView {
    this.#view ??= {
      services: this.#services.list(),
      slices: this.#slices.list(),
      namespaces: new Set(this.#namespaces.list().map((n) => n.metadata!.name!)),
      serial: this.#state.serial,
      clusterCIDR: this.clusterCIDR,
    };
    return this.#view;
  }

  /** Answer a question sent to the replica at `serverIP` (its cache, then the plugins). */
  answer(serverIP: string, qname: string, qtype: RRType): DnsAnswer {
    const fqdn = qname.endsWith('.') ? qname.toLowerCase() : `${qname.toLowerCase()}.`;
    const key = `${serverIP}|${qtype}|${fqdn}`;
    const now = this.sim.now();
    const hit = this.#state.cache.find((e) => e.key === key && e.expiresAtMs > now);
    if (hit) return ageTtl(hit, now);
    const answer = this.#resolve(fqdn, qtype);
    this.#remember({ key, answer, expiresAtMs: now + CACHE_SECONDS * 1000 }, now);
    return answer;
  }

  #resolve(fqdn: string, qtype: RRType): DnsAnswer {
    if (fqdn.endsWith(`.${CLUSTER_DOMAIN}.`) || fqdn.endsWith('.in-addr.arpa.')) return answerCluster(this.#currentView(), fqdn, qtype);
    // `forward . /etc/resolv.conf`: the simulated cluster has no upstream that knows the name.
    return { rcode: 'NXDOMAIN', aa: false, answer: [], authority: [], additional: [] };
  }

  #remember(entry: CacheEntry, now: number): void {
    const cache = this.#state.cache.filter((e) => e.expiresAtMs > now && e.key !== entry.key);
    cache.push(entry);
    this.#state.cache = cache.slice(-CACHE_MAX);
  }

  protected override snapshotExtra(): unknown {
    return JSON.parse(JSON.stringify(this.#state)) as ResolverState;
  }

  protected override restoreExtra(state: unknown): void {
    this.#state = state as ResolverState;
    this.#view = undefined;
  }
}

/** A cached answer's TTLs count down, as the cache plugin serves them. */
function ageTtl(entry: CacheEntry, now: number): DnsAnswer {
  const left = Math.max(0, Math.ceil((entry.expiresAtMs - now) / 1000));
  const age = (rrs: DnsAnswer['answer']) => rrs.map((r) => ({ ...r, ttl: Math.min(r.ttl, left) }));
  const a = entry.answer;
  return { ...a, answer: age(a.answer), authority: age(a.authority), additional: age(a.additional) };
}
