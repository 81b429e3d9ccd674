import type { Container, Pod } from 'kubernetes-types/core/v1';
import { atLeast } from '../version';
import { inBackoffSince, backoffNext } from './backoff';
import type { Kubelet } from './kubelet';
import { allocateIp, releaseIp } from './ipam';
import { startContainer } from './runtime';
import { initDone, podPhase } from './status';
import { startPodTermination } from './termination';
import { goDuration, formatPod } from './texts';
import type { ContainerWorker, PodWorker } from './types';
import { mountVolumes } from './volumes';
import { podObservedGenerationTracking } from '../version';

/** Modelled time for RunPodSandbox: pause container plus CNI ADD. */
export const SANDBOX_MS = 300;

function newContainer(spec: Container, index: number, init: boolean): ContainerWorker {
  const probe = () => ({ successes: 0, failures: 0, result: 'unknown' as const });
  return {
    name: spec.name,
    init,
    index,
    stage: 'waiting',
    waiting: { reason: init ? 'PodInitializing' : 'ContainerCreating' },
    restartCount: 0,
    started: false,
    ready: false,
    probes: { startup: probe(), liveness: probe(), readiness: probe() },
    epoch: 0,
  };
}

/** A pod appeared or changed in the kubelet's watch: create its worker or react to deletion. */
export function onPodUpdated(k: Kubelet, pod: Pod): void {
  const key = `${pod.metadata!.namespace}/${pod.metadata!.name}`;
  const uid = pod.metadata!.uid!;
  const existing = k.state.byKey[key];
  if (existing !== undefined && existing !== uid) {
    // Same name, new object: the old pod is gone even if we missed its DELETED event.
    const old = k.state.workers[existing];
    if (old) onPodDeleted(k, (k.podOf(old) ?? old.orphan ?? pod), old);
  }
  let w = k.state.workers[uid];
  if (!w) {
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return;
    w = newWorker(pod, k.simulator.now());
    k.state.workers[uid] = w;
    k.state.byKey[key] = uid;
    k.trace(w, 'observe', `kubelet saw pod ${key} bound to ${k.nodeName}`);
  }
  if (pod.metadata?.deletionTimestamp && !w.deletion) {
    startPodTermination(k, w, Math.max(1, pod.metadata.deletionGracePeriodSeconds ?? 0), false);
    // The deletion bumped the generation: the status manager reports it has seen the new one.
    if (podObservedGenerationTracking(k.version, k.featureGates)) k.markDirty(w);
    return;
  }
  k.resync(w);
}

function newWorker(pod: Pod, nowMs: number): PodWorker {
  const inits = (pod.spec?.initContainers ?? []).map((c, i) => newContainer(c, i, true));
  const regular = (pod.spec?.containers ?? []).map((c, i) => newContainer(c, i, false));
  if (inits.length > 0) for (const c of regular) c.waiting = { reason: 'PodInitializing' };
  return {
    uid: pod.metadata!.uid!,
    namespace: pod.metadata!.namespace!,
    name: pod.metadata!.name!,
    stage: 'sandbox',
    sandboxStarted: false,
    startTimeMs: nowMs,
    mountRetryMs: 500,
    volumes: {},
    containers: [...inits, ...regular],
    transitions: {},
  };
}

/** The pod left the API: force-deleted, or removed after it finished. */
export function onPodDeleted(k: Kubelet, pod: Pod, known?: PodWorker): void {
  const w = known ?? k.state.workers[pod.metadata?.uid ?? ''];
  if (!w) return;
  w.orphan = pod;
  if (w.containers.some((c) => c.stage === 'running')) {
    // The API no longer has it, but processes still run: a short forced stop (grace 1, floor 2 s).
    if (!w.deletion || !w.deletion.forced) startPodTermination(k, w, 1, true);
    return;
  }
  forgetWorker(k, w);
}

/** Drop a worker whose pod is gone and whose containers have stopped; free its IP. */
export function forgetWorker(k: Kubelet, w: PodWorker): void {
  teardownSandbox(k, w);
  delete k.state.workers[w.uid];
  const key = `${w.namespace}/${w.name}`;
  if (k.state.byKey[key] === w.uid) delete k.state.byKey[key];
  for (const c of w.containers) delete k.state.crashBackoff[`${w.uid}_${c.name}`];
}

/** StopPodSandbox: CNI DEL frees the pod IP (status keeps showing it, as the API does). */
export function teardownSandbox(k: Kubelet, w: PodWorker): void {
  if (!w.sandboxStarted) return;
  w.sandboxStarted = false;
  if (w.podIP && w.podIP !== k.node.internalIP) {
    releaseIp(k.state.ipam, k.cidr, w.podIP);
    k.trace(w, 'sandbox-stop', `sandbox stopped; released ${w.podIP}`);
  }
}

/**
 * One pod worker sync (syncPod): level-based, so the periodic resync and every message can call
 * it; each step starts only what is not already under way.
 */
