import type { ClusterConfig, ContainerRuntimeConfig, NodeConfig } from '../cluster-config';
import type { PullWording } from '../apps/catalogue';
import { atLeast, type KubeVersion } from '../version';

/** What a node runs when its config names no runtime: containerd as kubeadm clusters ship it. */
export const DEFAULT_RUNTIME: ContainerRuntimeConfig = { name: 'containerd', version: '2.1.4' };

/** CRIU 3.16 is the oldest version CRI runtimes accept for pod checkpoints (go-criu PodCriuVersion). */
export const POD_CRIU_VERSION = 31600;

export function runtimeOf(node: NodeConfig): ContainerRuntimeConfig {
  return node.runtime ?? DEFAULT_RUNTIME;
}

/** `containerd://2.1.4` or `cri-o://1.31.0`, as node.status.nodeInfo.containerRuntimeVersion. */
export function runtimeVersionString(runtime: ContainerRuntimeConfig): string {
  return `${runtime.name}://${runtime.version}`;
}

/**
 * Whether the runtime reports a container's process identity in its CRI status (ContainerUser,
 * CRI v1.31): containerd from 2.0, CRI-O from 1.31. The kubelet copies it to `status.user`.
 */
export function reportsContainerUser(runtime: ContainerRuntimeConfig): boolean {
  return runtime.name === 'cri-o' ? versionAtLeast(runtime.version, 1, 31) : versionAtLeast(runtime.version, 2, 0);
}

/**
 * The ContainerCheckpoint feature gate: alpha (off) 1.25–1.29, beta (on) from 1.30. Before 1.25
 * the gate does not exist and cannot be turned on.
 */
export function checkpointGateEnabled(config: Pick<ClusterConfig, 'featureGates'>, version: KubeVersion): boolean {
  if (!atLeast(version, 25)) return false;
  return config.featureGates?.ContainerCheckpoint ?? atLeast(version, 30);
}

function versionNumber(text: string): number[] {
  return text.split(/[.-]/).map((p) => Number.parseInt(p, 10) || 0);
}

function versionAtLeast(text: string, major: number, minor: number): boolean {
  const [ma = 0, mi = 0] = versionNumber(text);
  return ma > major || (ma === major && mi >= minor);
}

/** `4.1` → 40100, as CRIU reports its version to go-criu. */
export function criuVersionCode(text: string): number {
  const [ma = 0, mi = 0, pa = 0] = versionNumber(text);
  return ma * 10000 + mi * 100 + pa;
}

/**
 * CRI-O's checkpoint/restore support: `enable_criu_support` (default off before 1.30, on from
 * 1.30) and, from 1.30, switched off at start-up when no `criu` binary is in $PATH ("Checkpoint/
 * restore support disabled: CRIU binary not found in $PATH"). Before 1.30 CRI-O refused to start
 * in that case; a lab modelling it sees support off as well.
 */
export function crioCriuSupport(runtime: ContainerRuntimeConfig): boolean {
  const enabled = runtime.enableCriuSupport ?? versionAtLeast(runtime.version, 1, 30);
  return enabled && runtime.criuVersion !== undefined;
}

/**
 * Why CheckpointContainer fails on this runtime, as the gRPC error the kubelet wraps, or
 * undefined when it works:
 * - containerd before 1.7 was built without the RPC: gRPC's "unknown method";
 * - containerd 1.7 answers Unimplemented; containerd 2.x needs CRIU >= 3.16 (go-criu's check);
 * - CRI-O needs its criu support on (an error not wrapped in a gRPC status: code Unknown).
 */
export function checkpointFailure(runtime: ContainerRuntimeConfig, containerId: string): string | undefined {
  if (runtime.name === 'cri-o') return crioCriuSupport(runtime) ? undefined : 'rpc error: code = Unknown desc = checkpoint/restore support not available';
  if (!versionAtLeast(runtime.version, 1, 7)) return 'rpc error: code = Unimplemented desc = unknown method CheckpointContainer for service runtime.v1.RuntimeService';
  if (!versionAtLeast(runtime.version, 2, 0)) return 'rpc error: code = Unimplemented desc = method CheckpointContainer not implemented';
  if (runtime.criuVersion === undefined) return `rpc error: code = Unknown desc = CRIU binary not found or too old (<${POD_CRIU_VERSION}). Failed to checkpoint container "${containerId}": failed to check for criu version: exec: "criu": executable file not found in $PATH`;
  const code = criuVersionCode(runtime.criuVersion);
  if (code < POD_CRIU_VERSION) return `rpc error: code = Unknown desc = CRIU binary not found or too old (<${POD_CRIU_VERSION}). Failed to checkpoint container "${containerId}": checkpoint/restore requires at least CRIU ${POD_CRIU_VERSION}, current version is ${code}`;
  return undefined;
}

/**
 * Whether creating a container from a checkpoint image restores it: CRI-O with criu support,
 * containerd from 2.1 (restore through CreateContainer, containerd PR #10365) with CRIU.
 */
export function canRestore(runtime: ContainerRuntimeConfig): boolean {
  if (runtime.name === 'cri-o') return crioCriuSupport(runtime);
  return versionAtLeast(runtime.version, 2, 1) && runtime.criuVersion !== undefined && criuVersionCode(runtime.criuVersion) >= POD_CRIU_VERSION;
}

/** containerd 2.1 and later pull through the transfer service, which words resolve errors its own way. */
export function pullWording(runtime: ContainerRuntimeConfig): PullWording {
  return runtime.name === 'containerd' && !versionAtLeast(runtime.version, 2, 1) ? 'local-pull' : 'transfer-service';
}
