import { runtimeOf } from '../cri/capabilities';
import { networkOf } from '../network/index';
import type { ProcessNet } from '../apps/net-tools/applets';
import type { Container } from 'kubernetes-types/core/v1';
import { APPS, imageFiles, type AppContext } from '../apps';
import { parseImage, pullDurationMs, REGISTRY_LATENCY_MS } from '../apps/catalogue';
import { builtLocally, createFailed, createFromBuiltImage, resolveForNode } from './checkpoint-restore';
import type { Message } from '../sim/simulator';
import { backoffNext, inBackoffSinceUpdate } from './backoff';
import type { Kubelet } from './kubelet';
import { forgetWorker, sandboxReady } from './pod-sync';
import { onProbe, startProbes } from './probes';
import { alreadyPresentMessage, createdMessage, pulledMessage, startedMessage } from './texts';
import { containerExitedDuringKill, onPrestopDone, onSigkill, onFinalize } from './termination';
import type { ContainerInstance, ContainerWorker, PodWorker } from './types';
import { containerEnv, containerFiles, envConfigError } from './volumes';
import { ContainerLog } from './container-log';

/** CreateContainer and StartContainer latencies (containerd on a warm node). */
export const CREATE_MS = 30;
export const START_MS = 40;

/** Route a kubelet message about one pod/container to its handler, dropping stale ones. */
export function handleRuntimeMessage(k: Kubelet, m: Message): void {
  if (m.type === 'pull-done') return onPullDone(k);
  const w = k.state.workers[m.uid as string];
  if (!w) return;
  if (m.type === 'sandbox-ready') return sandboxReady(k, w);
  if (m.type === 'finalize') return onFinalize(k, w);
  const c = w.containers.find((x) => x.name === m.container && x.init === (m.init === true));
  if (!c || c.epoch !== m.epoch) return;
  switch (m.type) {
    case 'create':
      return onCreate(k, w, c);
    case 'start':
      return onStart(k, w, c);
    case 'app':
      if (c.stage === 'running' && c.current) APPS[c.current.proc.kind].timer?.(appContext(k, w, c), c.current.proc, m.payload as Record<string, unknown>);
      return;
    case 'probe':
      return onProbe(k, w, c, m.probe as 'startup' | 'liveness' | 'readiness');
    case 'prestop-done':
      return onPrestopDone(k, w, c, m.hookMs as number);
    case 'sigkill':
      return onSigkill(k, w, c);
  }
}

/** A message addressed to one container of one pod, valid for its current epoch. */
export function containerMessage(w: PodWorker, c: ContainerWorker, type: string, extra: Record<string, unknown> = {}): Message {
  return { type, uid: w.uid, container: c.name, init: c.init, epoch: c.epoch, ...extra };
}

/**
 * EnsureImageExists, then create and start: the image manager decides between "already present",
 * a (serialised) pull, a pull back-off, or ErrImageNeverPull.
 */
export function startContainer(k: Kubelet, w: PodWorker, c: ContainerWorker, spec: Container): void {
  const image = spec.image ?? '';
  const ref = parseImage(image);
  const policy = spec.imagePullPolicy ?? (ref.tag === 'latest' ? 'Always' : 'IfNotPresent');
  const present = k.state.images[ref.normalized] === true || builtLocally(k, ref);
  if (present && policy !== 'Always') {
    k.event(w, c, 'Normal', 'Pulled', alreadyPresentMessage(k.version, image));
    return createContainer(k, w, c);
  }
  if (!present && policy === 'Never') {
    const msg = `Container image "${image}" is not present with pull policy of Never`;
    c.waiting = { reason: 'ErrImageNeverPull', message: msg };
    k.event(w, c, 'Warning', 'ErrImageNeverPull', msg);
    k.event(w, c, 'Warning', 'Failed', 'Error: ErrImageNeverPull');
    return k.markDirty(w);
  }
  const key = `${w.uid}_${image}`;
  const now = k.simulator.now();
  if (inBackoffSinceUpdate(k.state.pullBackoff, key, now)) {
    const entry = k.state.pullBackoff[key]!;
    // Events once per back-off period, not on every housekeeping sync.
    if (c.waiting.reason !== 'ImagePullBackOff') {
      c.waiting = { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}": ${k.state.pullErrors[key] ?? ''}` };
      k.event(w, c, 'Normal', 'BackOff', `Back-off pulling image "${image}"`);
      k.event(w, c, 'Warning', 'Failed', 'Error: ImagePullBackOff');
      k.markDirty(w);
    }
    return k.resync(w, entry.lastUpdateMs + entry.durationMs - now);
  }
  k.event(w, c, 'Normal', 'Pulling', `Pulling image "${image}"`);
  k.trace(w, 'pull', `pulling image ${image} for container ${c.name}`);
  c.stage = 'pulling';
  c.pullQueuedAtMs = now;
  k.state.pullQueue.push({ uid: w.uid, container: c.name, epoch: c.epoch, image, queuedAtMs: now });
  pumpPulls(k);
}

