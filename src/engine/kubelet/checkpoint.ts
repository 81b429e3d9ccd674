import type { Pod } from 'kubernetes-types/core/v1';
import { imageFiles } from '../apps';
import { checkpointArchive } from '../cri/archive';
import { checkpointFailure, runtimeOf } from '../cri/capabilities';
import { storageOf } from '../cri/storage';
import type { Kubelet } from './kubelet';
import { containerFiles } from './volumes';

/** `--root-dir`/checkpoints, created (0700) when the ContainerCheckpoint gate is on. */
export const CHECKPOINTS_DIR = '/var/lib/kubelet/checkpoints';

/** The pod the kubelet's pod manager knows by namespace/name (GetPodByName). */
export function podByName(k: Kubelet, namespace: string, name: string): Pod | undefined {
  const uid = k.state.byKey[`${namespace}/${name}`];
  const w = uid === undefined ? undefined : k.state.workers[uid];
  return w ? k.podOf(w) : undefined;
}

/** Go's time.RFC3339 in UTC: `2026-01-01T00:05:00Z`. */
function rfc3339(epochMs: number, virtualMs: number): string {
  return new Date(epochMs + virtualMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Kubelet.CheckpointContainer: find the running container, name the archive
 * `checkpoint-<pod>_<namespace>-<container>-<RFC3339>.tar` in the checkpoints directory and ask
 * the runtime to write it. The container keeps running. Returns the location, or the error text
 * the HTTP handler wraps into `checkpointing of ns/pod/ctr failed (...)`. `exportPath` is
 * `crictl checkpoint --export`'s location instead.
 */
export function checkpointContainer(k: Kubelet, pod: Pod, container: string, exportPath?: string): { ok: true; location: string } | { ok: false; error: string } {
  const uid = pod.metadata?.uid ?? '';
  const w = k.state.workers[uid];
  const c = w?.containers.find((x) => x.name === container && x.stage === 'running' && x.current);
  if (!w || !c?.current) return { ok: false, error: `container ${container} not found` };
  const now = k.simulator.now();
  const location = exportPath ?? `${CHECKPOINTS_DIR}/checkpoint-${w.name}_${w.namespace}-${container}-${rfc3339(k.epochMs, now)}.tar`;
  const runtime = runtimeOf(k.node);
  const failure = checkpointFailure(runtime, c.current.id);
  if (failure) return { ok: false, error: failure };
  const storage = storageOf(k.simulator);
  if (!storage) return { ok: false, error: `rpc error: code = Unknown desc = failed to write checkpoint archive ${location}: no such file or directory` };
  const inst = c.current;
  const spec = pod.spec?.containers.find((x) => x.name === container);
  const archive = checkpointArchive({
    runtime,
    node: k.nodeName,
    epochMs: k.epochMs,
    containerId: inst.id,
    container,
    pod: w.name,
    namespace: w.namespace,
    podUid: w.uid,
    podIP: w.podIP ?? '',
    image: c.image?.normalized ?? '',
    imageRef: c.image?.imageID ?? '',
    createdAtMs: inst.startedAtMs,
    checkpointedAtMs: now,
    proc: inst.proc,
    baseFiles: spec ? containerFiles(w, spec, imageFiles(inst.proc.kind)) : imageFiles(inst.proc.kind),
    logs: inst.logs.entries(),
  });
  storage.writeFile(k.nodeName, location, archive);
  k.trace(w, 'checkpoint', `container ${container} checkpointed to ${location}`);
  return { ok: true, location };
}
