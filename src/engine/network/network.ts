import type { ClusterConfig } from '../cluster-config';
import { Component, type ComponentContext } from '../controllers/component';
import type { Message } from '../sim/simulator';
import { ESTABLISHED_MS, TIME_WAIT_MS, track, type ConntrackEntry } from './conntrack';
import { exchange, type HttpCall, type HttpReply } from './http-exchange';
import { clientLabel, type Connected, type ConnectResult, type NetClient } from './model';
import { query, resolvConf, resolveHost, type DnsExchange, type ResolvConf, type ResolveResult } from './resolve';
import type { RRType } from '../dns/types';
import { connect, type NetEnv } from './route';
import type { RequestError, TrafficRecord } from './types';
import { parseUrl, type ParsedUrl } from './url';
import { fireLoad, type LoadSpec } from './load';
import { echo, type EchoReply } from './icmp';
import { settle, settledOutcome, settledRecord, type PendingResponse, type Settlement } from './pending';

/** Actor id of the network. */
export const NETWORK_ID = 'network';
/** Traffic records kept (oldest dropped first). */
export const TRAFFIC_RING = 20_000;

/** A kept-alive connection a client reuses: it stays on the endpoint it was DNATed to. */
export interface KeepAlive {
  conn: Connected;
  requests: number;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  userAgent?: string;
  /** Client label in the TrafficRecord (default from the client). */
  label?: string;
  /** Keep a TrafficRecord (load generators do; curl does not). */
  record?: boolean;
  /** Reuse this connection when it still works; the outcome carries the one used. */
  keepAlive?: KeepAlive;
  /** The identity of the client certificate presented (curl --cert). */
  clientCert?: { user: string; groups: string[] };
  /** Keep the connection open afterwards (a keep-alive client); otherwise it closes into TIME_WAIT. */
  keepOpen?: boolean;
  /** Nobody waits on the answer (a background generator): a held response only settles its record. */
  background?: boolean;
}

/** Everything one request went through, for curl -v and load summaries. */
export interface RequestOutcome {
  url: ParsedUrl;
  dns?: ResolveResult;
  conn?: ConnectResult;
  reply?: HttpReply;
  error?: RequestError;
  /** Virtual ms from start to the last byte (or the failure). */
  ms: number;
  keepAlive?: KeepAlive;
  /** The server is still working on the reply: it is due at `dueAtMs`; settle() says whether it came. */
  pending?: { id: number; dueAtMs: number };
}

interface NetworkState {
  records: TrafficRecord[];
  nextPort: number;
  conntrack: ConntrackEntry[];
  loads: Record<string, LoadSpec>;
  pending: PendingResponse[];
  /** How held responses a caller waits on were settled, until it reads them. */
  settled: Record<string, Settlement & { dueAtMs: number }>;
  nextPendingId: number;
}

/** Settlements nobody collected (a client that gave up) are dropped after this long. */
const SETTLED_KEEP_MS = 60_000;

/**
 * The simulated network: routes connections through each node's kube-proxy rules to pods,
 * carries HTTP to the simulated apps, keeps conntrack entries and the traffic log labs grade
 * from, and runs background load generators.
 */
export class Network extends Component {
  #state: NetworkState = { records: [], nextPort: 40_000, conntrack: [], loads: {}, pending: [], settled: {}, nextPendingId: 1 };
  readonly #attached: unknown[] = [];
  /** The conntrack entry each open connection made (transient: connections close within a call or a load run). */
  readonly #entries = new WeakMap<Connected, ConntrackEntry>();

  constructor(
    ctx: ComponentContext,
    readonly config: ClusterConfig,
  ) {
    super(NETWORK_ID, ctx);
  }

  protected reconcile(): void {}

  /** Attach a NodeProxy by hand (tests, or a proxy not registered under a known id). */
  attachProxy(proxy: unknown): void {
    this.#attached.push(proxy);
  }

