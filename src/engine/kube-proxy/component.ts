import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Informer } from '../api/informer';
import type { ClusterConfig, NodeConfig } from '../cluster-config';
import { Component, type ComponentContext } from '../controllers/component';
import type { Message } from '../sim/simulator';
import type { KubeVersion } from '../version';
import { applyChanges, emptyTracker, trackEndpoints, trackService, type AppliedMaps, type ChangeTrackerState, type UpdateResult } from './change-tracker';
import { kubeadmConfigConf, parseConfigConf, type KubeProxySettings, type ProxyRunConfig } from './config';
import { klogLine } from './klog';
import type { Proxier } from './proxier';
import { newProxier } from './proxiers';
import { goDuration, newRunner, tryRun, type RunnerConfig, type RunnerState } from './runner';
import { endpointsFromSlices, servicePorts, sliceServiceKey } from './service-info';
import { decideStart, type LogEntry } from './startup';
import { syncLog, syncTrace } from './sync-report';
import type { FlowKey, FlowOrigin, NodeProxy, ProgrammedServicePort, ProxyMode, RouteDecision } from './types';

/** The kubelet message that reaches the kube-proxy process (for its log lines and its exit). */
type ReplyTo = Message & { kubelet: string };

interface KubeProxyState {
  phase: 'waiting' | 'running' | 'failed';
  /** Bumped per process start, so timers of an older process are ignored. */
  epoch: number;
  run?: ProxyRunConfig;
  maps: AppliedMaps;
  tracker: ChangeTrackerState;
  runner?: RunnerState;
  initialized: boolean;
  lastSyncMs?: number;
  syncs: number;
  replyTo?: ReplyTo;
  /** The last log lines, also when no pod carries them (a cluster without kubelets). */
  logs: string[];
  /** Lines logged once the informers have synced. */
  synced?: LogEntry[];
  /** Lines already logged in the current virtual ms (for their microsecond stamps). */
  logSeq?: { ms: number; n: number };
  proxier?: { mode: ProxyMode; scheduler: string; state: unknown };
}

const LOG_KEEP = 200;
/** Virtual ms between the process starting and its informers having synced. */
const CACHE_SYNC_MS = 50;

/**
 * The kube-proxy of one node: informers for Services and EndpointSlices feed the change
 * trackers; the BoundedFrequencyRunner decides when to sync; the proxier of the configured mode
 * turns the applied maps into rules the network asks route() about. It starts when its pod's
 * process starts (or at once in a cluster that runs no kubelet or DaemonSet controller).
 */
export class KubeProxy extends Component implements NodeProxy {
  readonly nodeName: string;
  #proxier: Proxier | undefined;
  #s: KubeProxyState = { phase: 'waiting', epoch: 0, maps: { services: {}, endpoints: {} }, tracker: emptyTracker(), initialized: false, syncs: 0, logs: [] };
  readonly #services: Informer<Service>;
  readonly #slices: Informer<EndpointSlice>;
  readonly #settings: KubeProxySettings;

  constructor(
    ctx: ComponentContext,
    private readonly cluster: ClusterConfig,
    private readonly node: NodeConfig,
    readonly version: KubeVersion,
  ) {
    super(`kube-proxy/${node.name}`, ctx);
    this.nodeName = node.name;
    this.#settings = cluster.kubeProxy ?? {};
    this.#services = this.inform<Service>('services', (type, obj) => this.#onService(type === 'DELETED' ? undefined : (obj as Service), obj as Service));
    this.#slices = this.inform<EndpointSlice>('endpointslices', (_type, obj) => this.#onSlice(obj as EndpointSlice));
  }

  get mode(): ProxyMode {
    return this.#proxier?.mode ?? 'iptables';
  }

  get lastSyncMs(): number | undefined {
    return this.#s.lastSyncMs;
  }

  /** The active proxier (for the node's iptables-save, ipvsadm, nft commands), if one runs. */
  get proxier(): Proxier | undefined {
    return this.#proxier;
  }

  get phase(): KubeProxyState['phase'] {
    return this.#s.phase;
  }

  /** Log lines of the current process (also kept when the process runs in no pod). */
  get logs(): readonly string[] {
    return this.#s.logs;
  }

  route(flow: FlowKey, origin: FlowOrigin): RouteDecision {
    return this.#proxier?.route(flow, origin, { rng: this.sim.rng, nowMs: this.sim.now() }) ?? { kind: 'none', evaluated: 0 };
  }

  programmed(): ProgrammedServicePort[] {
    return this.#proxier?.programmed() ?? [];
  }

  protected override onStart(): void {
    const managed = this.sim.actor(`kubelet/${this.nodeName}`) && this.sim.actor('daemonset-controller');
    if (!managed) this.#processStart(kubeadmConfigConf(this.cluster), undefined);
  }

  protected reconcile(): void {}

