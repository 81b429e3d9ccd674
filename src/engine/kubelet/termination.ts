import type { LifecycleHandler } from 'kubernetes-types/core/v1';
import { APPS, execInProcess } from '../apps';
import { ApiError } from '../api/errors';
import type { Kubelet } from './kubelet';
import { deletedPhase, forgetWorker, teardownSandbox } from './pod-sync';
import { appContext, containerExited, containerMessage } from './runtime';
import { probeHttp } from './probes';
import type { ContainerWorker, KillState, PodWorker } from './types';

/** killContainer never gives a process less than this between the stop signal and SIGKILL. */
export const MINIMUM_GRACE_PERIOD_SECONDS = 2;
/** Delay between the final status write and the kubelet's delete with grace 0. */
const FINALIZE_MS = 5;

/**
 * A pod is being deleted (deletionTimestamp set) or vanished while running: stop every running
 * container in parallel with the pod's grace period, cancel anything still starting.
 */
export function startPodTermination(k: Kubelet, w: PodWorker, graceSec: number, forced: boolean): void {
  w.deletion = { graceSec, forced };
  w.stage = 'terminating';
  k.trace(w, 'terminate', `pod ${w.name} terminating with grace period ${graceSec}s${forced ? ' (pod already removed from the API)' : ''}`);
  for (const c of w.containers) {
    if (c.stage === 'running') killContainer(k, w, c, 'delete', graceSec, `Stopping container ${c.name}`);
    else if (c.stage !== 'exited') {
      // Pulls and creates in flight are abandoned; their completion messages are now stale.
      c.epoch++;
      c.stage = 'waiting';
    }
  }
  checkPodStopped(k, w);
}


/**
 * killContainer (kuberuntime_container.go): event Killing, the preStop hook bounded by the grace
 * period, then StopContainer with what is left (at least 2 s).
 */
export function killContainer(k: Kubelet, w: PodWorker, c: ContainerWorker, reason: KillState['reason'], graceSec: number, message: string): void {
  if (c.killing || c.stage !== 'running') return;
  c.killing = { reason, graceSec };
  k.event(w, c, 'Normal', 'Killing', message);
  const preStop = k.specOf(w, c)?.lifecycle?.preStop;
  if (!preStop || graceSec <= 0) return onPrestopDone(k, w, c, 0);
  k.trace(w, 'prestop', `preStop hook started for container ${c.name}`);
  const { elapsedMs, ok } = runHook(k, w, c, preStop);
  if (!ok) k.event(w, c, 'Warning', 'FailedPreStopHook', 'PreStopHook failed');
  // The kubelet stops waiting for the hook when the grace period runs out.
  const hookMs = Math.min(elapsedMs, graceSec * 1000);
  k.after(hookMs, containerMessage(w, c, 'prestop-done', { hookMs }));
}

/** Run a lifecycle handler against the container's app; returns how long it takes. */
function runHook(k: Kubelet, w: PodWorker, c: ContainerWorker, h: LifecycleHandler): { elapsedMs: number; ok: boolean } {
  const proc = c.current!.proc;
  if (h.sleep) return { elapsedMs: h.sleep.seconds * 1000, ok: true };
  if (h.exec) {
    const r = execInProcess(appContext(k, w, c), proc, h.exec.command ?? []);
    return { elapsedMs: r.elapsedMs, ok: r.exitCode === 0 };
  }
  if (h.httpGet) {
    const r = probeHttp(k, w, c, h.httpGet);
    return { elapsedMs: 0, ok: r.ok };
  }
  return { elapsedMs: 0, ok: true };
}

/** preStop is over: send the image's stop signal and arm SIGKILL for the remaining grace. */
export function onPrestopDone(k: Kubelet, w: PodWorker, c: ContainerWorker, hookMs: number): void {
  const kill = c.killing;
  const inst = c.current;
  if (!kill || !inst || c.stage !== 'running') return;
  if (hookMs > 0) k.trace(w, 'prestop-done', `preStop hook for container ${c.name} finished after ${hookMs / 1000}s`);
  // Elapsed hook time is truncated to whole seconds, as executePreStopHook returns it.
  const remainingSec = Math.max(MINIMUM_GRACE_PERIOD_SECONDS, kill.graceSec - Math.floor(hookMs / 1000));
  const signal = c.image?.stopSignal ?? 'SIGTERM';
  kill.signalledAtMs = k.simulator.now();
  k.trace(w, 'signal', `${signal} sent to container ${c.name}; SIGKILL in ${remainingSec}s`);
  k.after(remainingSec * 1000, containerMessage(w, c, 'sigkill'));
  APPS[inst.proc.kind].signal(appContext(k, w, c), inst.proc, signal);
}

export function onSigkill(k: Kubelet, w: PodWorker, c: ContainerWorker): void {
  if (c.stage !== 'running' || !c.current) return;
  k.trace(w, 'signal', `SIGKILL sent to container ${c.name}`);
  containerExited(k, w, c, 137, 'Error');
}

/** A container being stopped has exited: finish the pod, or let the worker restart it. */
export function containerExitedDuringKill(k: Kubelet, w: PodWorker, c: ContainerWorker): void {
  const reason = c.killing!.reason;
  c.killing = undefined;
  if (reason === 'delete' || w.deletion) return checkPodStopped(k, w);
  k.resync(w);
}

/** Once nothing runs any more: stop the sandbox, report the final status, then delete. */
function checkPodStopped(k: Kubelet, w: PodWorker): void {
  if (w.stage !== 'terminating' || w.containers.some((c) => c.stage === 'running')) return;
  teardownSandbox(k, w);
  w.stage = 'terminated';
  for (const c of w.containers) c.ready = false;
  k.trace(w, 'stopped', `all containers of pod ${w.name} stopped`);
  if (w.deletion?.forced) return forgetWorker(k, w);
  w.phase ??= deletedPhase(k, w);
  k.markDirty(w);
}

/** Called after a status flush: a terminated, deleted pod can now be removed from the API. */
export function readyToFinalize(k: Kubelet, w: PodWorker): void {
  if (w.stage === 'terminated' && w.deletion && !w.deletion.forced) k.after(FINALIZE_MS, { type: 'finalize', uid: w.uid });
}

/** The kubelet's final delete with grace 0 removes the pod object. */
export function onFinalize(k: Kubelet, w: PodWorker): void {
  if (w.stage !== 'terminated' || !w.deletion) return;
  try {
    // Only our pod: a new pod may already have taken the name.
    if (k.apiServer.tryGet('pods', w.namespace, w.name)?.metadata?.uid === w.uid) k.apiServer.delete('pods', w.namespace, w.name, { gracePeriodSeconds: 0, actor: k.id });
    k.trace(w, 'delete', `pod ${w.name} deleted with grace period 0`);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
  }
  forgetWorker(k, w);
}
