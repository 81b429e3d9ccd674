import { atLeast, DEFAULT_KUBERNETES_VERSION, parseVersion, type KubeVersion } from '../../../../engine/version';

/** describe.go texts that changed between kubectl releases (the simulated kubectl matches the cluster's). */
export interface DescribeRelease {
  /** `successThreshold=1 failureThreshold=3` from 1.37; `#success=1 #failure=3` before. */
  namedProbeThresholds: boolean;
  /** Node System Info's `Kube-Proxy Version:` line, dropped in 1.36 with the DisableNodeKubeProxyVersion gate locked on. */
  kubeProxyVersionLine: boolean;
}

export function describeRelease(v: KubeVersion): DescribeRelease {
  return { namedProbeThresholds: atLeast(v, 37), kubeProxyVersionLine: !atLeast(v, 36) };
}

/** The release of the default cluster version, for callers that name none. */
export const DEFAULT_RELEASE = describeRelease(parseVersion(DEFAULT_KUBERNETES_VERSION));
