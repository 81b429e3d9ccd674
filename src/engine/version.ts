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