/** Start the next queued pull when none is running (serializeImagePulls). */
function pumpPulls(k: Kubelet): void {
  if (k.state.pulling) return;
  const job = k.state.pullQueue.shift();
  if (!job) return;
  const ref = parseImage(job.image);
  const res = resolveForNode(k, ref, true);
  // An image that arrived meanwhile only needs its manifest checked.
  const durationMs = res.ok && !k.state.images[ref.normalized] ? pullDurationMs(res.sizeBytes) : REGISTRY_LATENCY_MS;
  k.state.pulling = { ...job, durationMs };
  k.after(durationMs, { type: 'pull-done' });
}

function onPullDone(k: Kubelet): void {
  const job = k.state.pulling;
  if (!job) return;
  k.state.pulling = undefined;
  const ref = parseImage(job.image);
  const res = resolveForNode(k, ref, true);
  if (res.ok) k.state.images[ref.normalized] = true;
  const w = k.state.workers[job.uid];
  const c = w?.containers.find((x) => x.name === job.container && x.epoch === job.epoch && x.stage === 'pulling');
  if (w && c) {
    if (res.ok) {
      k.event(w, c, 'Normal', 'Pulled', pulledMessage(k.version, job.image, job.durationMs, k.simulator.now() - job.queuedAtMs, res.sizeBytes));
      createContainer(k, w, c);
    } else pullFailed(k, w, c, job.image, res.error);
  }
  pumpPulls(k);
}

function pullFailed(k: Kubelet, w: PodWorker, c: ContainerWorker, image: string, error: string): void {
  const key = `${w.uid}_${image}`;
  k.event(w, c, 'Warning', 'Failed', `Failed to pull image "${image}": ${error}`);
  k.event(w, c, 'Warning', 'Failed', 'Error: ErrImagePull');
  backoffNext(k.state.pullBackoff, key, k.simulator.now());
  k.state.pullErrors[key] = `ErrImagePull: ${error}`;
  c.stage = 'waiting';
  c.waiting = { reason: 'ErrImagePull', message: error };
  k.trace(w, 'pull-failed', `pull of ${image} failed`);
  k.markDirty(w);
  // The pod worker retries after a failed sync; that sync finds the pull in back-off.
  k.resync(w, 1000);
}

function createContainer(k: Kubelet, w: PodWorker, c: ContainerWorker): void {
  // generateContainerConfig comes before the runtime is asked to create anything.
  const spec = k.specOf(w, c);
  const configError = spec && envConfigError(k, w, spec);
  if (configError) return createFailed(k, w, c, configError, 'CreateContainerConfigError');
  c.stage = 'creating';
  if (c.waiting.reason !== 'ContainerCreating' && c.waiting.reason !== 'PodInitializing') c.waiting = { reason: 'ContainerCreating' };
  k.after(CREATE_MS, containerMessage(w, c, 'create'));
}

function containerId(k: Kubelet): string {
  let id = '';
  for (let i = 0; i < 8; i++) id += k.simulator.rng.uint32().toString(16).padStart(8, '0');
  return id;
}

function onCreate(k: Kubelet, w: PodWorker, c: ContainerWorker): void {
  const pod = k.podOf(w);
  const spec = k.specOf(w, c);
  if (!pod || !spec) return;
  const ref = parseImage(spec.image ?? '');
  const res = resolveForNode(k, ref);
  if (!res.ok) return;
  const argv = [...(spec.command ?? [...res.repo.entrypoint, ...(spec.args ? [] : res.repo.cmd)]), ...(spec.args ?? [])];
  // The entrypoint script of nginx/redis execs the real server; the app sees the server argv.
  const appArgv = argv[0] === '/docker-entrypoint.sh' || argv[0] === 'docker-entrypoint.sh' ? argv.slice(1) : argv;
  c.image = { normalized: ref.normalized, imageID: res.imageID, kind: res.repo.app, version: res.tag.version, stopSignal: res.repo.stopSignal, argv: appArgv, env: res.repo.env };
  if (c.current) {
    c.previous = c.current;
    c.restartCount++;
  }
  const env = containerEnv(k, w, pod, spec, { ...res.repo.env, ...res.tag.env });
  const proc = { kind: res.repo.app, argv: appArgv, env, files: containerFiles(w, spec, imageFiles(res.repo.app), pod), hostname: w.name, podIP: w.podIP ?? '', startedAtMs: k.simulator.now(), data: { version: res.tag.version, ...(spec.stdin && spec.tty ? { tty: true } : {}) } };
  const id = containerId(k);
  // A checkpoint image restores the checkpointed process instead (CRI-O, containerd >= 2.1).
  const restore = createFromBuiltImage(k, ref, proc, id);
  if (restore && !restore.ok) return createFailed(k, w, c, restore.error);
  c.current = { id, startedAtMs: k.simulator.now(), proc, logs: restore?.ok ? ContainerLog.from(restore.logs) : new ContainerLog() };
  k.event(w, c, 'Normal', 'Created', createdMessage(k.version, c.name));
  k.trace(w, 'create', `container ${c.name} created (${runtimeOf(k.node).name}://${c.current.id.slice(0, 13)})`);
  k.after(START_MS, containerMessage(w, c, 'start'));
}