  get env(): NetEnv {
    return { config: this.config, lookup: (id) => this.sim.actor(id), proxies: this.#attached, rng: this.sim.rng };
  }

  /** An ephemeral source port (net.ipv4.ip_local_port_range 32768-60999). */
  nextPort(): number {
    const p = this.#state.nextPort;
    this.#state.nextPort = p >= 60_999 ? 32_768 : p + 1;
    return p;
  }

  resolve(client: NetClient, name: string): ResolveResult {
    return resolveHost(this.env, client, name, () => this.nextPort());
  }

  /** The client's /etc/resolv.conf. */
  resolvConf(client: NetClient): ResolvConf {
    return resolvConf(client);
  }

  /** Send one DNS question to `server` (nslookup, dig). */
  dnsQuery(client: NetClient, server: string, qname: string, qtype: RRType): DnsExchange {
    return query(this.env, client, server, qname, qtype, this.nextPort());
  }

  /** Send one ICMP echo request; undefined when no reply ever comes. */
  ping(client: NetClient, ip: string): EchoReply | undefined {
    return echo(this.env, client, ip);
  }

  /** Open a TCP connection (and record it in the routing node's conntrack table). */
  connect(client: NetClient, ip: string, port: number): ConnectResult {
    const srcPort = this.nextPort();
    const env = this.env;
    const conn = connect(env, client, { ip, port, protocol: 'TCP' }, srcPort);
    if (conn.ok) {
      const src = `${conn.srcIP}:${srcPort}`;
      if (conn.node) {
        const entry: ConntrackEntry = { node: conn.node, protocol: 'TCP', state: 'ESTABLISHED', src, dst: `${ip}:${port}`, reply: conn.endpoint, expiresAtMs: this.sim.now() + ESTABLISHED_MS };
        track(this.#state.conntrack, entry, this.sim.now());
        this.#entries.set(conn, entry);
      }
    }
    return conn;
  }

  /** One HTTP request from `client` to `url`, start to finish, at the current virtual time. */
  request(client: NetClient, urlText: string, options: RequestOptions = {}): RequestOutcome {
    const url = parseUrl(urlText);
    if (!url) return { url: { scheme: 'http', host: urlText, port: 80, path: '/', explicitPort: false }, error: 'dns-failure', ms: 0 };
    const outcome = this.#send(client, url, options);
    const rec = options.record ? this.#recordOf(client, urlText, options, outcome) : undefined;
    const held = outcome.reply?.held;
    if (!held) {
      if (rec) this.#keep(rec);
      return outcome;
    }
    const now = this.sim.now();
    const p: PendingResponse = { id: this.#state.nextPendingId++, held, sentAtMs: now, dueAtMs: now + held.holdMs, proxied: outcome.reply!.upstream !== undefined, ...(rec ? { record: rec } : {}), ...(options.background ? { background: true } : {}) };
    this.#state.pending.push(p);
    this.sim.schedule(held.holdMs, this.id, { type: 'settle', id: p.id });
    return { ...outcome, pending: { id: p.id, dueAtMs: p.dueAtMs } };
  }

  /** Whether a held reply is known: its due time came, or the process that owed it died. */
  settled(outcome: RequestOutcome): boolean {
    return outcome.pending !== undefined && String(outcome.pending.id) in this.#state.settled;
  }

  /**
   * The outcome of a request whose reply was held, once settled(): unchanged when the process
   * lived to answer, a reset (or a proxy's 502) when it died first.
   */
  settle(outcome: RequestOutcome): RequestOutcome {
    const s = outcome.pending ? this.#state.settled[outcome.pending.id] : undefined;
    if (!s) return outcome;
    delete this.#state.settled[outcome.pending!.id];
    return settledOutcome(outcome, s, s.dueAtMs, this.config.epochMs + s.atMs);
  }

  /** Settle the held responses `which` picks (their due time came, or their process died). */
  #settleWhere(which: (p: PendingResponse) => boolean): void {
    const due = this.#state.pending.filter(which);
    if (due.length === 0) return;
    this.#state.pending = this.#state.pending.filter((p) => !which(p));
    for (const p of due) this.#settleOne(p);
  }

  #settleOne(p: PendingResponse): void {
    const s = settle(this.env, p);
    if (!s.delivered) this.sim.record(this.id, 'reset', `${p.held.container} of pod ${p.held.podUid} ended before answering a request sent at ${p.sentAtMs} ms`);
    if (p.record) this.#keep(settledRecord(p, s));
    const now = this.sim.now();
    for (const [k, old] of Object.entries(this.#state.settled)) if (old.dueAtMs < now - SETTLED_KEEP_MS) delete this.#state.settled[k];
    if (!p.background) this.#state.settled[p.id] = { ...s, dueAtMs: p.dueAtMs };
  }

  #send(client: NetClient, url: ParsedUrl, options: RequestOptions): RequestOutcome {
    let ms = 0;
    let conn: ConnectResult | undefined;
    let dns: ResolveResult | undefined;
    const reuse = options.keepAlive && this.#usable(options.keepAlive) ? options.keepAlive : undefined;
    if (reuse) conn = reuse.conn;
    else {
      dns = this.resolve(client, url.host);
      ms += dns.ms;
      if (!dns.ok) return { url, dns, error: 'dns-failure', ms };
      conn = this.connect(client, dns.ips[0]!, url.port);
      ms += conn.ok ? conn.connectMs : conn.afterMs;
      if (!conn.ok) return { url, dns, conn, error: conn.error, ms };
    }
    const given = Object.entries(options.headers ?? {}).find(([k]) => k.toLowerCase() === 'host')?.[1];
    const call: HttpCall = { method: options.method ?? 'GET', path: url.path, host: given ?? (url.explicitPort ? `${url.host}:${url.port}` : url.host), userAgent: options.userAgent ?? 'curl/8.14.1', headers: options.headers ?? {}, tls: url.scheme === 'https', ...(options.clientCert ? { clientCert: options.clientCert } : {}) };
    const reply = exchange(this.env, conn, call, remoteAddr(client, conn), this.config.epochMs + this.sim.now());
    const keepAlive = { conn, requests: (reuse?.requests ?? 0) + 1 };
    if (!reply) return { url, ...(dns ? { dns } : {}), conn, error: 'connection-reset', ms: ms + conn.connectMs / 2, keepAlive };
    ms += conn.connectMs + reply.serverMs;
    if (!options.keepOpen) this.close(conn);
    return { url, ...(dns ? { dns } : {}), conn, reply, ms, keepAlive };
  }

  /** A kept-alive connection still goes to a live process that has not started closing it. */
  #usable(k: KeepAlive): boolean {
    if (k.conn.target.kind !== 'pod') return k.requests < 100;
    const netns = this.env.lookup(`kubelet/${k.conn.target.node}`) as { podByIP?: (ip: string) => { stopping(): boolean } | undefined } | undefined;
    const pod = netns?.podByIP?.(k.conn.target.ip);
    // A server that got SIGTERM closes idle connections; a vanished pod is found out by the request.
    return !pod || !pod.stopping();
  }

  #recordOf(client: NetClient, text: string, options: RequestOptions, o: RequestOutcome): TrafficRecord {
    const rec: TrafficRecord = { t: this.sim.now(), client: options.label ?? clientLabel(client), method: options.method ?? 'GET', url: text, latencyMs: Math.round(o.ms * 1000) / 1000 };
    if (o.reply) rec.status = o.reply.status;
    if (o.error) rec.error = o.error;
    const endpoint = o.reply?.upstream?.endpoint ?? o.conn?.endpoint;
    const pod = o.reply?.upstream?.pod ?? o.conn?.pod;
    // Where the rules sent it, even when nothing answered there any more.
    if (endpoint) rec.endpoint = endpoint;
    if (pod) rec.pod = pod;
    if (o.conn?.node) rec.node = o.conn.node;
    return rec;
  }

