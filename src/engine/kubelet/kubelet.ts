import type { LogOptions } from '../node-agent';
import type { Container, Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { Informer } from '../api/informer';
import { keyOf } from '../api/objects';
import type { ClusterConfig, NodeConfig } from '../cluster-config';
import { Component, type ComponentContext } from '../controllers/component';
import type { ExecOutcome, NodeAgent } from '../node-agent';
import type { Message, Simulator } from '../sim/simulator';
import type { ApiServer } from '../api/apiserver';
import type { KubeVersion } from '../version';
import { execInContainer, readLogs } from './agent';
import { instanceFate, podNetns, type InstanceFate, type PodNetns } from './netns';
import { parseCidr, gatewayIp, type Cidr, type IpamState } from './ipam';
import { conditionEvents, nodeLease, nodeStatusChanged, nodeWithHeartbeat, NODE_STATUS_REPORT_MS } from './node-status';
import { rfc3339Micro } from '../sim/time';
import type { Lease } from 'kubernetes-types/coordination/v1';
import { ensureMirrorPods, onMirrorPodDeleted, onMirrorPodUpdated, prePulledImages } from './mirror-pods';
import { onPodDeleted, onPodUpdated, syncPod } from './pod-sync';
import { controlPlaneStaticPods } from '../static-pods';
import { parseImage } from '../apps/catalogue';
import { handleRuntimeMessage } from './runtime';
import { serveKubeletHttps, type KubeletRequest, type KubeletResponse } from './server';
import { flushStatuses } from './status-writer';
import type { BackoffEntry, ContainerWorker, PodWorker, PullJob } from './types';
import { ContainerLog, type LogEntry } from './container-log';

/** Tunables; defaults follow the kubelet's. */
export interface KubeletOptions {
  /**
   * --sync-frequency: how often every pod is re-synced even without a change (default 1m).
   * Changes themselves (API watch, container state) trigger a sync at once.
   */
  syncPeriodMs: number;
  /** nodeStatusUpdateFrequency. */
  heartbeatMs: number;
  /** Modelled latency between a status change and its write to the API server. */
  statusWriteMs: number;
}

export const DEFAULT_KUBELET_OPTIONS: KubeletOptions = { syncPeriodMs: 60_000, heartbeatMs: 10_000, statusWriteMs: 10 };

/** Everything the kubelet remembers, as plain JSON. */
export interface KubeletState {
  running: boolean;
  pods: Record<string, Pod>;
  workers: Record<string, PodWorker>;
  byKey: Record<string, string>;
  ipam: IpamState;
  images: Record<string, true>;
  pullQueue: PullJob[];
  pulling?: PullJob & { durationMs: number };
  pullBackoff: Record<string, BackoffEntry>;
  pullErrors: Record<string, string>;
  crashBackoff: Record<string, BackoffEntry>;
  dirty: string[];
  flushPending: boolean;
  /** Virtual ms the Node status was last posted, for nodeStatusReportFrequency. */
  lastStatusReportMs?: number;
  /** lastNodeUnschedulable: the cordon state last seen, to announce a change once. */
  lastUnschedulable?: boolean;
}

/**
 * The kubelet of one node: learns of its pods through a watch, runs a pod worker per pod
 * (sandbox → volumes → init containers → image pulls → containers), probes them, reports status
 * through the status manager, posts node heartbeats, and stops pods gracefully. It also serves
 * the node API kubectl uses for logs and exec.
 */
export class Kubelet extends Component implements NodeAgent {
  readonly nodeName: string;
  readonly node: NodeConfig;
  readonly version: KubeVersion;
  readonly cidr: Cidr;
  readonly gateway: string;
  readonly epochMs: number;
  readonly options: KubeletOptions;
  /** The Services informer: container environments get the Service links from it. */
  readonly services: Informer<Service>;
  /** Pods from the manifests in /etc/kubernetes/manifests (the control plane, on its node). */
  readonly staticPods: Pod[];
  /** --feature-gates (the cluster's); the HTTPS server reads ContainerCheckpoint from it. */
  readonly featureGates: Record<string, boolean>;
  state: KubeletState;

  constructor(ctx: ComponentContext, config: ClusterConfig, node: NodeConfig, version: KubeVersion, options: Partial<KubeletOptions> = {}) {
    super(`kubelet/${node.name}`, ctx);
    this.nodeName = node.name;
    this.node = node;
    this.version = version;
    this.cidr = parseCidr(node.podCIDR);
    this.gateway = gatewayIp(this.cidr);
    this.epochMs = config.epochMs;
    this.options = { ...DEFAULT_KUBELET_OPTIONS, ...options };
    this.featureGates = { ...config.featureGates };
    this.state = emptyState();
    this.services = this.inform<Service>('services', () => {});
    this.staticPods = node.controlPlane ? controlPlaneStaticPods(config, node, version) : [];
    for (const image of prePulledImages(this.staticPods)) this.state.images[parseImage(image).normalized] = true;
  }

  protected override onStart(): void {
    // BirthCry, then the container manager enforcing node allocatable, on every kubelet start,
    // each from a new process's recorder.
    this.events.processStarted('kubelet', this.nodeName);
    this.nodeEvent('Starting', 'Starting kubelet.');
    this.nodeEvent('NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
    this.#heartbeat();
    ensureMirrorPods(this);
    this.sim.schedule(this.options.syncPeriodMs, this.id, { type: 'sync' });
  }

  /** Stop the kubelet process (a "dead node" fault): no heartbeats, syncs, probes or status. */
  stop(): void {
    if (!this.state.running) return;
    this.state.running = false;
    this.sim.record(this.id, 'stop', `kubelet on ${this.nodeName} stopped`);
  }

  /** Start a stopped kubelet again: re-list its pods and resume heartbeats and syncs. */
  resume(): void {
    if (this.state.running) return;
    this.state.running = true;
    this.sim.record(this.id, 'start', `kubelet on ${this.nodeName} started`);
    // A restarted kubelet reports its node status straight away, as a new process does.
    delete this.state.lastStatusReportMs;
    const pods = this.api.list<Pod>('pods', undefined, { fieldSelector: { 'spec.nodeName': this.nodeName } }).items;
    const seen = new Set(pods.map((p) => p.metadata!.uid!));
    for (const w of Object.values(this.state.workers)) if (!seen.has(w.uid)) onPodDeleted(this, this.state.pods[`${w.namespace}/${w.name}`] ?? (w.orphan as Pod));
    for (const pod of pods) this.#podEvent('ADDED', pod);
    this.onStart();
  }

  /** The virtual clock, for the pod worker modules. */
  get simulator(): Simulator {
    return this.sim;
  }

  /** The API server, for the pod worker modules. */
  get apiServer(): ApiServer {
    return this.api;
  }

  get running(): boolean {
    return this.state.running;
  }

  override receive(message: Message): void {
    if (message.type === 'pod-event') {
      // The watch stream of a stopped kubelet is closed; resume() re-lists instead.
      if (this.state.running) this.#podEvent(message.event as string, message.pod as Pod);
      return;
    }
    if (!this.state.running) return;
    super.receive(message);
  }

  protected override onMessage(message: Message): void {
    switch (message.type) {
      case 'sync':
        for (const key of Object.keys(this.state.byKey)) this.enqueue(key);
        this.sim.schedule(this.options.syncPeriodMs, this.id, { type: 'sync' });
        return;
      case 'heartbeat':
        this.#heartbeat();
        return;
      case 'mirror-pods':
        ensureMirrorPods(this);
        return;
      case 'flush':
        flushStatuses(this);
        return;
      default:
        handleRuntimeMessage(this, message);
    }
  }

  protected reconcile(key: string): void {
    const uid = this.state.byKey[key];
    const w = uid === undefined ? undefined : this.state.workers[uid];
    if (w) syncPod(this, w);
  }

  #podEvent(type: string, pod: Pod): void {
    const key = keyOf(pod);
    if (type === 'DELETED') {
      if (this.state.pods[key]?.metadata?.uid === pod.metadata?.uid) delete this.state.pods[key];
      if (onMirrorPodDeleted(this, pod)) return;
      onPodDeleted(this, pod);
      return;
    }
    const old = this.state.pods[key];
    this.state.pods[key] = pod;
    // Like the kubelet's pod config source, a status-only change (often our own write) is not
    // a reason to sync the pod again.
    if (old && old.metadata?.uid === pod.metadata?.uid && old.metadata?.deletionTimestamp === pod.metadata?.deletionTimestamp && sameSpec(old, pod)) return;
    if (onMirrorPodUpdated(this, pod)) return;
    onPodUpdated(this, pod);
  }

  /**
   * Every nodeStatusUpdateFrequency (10 s): renew the node's Lease (the cheap heartbeat the node
   * lifecycle controller watches), and post the Node status only when it changed or
   * nodeStatusReportFrequency (5 min) has passed, as kubelets have done since leases went GA.
   */
  #heartbeat(): void {
    const node = this.api.tryGet<Node>('nodes', undefined, this.nodeName);
    if (node) {
      this.#recordSchedulableChange(node);
      this.#renewLease(node);
      const now = this.sim.now();
      const due = this.state.lastStatusReportMs === undefined || now - this.state.lastStatusReportMs >= NODE_STATUS_REPORT_MS;
      if (due || nodeStatusChanged(node)) {
        for (const reason of conditionEvents(node)) this.nodeEvent(reason, `Node ${this.nodeName} status is now: ${reason}`);
        this.api.updateStatus('nodes', nodeWithHeartbeat(node, this.api.timestamp()), this.id);
        this.state.lastStatusReportMs = now;
      }
    }
    this.sim.schedule(this.options.heartbeatMs, this.id, { type: 'heartbeat' });
  }

  /** recordNodeSchedulableEvent: run with every node status update, so a cordon shows within one. */
  #recordSchedulableChange(node: Node): void {
    const unschedulable = node.spec?.unschedulable === true;
    if (unschedulable === (this.state.lastUnschedulable ?? false)) return;
    this.state.lastUnschedulable = unschedulable;
    const reason = unschedulable ? 'NodeNotSchedulable' : 'NodeSchedulable';
    this.nodeEvent(reason, `Node ${this.nodeName} status is now: ${reason}`);
  }

  /**
   * Record an event about this node. The kubelet's nodeRef has kind and name, and the node's
   * *name* as its uid (describe node looks for both uids); no apiVersion or resourceVersion.
   */
  nodeEvent(reason: string, message: string, type: 'Normal' | 'Warning' = 'Normal'): void {
    const nodeRef = { kind: 'Node', metadata: { name: this.nodeName, uid: this.nodeName } };
    this.events.record({ object: nodeRef, type, reason, message, component: 'kubelet', host: this.nodeName });
  }

  #renewLease(node: Node): void {
    const renewTime = rfc3339Micro(this.epochMs, this.sim.now());
    const existing = this.api.tryGet<Lease>('leases', 'kube-node-lease', this.nodeName);
    if (existing) this.api.update('leases', nodeLease(node, renewTime, existing), this.id);
    else this.api.create('leases', nodeLease(node, renewTime), this.id);
  }

  /** The pod a worker runs, as last seen (the API's copy, or the last one after it vanished). */
  podOf(w: PodWorker): Pod | undefined {
    const pod = this.state.pods[`${w.namespace}/${w.name}`];
    return pod?.metadata?.uid === w.uid ? pod : (w.orphan as Pod | undefined);
  }

  /** The spec of one of a worker's containers, from the pod as last seen. */
  specOf(w: PodWorker, c: ContainerWorker): Container | undefined {
    const pod = this.podOf(w);
    return (c.init ? pod?.spec?.initContainers : pod?.spec?.containers)?.[c.index];
  }

  /** Record an event about a pod (and one of its containers) as `kubelet` on this node. */
  event(w: PodWorker, c: ContainerWorker | undefined, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const pod = this.podOf(w);
    if (!pod || w.deletion?.forced) return;
    const fieldPath = c ? containerFieldPath(c) : undefined;
    this.events.record({ object: pod, ...(fieldPath ? { fieldPath } : {}), type, reason, message, component: 'kubelet', host: this.nodeName });
  }

  /** Trace one step of a pod's life. */
  trace(w: PodWorker, action: string, detail: string): void {
    this.sim.record(this.id, action, detail, `pods/${w.namespace}/${w.name}`);
  }

  /** Queue a status write; writes within statusWriteMs are coalesced into one flush. */
  markDirty(w: PodWorker): void {
    if (!this.state.dirty.includes(w.uid)) this.state.dirty.push(w.uid);
    if (!this.state.flushPending) {
      this.state.flushPending = true;
      this.sim.schedule(this.options.statusWriteMs, this.id, { type: 'flush' });
    }
  }

  /** Sync a pod again now (or after `delayMs`). */
  resync(w: PodWorker, delayMs = 0): void {
    const key = `${w.namespace}/${w.name}`;
    if (delayMs > 0) this.enqueueAfter(key, delayMs);
    else this.enqueue(key);
  }

  /** Schedule a message to this kubelet. */
  after(delayMs: number, message: Message): void {
    this.sim.schedule(delayMs, this.id, message);
  }

  logs(namespace: string, pod: string, container: string, options: LogOptions): { ok: true; text: string } | { ok: false; error: string } {
    return readLogs(this, namespace, pod, container, options);
  }

  exec(namespace: string, pod: string, container: string, argv: string[], stdin: string): ExecOutcome {
    return execInContainer(this, namespace, pod, container, argv, stdin);
  }

  /** The HTTPS API on port 10250 (checkpoint, pods, healthz, containerLogs); undefined: refused. */
  serveHttps(request: KubeletRequest): KubeletResponse | undefined {
    return serveKubeletHttps(this, request);
  }

  /** The pod network namespace holding `ip` on this node, for the simulated network. */
  podByIP(ip: string): PodNetns | undefined {
    return podNetns(this, ip);
  }

  /** Whether the container run that took a slow request is still alive (the network settles it). */
  instanceFate(podUid: string, container: string, containerId: string): InstanceFate {
    return instanceFate(this, podUid, container, containerId);
  }

  protected override snapshotExtra(): unknown {
    // A deep copy: the live state keeps changing after the snapshot is taken.
    return JSON.parse(JSON.stringify(this.state)) as KubeletState;
  }

  protected override restoreExtra(state: unknown): void {
    this.state = state as KubeletState;
    // A snapshot holds each log as [ms, line] pairs (ContainerLog.toJSON).
    for (const w of Object.values(this.state.workers)) {
      for (const c of w.containers) {
        for (const inst of [c.current, c.previous]) if (inst) inst.logs = ContainerLog.from(inst.logs as unknown as LogEntry[]);
      }
    }
  }
}

function emptyState(): KubeletState {
  return {
    running: true,
    pods: {},
    workers: {},
    byKey: {},
    ipam: { last: 1, used: {} },
    images: {},
    pullQueue: [],
    pullBackoff: {},
    pullErrors: {},
    crashBackoff: {},
    dirty: [],
    flushPending: false,
  };
}

/** A status write shares the stored spec object, so most updates compare by identity alone. */
function sameSpec(a: Pod, b: Pod): boolean {
  return a.spec === b.spec || JSON.stringify(a.spec) === JSON.stringify(b.spec);
}

/**
 * `spec.containers{nginx}`: one string per container name, shared by every Event about such a
 * container (a template string per Event was a chain of pieces each Event kept for its hour).
 */
const FIELD_PATHS = { containers: new Map<string, string>(), initContainers: new Map<string, string>() };

function containerFieldPath(c: ContainerWorker): string {
  const list = c.init ? 'initContainers' : 'containers';
  let path = FIELD_PATHS[list].get(c.name);
  if (path === undefined) FIELD_PATHS[list].set(c.name, (path = `spec.${list}{${c.name}}`));
  return path;
}