export function syncPod(k: Kubelet, w: PodWorker): void {
  if (w.deletion || w.phase || w.stage === 'terminated') return;
  const pod = k.podOf(w);
  if (!pod) return;
  if (w.stage === 'sandbox') {
    if (!w.sandboxStarted) startSandbox(k, w);
    return;
  }
  if (w.stage === 'volumes') {
    if (!mountVolumes(k, w, pod)) return;
    w.stage = 'containers';
  }
  if (!syncInitContainers(k, w, pod)) return;
  for (const c of w.containers) if (!c.init) syncContainer(k, w, pod, c, pod.spec!.containers[c.index]!);
  const phase = podPhase(w, pod);
  if (phase === 'Succeeded' || phase === 'Failed') finishPod(k, w, phase);
}

function startSandbox(k: Kubelet, w: PodWorker): void {
  // hostNetwork pods (kube-proxy) share the node's network namespace: no CNI, the node's address.
  const ip = k.podOf(w)?.spec?.hostNetwork ? k.node.internalIP : allocateIp(k.state.ipam, k.cidr, w.uid);
  if (!ip) {
    k.event(w, undefined, 'Warning', 'FailedCreatePodSandBox', `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox: plugin type="bridge" failed (add): failed to allocate for range 0: no IP addresses available in range set: ${k.node.podCIDR}`);
    k.resync(w, 10_000);
    return;
  }
  w.sandboxStarted = true;
  w.podIP = ip;
  k.trace(w, 'sandbox', `RunPodSandbox: pause container started, CNI assigned ${ip}`);
  k.after(SANDBOX_MS, { type: 'sandbox-ready', uid: w.uid });
  k.markDirty(w);
}

/** Called when the sandbox is up: volumes next. */
export function sandboxReady(k: Kubelet, w: PodWorker): void {
  if (w.stage !== 'sandbox' || !w.sandboxStarted) return;
  w.stage = 'volumes';
  k.markDirty(w);
  syncPod(k, w);
}

/** Run init containers one at a time; true once all have completed. */
function syncInitContainers(k: Kubelet, w: PodWorker, pod: Pod): boolean {
  for (const c of w.containers) {
    if (!c.init || initDone(c)) continue;
    syncContainer(k, w, pod, c, pod.spec!.initContainers![c.index]!);
    return false;
  }
  return true;
}

function syncContainer(k: Kubelet, w: PodWorker, pod: Pod, c: ContainerWorker, spec: Container): void {
  if (c.stage === 'pulling' || c.stage === 'creating' || c.stage === 'running' || c.killing) return;
  const last = c.current;
  if (!last || last.finishedAtMs === undefined) {
    // Never started (or its image is still failing): startContainer applies the pull back-off.
    if (c.stage === 'waiting') startContainer(k, w, c, spec);
    return;
  }
  restartIfNeeded(k, w, pod, c, spec, last.exitCode ?? 0, last.finishedAtMs);
}

/** After an exit: restart per restartPolicy, through the crash-loop back-off. */
function restartIfNeeded(k: Kubelet, w: PodWorker, pod: Pod, c: ContainerWorker, spec: Container, exitCode: number, finishedAtMs: number): void {
  const policy = pod.spec?.restartPolicy ?? 'Always';
  const restart = c.init ? exitCode !== 0 && policy !== 'Never' : policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
  if (!restart) {
    if (c.init && exitCode !== 0) finishPod(k, w, 'Failed');
    return;
  }
  const key = `${w.uid}_${c.name}`;
  const now = k.simulator.now();
  if (inBackoffSince(k.state.crashBackoff, key, finishedAtMs, now)) {
    const entry = k.state.crashBackoff[key]!;
    if (c.stage !== 'waiting' || c.waiting.reason !== 'CrashLoopBackOff') {
      c.stage = 'waiting';
      c.waiting = { reason: 'CrashLoopBackOff', message: `back-off ${goDuration(entry.durationMs)} restarting failed container=${c.name} pod=${formatPod(w.name, w.namespace, w.uid)}` };
      k.event(w, c, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${formatPod(w.name, w.namespace, w.uid)}`);
      k.markDirty(w);
    }
    k.resync(w, finishedAtMs + entry.durationMs - now);
    return;
  }
  backoffNext(k.state.crashBackoff, key, finishedAtMs);
  startContainer(k, w, c, spec);
}

/** The pod reached a terminal phase: stop the sandbox, report, keep the worker for deletion. */
export function finishPod(k: Kubelet, w: PodWorker, phase: 'Succeeded' | 'Failed'): void {
  if (w.phase) return;
  w.phase = phase;
  w.stage = 'terminated';
  for (const c of w.containers) c.epoch++;
  teardownSandbox(k, w);
  k.trace(w, 'phase', `pod ${w.name} ${phase}`);
  k.markDirty(w);
}

/** Terminal phase of a deleted pod (1.27+ reports Succeeded/Failed before removal). */
export function deletedPhase(k: Kubelet, w: PodWorker): 'Succeeded' | 'Failed' | undefined {
  if (!atLeast(k.version, 27)) return undefined;
  const regular = w.containers.filter((c) => !c.init);
  return regular.every((c) => c.current?.exitCode === 0) ? 'Succeeded' : 'Failed';
}
