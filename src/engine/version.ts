/**
 * The Kubernetes version a cluster imitates. Output formats that changed between releases
 * (kubelet event texts, kubectl delete's message, removed proxy modes) are chosen from it.
 */
export interface KubeVersion {
  major: number;
  minor: number;
  patch: number;
}

export const DEFAULT_KUBERNETES_VERSION = '1.34.2';

export function parseVersion(text: string): KubeVersion {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) throw new Error(`invalid Kubernetes version "${text}" (expected e.g. 1.34.2)`);
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3] ?? 0) };
}

/** True when `v` is at least `major.minor`. */
export function atLeast(v: KubeVersion, minor: number, major = 1): boolean {
  return v.major > major || (v.major === major && v.minor >= minor);
}

export function formatVersion(v: KubeVersion): string {
  return `v${v.major}.${v.minor}.${v.patch}`;
}

/** Pods carry `metadata.generation` since 1.33 (KEP-5067): 1 at creation, +1 per spec change or graceful deletion. */
export function podsHaveGeneration(v: KubeVersion): boolean {
  return atLeast(v, 33);
}

/**
 * The RecursiveReadOnlyMounts feature gate (KEP-3857): alpha (off) in 1.30, beta (on) in 1.31, GA
 * in 1.33. With it the kubelet reports each container's mounts in `status.containerStatuses[].volumeMounts`.
 */
export function recursiveReadOnlyMounts(v: KubeVersion, featureGates: Record<string, boolean> = {}): boolean {
  if (!atLeast(v, 30)) return false;
  return atLeast(v, 33) || (featureGates.RecursiveReadOnlyMounts ?? atLeast(v, 31));
}

/**
 * The InPlacePodVerticalScaling feature gate (KEP-1287): alpha (off) 1.27–1.32, beta (on) in 1.33,
 * GA in 1.35. With it the kubelet reports a created container's `resources` (and the requests it
 * was allocated) in its status.
 */
export function inPlacePodVerticalScaling(v: KubeVersion, featureGates: Record<string, boolean> = {}): boolean {
  if (!atLeast(v, 27)) return false;
  return atLeast(v, 35) || (featureGates.InPlacePodVerticalScaling ?? atLeast(v, 33));
}

/**
 * The SupplementalGroupsPolicy feature gate (KEP-3619): alpha (off) 1.31–1.32, beta (on) from
 * 1.33. With it the kubelet reports the identity the runtime started a container's process with.
 */
export function supplementalGroupsPolicy(v: KubeVersion, featureGates: Record<string, boolean> = {}): boolean {
  if (!atLeast(v, 31)) return false;
  return featureGates.SupplementalGroupsPolicy ?? atLeast(v, 33);
}

/**
 * The PodObservedGenerationTracking feature gate (KEP-5067): alpha (off) in 1.33, beta (on) in
 * 1.34, GA in 1.35. With it the kubelet writes `status.observedGeneration`, and the kubelet and
 * the scheduler put `observedGeneration` on the pod conditions they write.
 */
export function podObservedGenerationTracking(v: KubeVersion, featureGates: Record<string, boolean> = {}): boolean {
  if (!atLeast(v, 33)) return false;
  return featureGates.PodObservedGenerationTracking ?? atLeast(v, 34);
}
