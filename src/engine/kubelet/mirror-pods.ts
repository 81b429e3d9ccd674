/**
 * Static pods and their mirror pods. The kubelet runs its static pods from their manifests, not
 * from the API; it only reflects each into the API as a mirror pod (named `<pod>-<node>`, owned
 * by the Node, annotated with the manifest's hash). Deleting a mirror pod does not stop the
 * static pod: the kubelet removes the deleted mirror and creates a fresh one.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { ApiError } from '../api/errors';
import { clone } from '../api/objects';
import { canonicalJson, fnv32a, hex, sha256 } from '../sim/hash';
import { isMirrorPod, MIRROR_ANNOTATION } from '../static-pods';
import type { Kubelet } from './kubelet';

/** How long the kubelet's sync loop takes to notice a missing mirror pod (housekeeping period). */
export const MIRROR_RECREATE_MS = 2_000;

function mirrorOf(k: Kubelet, manifest: Pod): Pod {
  // The manifest's text through FNV first: a SHA-256 over all of it cost a cold start 3 ms.
  const hash = hex(sha256(`${manifest.metadata?.name}/${fnv32a(canonicalJson(manifest))}`)).slice(0, 32);
  const pod = clone(manifest);
  const meta = pod.metadata!;
  meta.name = `${meta.name}-${k.nodeName}`;
  meta.annotations = {
    ...meta.annotations,
    'kubernetes.io/config.hash': hash,
    [MIRROR_ANNOTATION]: hash,
    'kubernetes.io/config.seen': k.apiServer.timestamp().replace('Z', '.000000000Z'),
    'kubernetes.io/config.source': 'file',
  };
  const node = k.apiServer.tryGet('nodes', undefined, k.nodeName);
  meta.ownerReferences = [{ apiVersion: 'v1', kind: 'Node', name: k.nodeName, uid: node?.metadata?.uid ?? '', controller: true }];
  pod.spec!.nodeName = k.nodeName;
  return pod;
}

/** Images kubeadm pulled before the control plane started (`kubeadm config images pull`). */
export function prePulledImages(staticPods: Pod[]): string[] {
  return staticPods.flatMap((p) => p.spec?.containers.map((c) => c.image ?? '') ?? []);
}

/** Create the mirror pod of every static pod that has none (kubelet start, housekeeping). */
export function ensureMirrorPods(k: Kubelet): void {
  for (const manifest of k.staticPods) {
    const name = `${manifest.metadata!.name}-${k.nodeName}`;
    if (k.apiServer.tryGet('pods', 'kube-system', name)) continue;
    try {
      k.apiServer.create('pods', mirrorOf(k, manifest), k.id);
    } catch (e) {
      if (!(e instanceof ApiError && e.reason === 'AlreadyExists')) throw e;
    }
  }
}

/**
 * A mirror pod changed in the API. Returns true when it was handled here: a deletion request is
 * answered by removing the mirror at once (the static pod keeps running), and a recreated mirror
 * takes over the running static pod's worker instead of starting new containers.
 */
export function onMirrorPodUpdated(k: Kubelet, pod: Pod): boolean {
  if (!isMirrorPod(pod)) return false;
  const meta = pod.metadata!;
  if (meta.deletionTimestamp) {
    k.apiServer.delete('pods', meta.namespace, meta.name!, { gracePeriodSeconds: 0 });
    return true;
  }
  const key = `${meta.namespace}/${meta.name}`;
  const previous = k.state.byKey[key];
  const worker = previous === undefined ? undefined : k.state.workers[previous];
  if (!worker || previous === meta.uid) return false;
  delete k.state.workers[previous!];
  worker.uid = meta.uid!;
  delete worker.orphan;
  k.state.workers[worker.uid] = worker;
  k.state.byKey[key] = worker.uid;
  // The new mirror starts with an empty status: post the running pod's.
  k.markDirty(worker);
  k.resync(worker);
  return true;
}

/** A mirror pod left the API: keep the static pod running and mirror it again shortly. */
export function onMirrorPodDeleted(k: Kubelet, pod: Pod): boolean {
  if (!isMirrorPod(pod) || !k.staticPods.some((p) => `${p.metadata!.name}-${k.nodeName}` === pod.metadata?.name)) return false;
  k.simulator.schedule(MIRROR_RECREATE_MS, k.id, { type: 'mirror-pods' });
  return true;
}