function onStart(k: Kubelet, w: PodWorker, c: ContainerWorker): void {
  const spec = k.specOf(w, c);
  const inst = c.current;
  if (!spec || !inst) return;
  c.stage = 'running';
  c.waiting = { reason: 'ContainerCreating' };
  inst.startedAtMs = k.simulator.now();
  inst.proc.startedAtMs = inst.startedAtMs;
  c.started = !spec.startupProbe;
  c.ready = !c.init && c.started && !spec.readinessProbe;
  k.event(w, c, 'Normal', 'Started', startedMessage(k.version, c.name));
  k.trace(w, 'start', `container ${c.name} started`);
  k.markDirty(w);
  startProbes(k, w, c, spec);
  const app = APPS[inst.proc.kind];
  if (inst.proc.restoredFrom && app.resume) app.resume(appContext(k, w, c), inst.proc);
  else app.start(appContext(k, w, c), inst.proc);
}

/**
 * The context of a running process, one per container instance and epoch: apps get it for every
 * timer, probe and request. A class, so each is one small object: as five closures it was about
 * half a kilobyte per container, for thousands of containers.
 */
class ProcessContext implements AppContext {
  readonly epochMs: number;

  constructor(
    private readonly k: Kubelet,
    private readonly w: PodWorker,
    private readonly c: ContainerWorker,
    private readonly inst: ContainerInstance,
    /** Timers from an earlier epoch (before a restart) are ignored when they come back. */
    readonly epoch: number,
  ) {
    this.epochMs = k.epochMs;
  }

  now(): number {
    return this.k.simulator.now();
  }

  log(line: string): void {
    appendLog(this.inst, this.k.simulator.now(), line);
  }

  logAll(lines: readonly string[]): void {
    this.inst.logs.appendAll(this.k.simulator.now(), lines);
  }

  after(delayMs: number, payload: Record<string, unknown>): void {
    this.k.after(delayMs, { ...containerMessage(this.w, this.c, 'app'), epoch: this.epoch, payload });
  }

  exit(code: number, reason?: 'Completed' | 'Error' | 'OOMKilled'): void {
    if (this.c.current === this.inst && this.c.stage === 'running') containerExited(this.k, this.w, this.c, code, reason);
  }

  notify(target: string, message: Record<string, unknown>): void {
    this.k.simulator.schedule(0, target, { type: 'process', ...message, replyTo: { kubelet: this.k.id, ...containerMessage(this.w, this.c, 'app'), epoch: this.epoch } });
  }

  net(): ProcessNet | undefined {
    const network = networkOf({ sim: this.k.simulator });
    const ip = this.w.podIP;
    if (!network || !ip) return undefined;
    const dnsPolicy = this.k.podOf(this.w)?.spec?.dnsPolicy ?? 'ClusterFirst';
    const sim = this.k.simulator;
    return { network, client: { kind: 'pod', node: this.k.nodeName, namespace: this.w.namespace, name: this.w.name, ip, dnsPolicy }, now: () => sim.now() };
  }
}

const CONTEXTS = new WeakMap<ContainerInstance, ProcessContext>();

export function appContext(k: Kubelet, w: PodWorker, c: ContainerWorker): AppContext {
  const inst = c.current!;
  const known = CONTEXTS.get(inst);
  if (known && known.epoch === c.epoch) return known;
  const context = new ProcessContext(k, w, c, inst, c.epoch);
  CONTEXTS.set(inst, context);
  return context;
}

function appendLog(inst: ContainerInstance, nowMs: number, line: string): void {
  inst.logs.append(nowMs, line);
}

/** The container's process ended: record it, stop its probes and timers, let the worker react. */
export function containerExited(k: Kubelet, w: PodWorker, c: ContainerWorker, code: number, reason?: 'Completed' | 'Error' | 'OOMKilled'): void {
  const inst = c.current!;
  inst.exitCode = code;
  inst.finishedAtMs = k.simulator.now();
  inst.reason = reason ?? (code === 0 ? 'Completed' : 'Error');
  c.stage = 'exited';
  c.ready = c.init && code === 0;
  c.started = false;
  c.epoch++;
  k.trace(w, 'exit', `container ${c.name} exited with code ${code}`);
  // The kernel closes a dead process's sockets at once: clients waiting on it see a reset now.
  if (k.simulator.actor(NETWORK_ACTOR)) k.simulator.schedule(0, NETWORK_ACTOR, { type: 'process-exit', containerId: inst.id });
  k.markDirty(w);
  if (c.killing) return containerExitedDuringKill(k, w, c);
  k.resync(w);
}

export { forgetWorker };

/** The simulated network's actor id (network/network.ts), named here to keep the kubelet free of it. */
const NETWORK_ACTOR = 'network';
