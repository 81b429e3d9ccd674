import type { ExecOutcome, LogOptions } from '../node-agent';
import { execInProcess } from '../apps';
import { rfc3339Micro } from '../sim/time';
import { hex, sha256 } from '../sim/hash';
import type { Kubelet } from './kubelet';
import { appContext } from './runtime';
import type { ContainerInstance, ContainerWorker, PodWorker } from './types';

type LogResult = { ok: true; text: string } | { ok: false; error: string };

function find(k: Kubelet, namespace: string, pod: string, container: string): { w?: PodWorker; c?: ContainerWorker } {
  const uid = k.state.byKey[`${namespace}/${pod}`];
  const w = uid === undefined ? undefined : k.state.workers[uid];
  const c = w?.containers.find((x) => x.name === container);
  return { ...(w ? { w } : {}), ...(c ? { c } : {}) };
}

/** The last `tailLines`, then those not older than `sinceMs`, as the CRI log reader applies them. */
function render(inst: ContainerInstance, epochMs: number, options: LogOptions): string {
  const tail = inst.logs.entries(options.tailLines !== undefined && options.tailLines >= 0 ? options.tailLines : undefined);
  const since = options.sinceMs;
  const lines = since === undefined ? tail : tail.filter(([t]) => t >= since);
  return lines.map(([t, line]) => (options.timestamps ? `${rfc3339Micro(epochMs, t).replace('000Z', '000000Z')} ${line}\n` : `${line}\n`)).join('');
}

/**
 * `kubectl logs` through the node: the current (or last exited) instance, or `--previous`. The
 * errors are the texts kubectl prints for a container that has not run yet or has no predecessor.
 */
export function readLogs(k: Kubelet, namespace: string, pod: string, container: string, options: LogOptions): LogResult {
  const { w, c } = find(k, namespace, pod, container);
  if (!w) return { ok: false, error: `pods "${pod}" not found` };
  if (!c) return { ok: false, error: `container ${container} is not valid for pod ${pod}` };
  if (options.previous) {
    const prev = c.stage === 'running' || c.stage === 'exited' ? c.previous : c.current;
    if (!prev || prev.finishedAtMs === undefined) return { ok: false, error: `previous terminated container "${container}" in pod "${pod}" not found` };
    return { ok: true, text: render(prev, k.epochMs, options) };
  }
  if (!c.current) {
    const reason = c.waiting.reason === 'ErrImagePull' || c.waiting.reason === 'ImagePullBackOff' ? 'trying and failing to pull image' : c.waiting.reason;
    return { ok: false, error: `container "${container}" in pod "${pod}" is waiting to start: ${reason}` };
  }
  return { ok: true, text: render(c.current, k.epochMs, options) };
}

/** `kubectl exec` through the node: runs in the container's simulated process. */
export function execInContainer(k: Kubelet, namespace: string, pod: string, container: string, argv: string[], _stdin: string): ExecOutcome {
  const { w, c } = find(k, namespace, pod, container);
  if (!w || !c || c.stage !== 'running' || !c.current) {
    return { stdout: '', stderr: `error: unable to upgrade connection: container not found ("${container}")\n`, exitCode: 1 };
  }
  // The process's own result; `command terminated with exit code N` is kubectl's to print.
  const r = execInProcess(appContext(k, w, c), c.current.proc, argv);
  if (r.startError !== undefined) {
    // containerd names the exec it failed to start by its 64-hex ID, random there; here a digest
    // of the container, the time and the command, so replays print the same one.
    const execId = hex(sha256(`${c.current.id}\u0000${k.simulator.now()}\u0000${argv.join('\u0000')}`));
    const message = `failed to exec in container: failed to start exec "${execId}": OCI runtime exec failed: exec failed: unable to start container process: ${r.startError}: unknown`;
    return { stdout: '', stderr: `error: Internal error occurred: error executing command in container: ${message}\n`, exitCode: 1, failedToStart: true };
  }
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
}
