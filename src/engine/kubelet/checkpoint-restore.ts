import { parseImage, resolveImage, type ImageRef, type Resolution } from '../apps/catalogue';
import type { ProcessState } from '../apps/types';
import { readCheckpoint, type RestorePoint } from '../cri/archive';
import { canRestore, pullWording, runtimeOf } from '../cri/capabilities';
import { storageOf, type BuiltImage } from '../cri/storage';
import type { Kubelet } from './kubelet';
import type { ContainerWorker, PodWorker } from './types';

/** The annotation `buildah config` sets that makes CRI-O restore instead of create. */
export const CHECKPOINT_ANNOTATION = 'io.kubernetes.cri-o.annotations.checkpoint.name';

/** An image built in the cluster: on this node or in the registry, or only the registry for a pull. */
function builtImage(k: Kubelet, ref: ImageRef, pull = false): BuiltImage | undefined {
  const storage = storageOf(k.simulator);
  return pull ? storage?.state.registry[ref.normalized] : storage?.image(k.nodeName, ref.normalized);
}

function restorePoint(image: BuiltImage): RestorePoint | undefined {
  return image.annotations[CHECKPOINT_ANNOTATION] !== undefined ? readCheckpoint(image.layer) : undefined;
}

/**
 * Resolve an image for this node: images built on it (buildah commit) or pushed to the cluster's
 * registry first, then the catalogue. A checkpoint image runs the program it checkpointed. A pull
 * only reaches the registry: `localhost/...` names no registry, so pulling one fails.
 */
export function resolveForNode(k: Kubelet, ref: ImageRef, pull = false): Resolution {
  return resolveImage(ref, (r) => {
    const image = builtImage(k, r, pull);
    if (!image && pull && r.repository.startsWith('localhost/')) {
      return { ok: false, error: 'rpc error: code = Unknown desc = pinging container registry localhost: Get "https://localhost/v2/": dial tcp [::1]:443: connect: connection refused' };
    }
    if (!image) return undefined;
    const point = restorePoint(image);
    const base = point ? resolveImage(parseImage(point.image)) : undefined;
    const digest = `sha256:${image.id}`;
    const repo = { repository: r.repository, app: point?.proc.kind ?? 'pause', tags: {}, entrypoint: [], cmd: [], stopSignal: base?.ok ? base.repo.stopSignal : ('SIGTERM' as const), env: {} };
    return { ok: true, repo, tag: { sizeBytes: image.layer.length, version: base?.ok ? base.tag.version : '' }, digest, imageID: `${r.repository}@${digest}`, sizeBytes: image.layer.length };
  }, pullWording(runtimeOf(k.node)));
}

/** Whether the node's image store already holds the image (pulled, or built there by buildah). */
export function builtLocally(k: Kubelet, ref: ImageRef): boolean {
  return storageOf(k.simulator)?.localImages(k.nodeName)[ref.normalized] !== undefined;
}

/**
 * CreateContainer for an image built in the cluster. A checkpoint image on a runtime that can
 * restore gives the new container the checkpointed process (its memory in `data`, its changed
 * files) and its log so far; anything else has no command to run and fails as the runtime
 * reports it.
 * Returns undefined for catalogue images (nothing to do), else the outcome.
 */
export function createFromBuiltImage(k: Kubelet, ref: ImageRef, proc: ProcessState, containerId: string): { ok: true; logs: [number, string][] } | { ok: false; error: string } | undefined {
  const image = builtImage(k, ref);
  if (!image) return undefined;
  const runtime = runtimeOf(k.node);
  const point = restorePoint(image);
  if (!point || !canRestore(runtime) || proc.argv.length > 0) {
    if (proc.argv.length > 0) return undefined;
    return { ok: false, error: runtime.name === 'containerd' ? `failed to generate container "${containerId}" spec: failed to generate spec: no command specified` : 'no command specified' };
  }
  proc.kind = point.proc.kind;
  proc.argv = point.proc.argv;
  proc.env = { ...point.proc.env, ...proc.env };
  proc.files = { ...proc.files, ...point.rootfs };
  proc.data = structuredCloneJson(point.proc.data);
  proc.restoredFrom = ref.normalized;
  if (point.proc.stopping) proc.stopping = point.proc.stopping;
  // The runtime copies the checkpointed container's log into the new container's log file.
  return { ok: true, logs: point.logs.map(([wallMs, line]): [number, string] => [wallMs - k.epochMs, line]) };
}

function structuredCloneJson(value: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

/**
 * CreateContainerError (the runtime refused) or CreateContainerConfigError (the kubelet could not
 * build the container's config, e.g. its env names a missing ConfigMap): the container waits, and
 * the pod worker's next sync tries again, pulling (already present) and failing each time.
 */
export function createFailed(k: Kubelet, w: PodWorker, c: ContainerWorker, error: string, reason: 'CreateContainerError' | 'CreateContainerConfigError' = 'CreateContainerError'): void {
  c.stage = 'waiting';
  c.waiting = { reason, message: error };
  k.event(w, c, 'Warning', 'Failed', `Error: ${error}`);
  k.trace(w, 'create-failed', `container ${c.name} could not be created: ${error}`);
  k.markDirty(w);
  k.resync(w, 10_000);
}