  protected override onMessage(m: Message): void {
    if (m.type === 'process' && m.event === 'process-start') return this.#processStart(typeof m.config === 'string' ? m.config : '', m.replyTo as ReplyTo);
    if (m.type === 'process' && m.event === 'process-stop') return this.#processStop(m.replyTo as ReplyTo);
    if (m.epoch !== this.#s.epoch || this.#s.phase !== 'running') return;
    if (m.type === 'caches-synced') return this.#initialSync();
    if (m.type === 'run') return this.#tryRun();
    if (m.type === 'bfr' && m.gen === this.#s.runner?.timerGen) this.#tryRun();
  }

  #processStart(configText: string, replyTo: ReplyTo | undefined): void {
    const epoch = this.#s.epoch + 1;
    this.#s = { ...this.#s, epoch, phase: 'failed', logs: [], initialized: false, tracker: emptyTracker(), maps: { services: {}, endpoints: {} } };
    if (replyTo) this.#s.replyTo = replyTo;
    else delete this.#s.replyTo;
    const run = parseConfigConf(configText, this.cluster.clusterCIDR);
    if ('error' in run) return this.#fail([{ severity: 'E', file: 'run.go:72', msg: `"command failed" err="${run.error}"` }]);
    const decision = decideStart(run, this.version, this.#ipvsModules());
    if (!decision.ok) return this.#fail(decision.log);
    this.#log(decision.log.filter((l) => !l.msg.includes('Caches are synced')));
    this.#s.synced = decision.log.filter((l) => l.msg.includes('Caches are synced'));
    this.#switchProxier(decision.mode, run.scheduler);
    this.#s.run = run;
    this.#s.phase = 'running';
    this.#s.runner = newRunner(this.#runnerConfig(), this.sim.now());
    this.sim.record(this.id, 'start', `kube-proxy on ${this.nodeName} started in ${decision.mode} mode`);
    // Through events.k8s.io, about its node (the name as uid), with an empty note, from the new
    // process's broadcaster.
    this.events.processStarted('kube-proxy', this.nodeName);
    const nodeRef = { kind: 'Node', metadata: { name: this.nodeName, uid: this.nodeName } };
    this.events.record({ object: nodeRef, type: 'Normal', reason: 'Starting', message: '', action: 'StartKubeProxy', component: 'kube-proxy', host: this.nodeName });
    this.sim.schedule(CACHE_SYNC_MS + this.#nodeDelay(), this.id, { type: 'caches-synced', epoch });
  }

  /** The process died: its rules stay in the kernel, but nothing updates them any more. */
  #processStop(replyTo: ReplyTo): void {
    const current = this.#s.replyTo;
    if (!current || current.uid !== replyTo.uid || current.epoch !== replyTo.epoch) return;
    this.#s.phase = 'waiting';
    this.sim.record(this.id, 'stop', `kube-proxy on ${this.nodeName} stopped; its ${this.mode} rules stay programmed`);
  }

  /** Keep the kernel state of the same mode; a new mode first cleans up the old one's rules. */
  #switchProxier(mode: ProxyMode, scheduler: string): void {
    const old = this.#proxier;
    if (old && old.mode === mode && this.#s.proxier?.scheduler === scheduler) return;
    if (old) this.sim.record(this.id, 'cleanup', `removed the ${old.mode} rules of the previous kube-proxy`);
    this.#proxier = newProxier(mode, { scheduler });
    this.#s.proxier = { mode, scheduler, state: undefined };
  }

  #fail(log: LogEntry[]): void {
    this.#log(log);
    this.#s.phase = 'failed';
    this.sim.record(this.id, 'fail', `kube-proxy on ${this.nodeName} exited: ${log[log.length - 1]?.msg ?? ''}`);
    this.#toProcess({ t: 'exit', code: 1 });
  }

  #runnerConfig(): RunnerConfig {
    const run = this.#s.run;
    const periodic = this.#proxier?.mode === 'ipvs' ? (run?.syncPeriodMs ?? 30_000) : 3_600_000;
    return { minIntervalMs: run?.minSyncPeriodMs ?? 1000, maxIntervalMs: periodic, burst: this.#settings.burst ?? 2 };
  }

  #ipvsModules(): boolean {
    const a = this.#settings.ipvsModulesAvailable;
    return a === undefined ? true : typeof a === 'boolean' ? a : (a[this.nodeName] ?? true);
  }

