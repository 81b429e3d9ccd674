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

/** The Corefile's `cache 30`: each replica keeps answers (and denials) up to 30 s. */
export const CACHE_SECONDS = 30;
const CACHE_MAX = 9984;

interface CacheEntry {
  answer: DnsAnswer;
  expiresAtMs: number;
}

interface ResolverState {
  serial: number;
  /** Per replica (pod IP) and question: what its cache plugin holds. */
  cache: Record<string, CacheEntry>;
  /** What the plugin answers from: the objects as of the last refresh. */
  view: { services: Service[]; slices: EndpointSlice[]; namespaces: string[] };
  refreshPending: boolean;
}

/**
 * CoreDNS's kubernetes plugin and cache: watches Services, EndpointSlices and Namespaces and
 * answers for `cluster.local` and reverse zones from what it last indexed, PROPAGATION_MS after
 * a change. Each replica caches what it answered for up to 30 s (`cache 30`), so a name asked
 * for just before its Service existed can stay NXDOMAIN on that replica for a while. Names
 * outside the cluster go to an upstream that knows none of them.
 */
export class CoreDns extends Component {
  readonly #services: Informer<Service>;
  readonly #slices: Informer<EndpointSlice>;
  readonly #namespaces: Informer<Namespace>;
  #state: ResolverState = { serial: 0, cache: {}, view: { services: [], slices: [], namespaces: [] }, refreshPending: false };
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
  answer(serverIP: string, qname: string, qtype: RRType): DnsAnswer {
    const fqdn = qname.endsWith('.') ? qname.toLowerCase() : `${qname.toLowerCase()}.`;
    const key = `${serverIP}|${qtype}|${fqdn}`;
    const now = this.sim.now();
    const hit = this.#state.cache[key];
    if (hit && hit.expiresAtMs > now) return aged(hit, now);
    const answer = this.#resolve(fqdn, qtype);
    this.#remember(key, { answer, expiresAtMs: now + Math.min(CACHE_SECONDS, minTtl(answer)) * 1000 }, now);
    return answer;
  }

  #resolve(fqdn: string, qtype: RRType): DnsAnswer {
    if (fqdn.endsWith(`.${CLUSTER_DOMAIN}.`) || fqdn.endsWith('.in-addr.arpa.')) return answerCluster(this.#view(), fqdn, qtype);
    // `forward . /etc/resolv.conf`: the simulated cluster has no upstream that knows the name.
    return upstreamNxdomain();
  }

  #remember(key: string, entry: CacheEntry, now: number): void {
    const cache = this.#state.cache;
    if (Object.keys(cache).length >= CACHE_MAX) for (const [k, e] of Object.entries(cache)) if (e.expiresAtMs <= now) delete cache[k];
    cache[key] = entry;
  }

  protected override snapshotExtra(): unknown {
    return JSON.parse(JSON.stringify(this.#state)) as ResolverState;
  }

  protected override restoreExtra(state: unknown): void {
    this.#state = state as ResolverState;
    this.#index = undefined;
  }
}

/** The TTL a cache keeps an answer for: its smallest record TTL (the SOA's for a denial). */
function minTtl(a: DnsAnswer): number {
  const ttls = [...a.answer, ...a.authority].map((r) => r.ttl);
  return ttls.length > 0 ? Math.min(...ttls) : CACHE_SECONDS;
}

/** A cached answer's TTLs count down, as the cache plugin serves them. */
function aged(entry: CacheEntry, now: number): DnsAnswer {
  const left = Math.max(0, Math.ceil((entry.expiresAtMs - now) / 1000));
  const age = (rrs: DnsAnswer['answer']) => rrs.map((r) => ({ ...r, ttl: Math.min(r.ttl, left) }));
  const a = entry.answer;
  return { ...a, answer: age(a.answer), authority: age(a.authority), additional: age(a.additional) };
}
