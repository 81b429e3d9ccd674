import { atLeast, type KubeVersion } from '../version';

/**
 * Kubelet event and status texts, per Kubernetes version. Sources (kubernetes/kubernetes):
 * pkg/kubelet/kuberuntime/kuberuntime_container.go (Created/Started/Killing), pkg/kubelet/images/
 * image_manager.go (Pulling/Pulled/Failed/BackOff), kuberuntime_manager.go (BackOff, kill messages).
 * PR #134043 (merged 2025-09, released in 1.35) replaced `Created container: X` / `Started container X`
 * with `Container created` / `Container started`. KubeletEnsureSecretPulledImages (beta, on by
 * default in 1.35) made the cached-image message `... already present on machine and can be
 * accessed by the pod`.
 */
export function createdMessage(v: KubeVersion, name: string): string {
  if (atLeast(v, 35)) return 'Container created';
  return perContainer(CREATED, v, name, () => (atLeast(v, 32) ? `Created container: ${name}` : `Created container ${name}`));
}

export function startedMessage(v: KubeVersion, name: string): string {
  return atLeast(v, 35) ? 'Container started' : perContainer(STARTED, v, name, () => `Started container ${name}`);
}

/**
 * The Created and Started texts, one string per version and container name: every Event keeps its
 * message for an hour, and thousands of pods' containers share a name.
 */
const CREATED = new Map<number, Map<string, string>>();
const STARTED = new Map<number, Map<string, string>>();

function perContainer(cache: Map<number, Map<string, string>>, v: KubeVersion, name: string, text: () => string): string {
  let byName = cache.get(v.minor);
  if (!byName) cache.set(v.minor, (byName = new Map<string, string>()));
  let known = byName.get(name);
  if (known === undefined) byName.set(name, (known = text()));
  return known;
}

export function alreadyPresentMessage(v: KubeVersion, image: string): string {
  return atLeast(v, 35) ? `Container image "${image}" already present on machine and can be accessed by the pod` : `Container image "${image}" already present on machine`;
}

export function pulledMessage(v: KubeVersion, image: string, pullMs: number, totalMs: number, sizeBytes: number): string {
  const base = `Successfully pulled image "${image}" in ${goDuration(pullMs)}`;
  if (!atLeast(v, 28)) return base;
  const waiting = `${base} (${goDuration(totalMs)} including waiting)`;
  return atLeast(v, 30) ? `${waiting}. Image size: ${sizeBytes} bytes.` : waiting;
}

/**
 * Go's time.Duration.String() for whole milliseconds: `393ms`, `3.2s`, `1m2.5s`.
 * @example goDuration(3234) === '3.234s'
 */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  const sec = `${String(Number(s.toFixed(3)))}s`;
  if (h > 0) return `${h}h${m}m${sec}`;
  return m > 0 ? `${m}m${sec}` : sec;
}

/** `format.Pod`: `name_namespace(uid)`, as kubelet messages print a pod. */
export function formatPod(name: string, namespace: string, uid: string): string {
  return `${name}_${namespace}(${uid})`;
}