  #nodeDelay(): number {
    return this.#settings.nodeDelayMs?.[this.nodeName] ?? 0;
  }

  /** `svc` is undefined when the Service was deleted (`seen` is then its last state). */
  #onService(svc: Service | undefined, seen: Service): void {
    if (this.#s.phase !== 'running') return;
    const key = `${seen.metadata?.namespace ?? 'default'}/${seen.metadata?.name ?? ''}`;
    if (trackService(this.#s.tracker, key, this.#s.maps, svc ? servicePorts(svc) : [], this.sim.now())) this.#requestSync();
  }

  #onSlice(slice: EndpointSlice): void {
    const key = sliceServiceKey(slice);
    if (this.#s.phase !== 'running' || !key) return;
    if (trackEndpoints(this.#s.tracker, key, this.#s.maps, this.#endpointsOf(key), this.sim.now())) this.#requestSync();
  }

  #endpointsOf(key: string) {
    const [namespace = '', name = ''] = key.split('/');
    const slices = this.#slices.list(namespace).filter((s) => sliceServiceKey(s) === key);
    return endpointsFromSlices(namespace, name, slices);
  }

  /** Sync() after this node's reaction time: its extra delay plus random jitter. */
  #requestSync(): void {
    if (!this.#s.initialized) return;
    const jitter = this.sim.rng.int((this.#settings.jitterMs ?? 100) + 1);
    this.sim.schedule(this.#nodeDelay() + jitter, this.id, { type: 'run', epoch: this.#s.epoch });
  }

  #initialSync(): void {
    for (const svc of this.#services.list()) trackService(this.#s.tracker, `${svc.metadata?.namespace}/${svc.metadata?.name}`, this.#s.maps, servicePorts(svc), this.sim.now());
    const keys = new Set(this.#slices.list().flatMap((s) => sliceServiceKey(s) ?? []));
    for (const key of keys) trackEndpoints(this.#s.tracker, key, this.#s.maps, this.#endpointsOf(key), this.sim.now());
    this.#s.initialized = true;
    this.#log(this.#s.synced ?? []);
    delete this.#s.synced;
    this.#sync();
    const runner = this.#s.runner!;
    runner.timerGen++;
    runner.timerAtMs = this.sim.now() + this.#runnerConfig().maxIntervalMs;
    this.sim.schedule(this.#runnerConfig().maxIntervalMs, this.id, { type: 'bfr', gen: runner.timerGen, epoch: this.#s.epoch });
  }

  #tryRun(): void {
    const runner = this.#s.runner;
    if (!runner) return;
    const cfg = this.#runnerConfig();
    const d = tryRun(runner, cfg, this.sim.now());
    if (d.run) {
      this.#sync();
      if ((this.#s.run?.verbosity ?? 0) >= 3) {
        this.#log([{ severity: 'I', file: 'bounded_frequency_runner.go:296', msg: `sync-runner: ran, next possible in ${goDuration(cfg.minIntervalMs)}, periodic in ${goDuration(cfg.maxIntervalMs)}` }]);
      }
    }
    if (d.timerInMs !== undefined) this.sim.schedule(d.timerInMs, this.id, { type: 'bfr', gen: d.gen, epoch: this.#s.epoch });
  }

  #sync(): void {
    const proxier = this.#proxier;
    if (!proxier) return;
    const update: UpdateResult = applyChanges(this.#s.tracker, this.#s.maps);
    const now = this.sim.now();
    const before = proxier.programmed();
    const result = proxier.sync({ ...this.#s.maps, nodeName: this.nodeName, nodeIP: this.node.internalIP, clusterCIDR: this.#s.run?.clusterCIDR ?? this.cluster.clusterCIDR, serviceCIDR: this.cluster.serviceCIDR, nowMs: now });
    this.#s.lastSyncMs = now;
    this.#s.syncs++;
    for (const t of syncTrace(proxier.mode, this.#s.maps, update, result, now, before, proxier.programmed())) this.sim.record(this.id, t.action, t.detail, t.object);
    if ((this.#s.run?.verbosity ?? 0) >= 2) this.#log(syncLog(proxier.mode, this.#s.maps, result));
  }

  #log(entries: LogEntry[]): void {
    const wall = this.cluster.epochMs + this.sim.now();
    // Lines written within one virtual ms are microseconds apart, as a Go process writes them.
    const seq = this.#s.logSeq?.ms === this.sim.now() ? this.#s.logSeq.n : 0;
    this.#s.logSeq = { ms: this.sim.now(), n: seq + entries.length };
    const lines = entries.map((e, i) => klogLine(e.severity, wall, e.file, e.msg, (seq + i) * 37));
    this.#s.logs.push(...lines);
    if (this.#s.logs.length > LOG_KEEP) this.#s.logs.splice(0, this.#s.logs.length - LOG_KEEP);
    if (lines.length > 0) this.#toProcess({ t: 'log', lines });
  }

  #toProcess(payload: Record<string, unknown>): void {
    if (!this.#s.replyTo) return;
    const { kubelet, ...message } = this.#s.replyTo;
    this.sim.schedule(0, kubelet, { ...message, payload });
  }

  protected override snapshotExtra(): unknown {
    const proxier = this.#s.proxier && this.#proxier ? { ...this.#s.proxier, state: this.#proxier.snapshot() } : undefined;
    return JSON.parse(JSON.stringify({ ...this.#s, proxier })) as unknown;
  }

  protected override restoreExtra(state: unknown): void {
    this.#s = state as KubeProxyState;
    const p = this.#s.proxier;
    this.#proxier = p ? newProxier(p.mode, { scheduler: p.scheduler }) : undefined;
    if (p && this.#proxier) this.#proxier.restore(p.state);
  }
}
