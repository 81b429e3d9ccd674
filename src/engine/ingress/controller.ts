import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Ingress, IngressClass } from 'kubernetes-types/networking/v1';
import type { Informer } from '../api/informer';
import { Component, type ComponentContext } from '../controllers/component';
import { exchange, httpDate, utf8Length, type HttpCall, type HttpFrontend, type HttpReply } from '../network/http-exchange';
import { connect, INGRESS_CONTROLLER_ID, type NetEnv } from '../network/route';
import type { Message } from '../sim/simulator';
import { BAD_GATEWAY, GATEWAY_TIMEOUT, NOT_FOUND, page, UNAVAILABLE } from './pages';
import { buildRoutes, match, ours, type Route } from './routes';

/**
 * Virtual ms from a change the controller's informers saw to the routing table serving it
 * (ingress-nginx's sync queue, rate-limited, then a dynamic Lua backend update).
 */
export const SYNC_DELAY_MS = 1000;
/** The address ingress-nginx publishes in Ingress status (`--publish-status-address=localhost`, as in kind). */
export const PUBLISHED_ADDRESS = 'localhost';
/** proxy_next_upstream_tries: an upstream that fails is retried on the next endpoint. */
const TRIES = 3;

interface ControllerState {
  routes: Route[];
  /** Round-robin position per upstream (ingress-nginx's default load-balance). */
  rr: Record<string, number>;
  syncPending: boolean;
  lastSyncMs?: number;
}

/**
 * An ingress-nginx-like controller: it watches Ingresses, IngressClasses, Services and
 * EndpointSlices, renders a routing table SYNC_DELAY_MS after a change, and proxies HTTP that
 * reaches a node's port 80 straight to pod endpoints (never through the Service's ClusterIP).
 */
export class IngressController extends Component implements HttpFrontend {
  readonly #ingresses: Informer<Ingress>;
  readonly #classes: Informer<IngressClass>;
  readonly #services: Informer<Service>;
  readonly #slices: Informer<EndpointSlice>;
  #state: ControllerState = { routes: [], rr: {}, syncPending: false };

  constructor(
    ctx: ComponentContext,
    private readonly epochMs: number,
  ) {
    super(INGRESS_CONTROLLER_ID, ctx);
    const changed = () => this.#scheduleSync();
    this.#ingresses = this.inform<Ingress>('ingresses', changed);
    this.#classes = this.inform<IngressClass>('ingressclasses', changed);
    this.#services = this.inform<Service>('services', changed);
    this.#slices = this.inform<EndpointSlice>('endpointslices', changed);
  }

  protected reconcile(): void {}

  #scheduleSync(): void {
    if (this.#state.syncPending) return;
    this.#state.syncPending = true;
    this.sim.schedule(SYNC_DELAY_MS, this.id, { type: 'sync' });
  }

  protected override onMessage(message: Message): void {
    if (message.type !== 'sync') return;
    this.#state.syncPending = false;
    this.#state.lastSyncMs = this.sim.now();
    const ingresses = this.#ingresses.list();
    const classes = this.#classes.list();
    this.#state.routes = buildRoutes(ingresses, classes, this.#services.list(), this.#slices.list());
    this.sim.record(this.id, 'sync', `routing table: ${this.#state.routes.length} paths`);
    for (const ing of ingresses) if (ours(ing, classes)) this.#publishStatus(ing);
  }

  /** Write the published address into Ingress status, as the controller's status sync does. */
  #publishStatus(ing: Ingress): void {
    const current = ing.status?.loadBalancer?.ingress ?? [];
    if (current.length === 1 && current[0]?.hostname === PUBLISHED_ADDRESS) return;
    const fresh = this.api.tryGet<Ingress>('ingresses', ing.metadata!.namespace, ing.metadata!.name!);
    if (!fresh) return;
    this.api.updateStatus('ingresses', { ...fresh, status: { loadBalancer: { ingress: [{ hostname: PUBLISHED_ADDRESS }] } } }, this.id);
  }

  /** The routing table as last synced (for checks and the cluster picture). */
  routes(): readonly Route[] {
    return this.#state.routes;
  }

  serveHttp(env: NetEnv, call: HttpCall, node: string, remoteAddr: string): HttpReply {
    const wallMs = this.epochMs + this.sim.now();
    const route = match(this.#state.routes, call.host, call.path);
    if (!route) return page(404, NOT_FOUND, wallMs, 0.2);
    if (route.endpoints.length === 0) return page(503, UNAVAILABLE, wallMs, 0.2);
    let spent = 0.3;
    let timedOut = false;
    for (let attempt = 0; attempt < Math.min(TRIES, route.endpoints.length); attempt++) {
      const n = this.#state.rr[route.upstream] ?? 0;
      this.#state.rr[route.upstream] = n + 1;
      const endpoint = route.endpoints[n % route.endpoints.length]!;
      const [ip, port] = endpoint.split(':');
      const conn = connect(env, { kind: 'node', node }, { ip: ip!, port: Number(port), protocol: 'TCP' }, 40_000 + (n % 20_000));
      if (!conn.ok) {
        // proxy_connect_timeout 5s bounds an upstream that never answers.
        timedOut ||= conn.error === 'timeout';
        spent += conn.error === 'timeout' ? 5000 : conn.afterMs;
        continue;
      }
      const forwarded = { ...call, headers: { ...call.headers, 'X-Forwarded-For': remoteAddr, 'X-Real-IP': remoteAddr, 'X-Forwarded-Host': call.host, 'X-Forwarded-Proto': 'http' } };
      const reply = exchange(env, conn, forwarded, remoteAddr, wallMs);
      if (!reply) continue;
      const pod = route.pods[endpoint];
      const headers = reply.headers.filter(([k]) => !['server', 'date', 'connection', 'content-length'].includes(k.toLowerCase()));
      return {
        status: reply.status,
        headers: [['Date', httpDate(wallMs)], ...headers, ['Content-Length', String(utf8Length(reply.body))], ['Connection', 'keep-alive']],
        body: reply.body,
        serverMs: spent + conn.connectMs + reply.serverMs,
        upstream: { endpoint, ...(pod ? { pod } : {}), path: ['ingress-nginx', route.ingress, route.upstream] },
        ...(reply.held ? { held: reply.held } : {}),
      };
    }
    return timedOut ? page(504, GATEWAY_TIMEOUT, wallMs, spent) : page(502, BAD_GATEWAY, wallMs, spent);
  }

  protected override snapshotExtra(): unknown {
    return JSON.parse(JSON.stringify(this.#state)) as ControllerState;
  }

  protected override restoreExtra(state: unknown): void {
    this.#state = state as ControllerState;
  }
}