  /** Keep a record in send order (a held one is settled after later requests were recorded). */
  #keep(rec: TrafficRecord): void {
    const records = this.#state.records;
    let i = records.length;
    while (i > 0 && records[i - 1]!.t > rec.t) i--;
    records.splice(i, 0, rec);
    if (records.length > TRAFFIC_RING * 1.25) records.splice(0, records.length - TRAFFIC_RING);
  }

  /** Traffic records, oldest first (the last TRAFFIC_RING of them). */
  records(): readonly TrafficRecord[] {
    const r = this.#state.records;
    return r.length > TRAFFIC_RING ? r.slice(r.length - TRAFFIC_RING) : r;
  }

  /** The same records, under the name lab checks look for. */
  trafficRecords(): readonly TrafficRecord[] {
    return this.records();
  }

  /** Conntrack entries of one node (or all), live ones only. */
  conntrack(node?: string): ConntrackEntry[] {
    const now = this.sim.now();
    return this.#state.conntrack.filter((e) => e.expiresAtMs > now && (node === undefined || e.node === node));
  }

  /** Close a connection: its conntrack entry moves to TIME_WAIT. */
  close(conn: Connected): void {
    const e = this.#entries.get(conn) ?? this.#state.conntrack.findLast((x) => x.reply === conn.endpoint && x.src.endsWith(`:${conn.srcPort}`));
    if (e) {
      e.state = 'TIME_WAIT';
      e.expiresAtMs = this.sim.now() + TIME_WAIT_MS;
    }
  }

  /** Start (or replace) a background load generator firing `rps` requests a second. */
  startLoad(spec: Omit<LoadSpec, 'carryMs' | 'sent' | 'generation'> & { generation?: number }): void {
    const generation = spec.generation ?? this.sim.now();
    this.#state.loads[spec.name] = { ...spec, generation, sent: 0, carryMs: 0 };
    this.sim.record(this.id, 'load-start', `load ${spec.name}: ${spec.rps} requests/s to ${spec.url}`);
    this.sim.schedule(0, this.id, { type: 'load-tick', name: spec.name, generation });
  }

  stopLoad(name: string): boolean {
    const had = name in this.#state.loads;
    if (had) this.sim.record(this.id, 'load-stop', `load ${name} stopped after ${this.#state.loads[name]!.sent} requests`);
    delete this.#state.loads[name];
    return had;
  }

  loads(): readonly LoadSpec[] {
    return Object.values(this.#state.loads);
  }

  protected override onMessage(message: Message): void {
    if (message.type === 'settle') return this.#settleWhere((p) => p.id === message.id);
    if (message.type === 'process-exit') return this.#settleWhere((p) => p.held.containerId === message.containerId);
    if (message.type !== 'load-tick') return;
    const spec = this.#state.loads[message.name as string];
    if (!spec || spec.generation !== message.generation) return;
    const next = fireLoad(this, spec, this.sim.now());
    if (next === undefined) delete this.#state.loads[spec.name];
    else this.sim.schedule(next, this.id, message);
  }

  protected override snapshotExtra(): unknown {
    return JSON.parse(JSON.stringify(this.#state)) as NetworkState;
  }

  protected override restoreExtra(state: unknown): void {
    // Snapshots from before held responses existed lack their fields.
    this.#state = { pending: [], settled: {}, nextPendingId: 1, ...(state as Partial<NetworkState>) } as NetworkState;
  }
}

/** The source address the server sees: the client, or the node when kube-proxy masqueraded. */
function remoteAddr(client: NetClient, conn: Connected): string {
  if (client.kind !== 'workstation') return conn.srcIP;
  // Traffic from outside through a NodePort is masqueraded to the node's address.
  return conn.node ? (conn.routerIP ?? conn.srcIP) : conn.srcIP;
}
