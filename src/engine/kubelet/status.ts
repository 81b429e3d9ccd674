import type { Container, ContainerState, ContainerStatus, Pod, PodCondition, PodStatus } from 'kubernetes-types/core/v1';
import { rfc3339 } from '../sim/time';
import { atLeast, type KubeVersion } from '../version';
import type { ConditionType, ContainerInstance, ContainerWorker, PodWorker } from './types';

/** A pod condition with KEP-5067's field (newer than the kubernetes-types release we use). */
export type ObservedCondition = PodCondition & { observedGeneration?: number };

/** Conditions the kubelet owns (PodConditionsByKubelet); others (DisruptionTarget) are kept as the API has them. */
const OWNED = new Set<string>(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);

export interface StatusInputs {
  worker: PodWorker;
  pod: Pod;
  version: KubeVersion;
  hostIP: string;
  epochMs: number;
  nowMs: number;
  /** The CRI runtime's name, the scheme of container IDs (`containerd://…`, `cri-o://…`). */
  runtime?: string;
  /** With PodObservedGenerationTracking: the pod generation this status reflects. */
  observedGeneration?: number;
  /** What else each container status reports, by feature gate (and runtime). */
  reports?: StatusReports;
}

/**
 * mounts: RecursiveReadOnlyMounts, every container's mounts; resources: InPlacePodVerticalScaling,
 * a created container's resources and allocated requests; user: SupplementalGroupsPolicy with a
 * runtime that reports it, the created container's uid, gid and groups.
 */
export interface StatusReports {
  mounts: boolean;
  resources: boolean;
  user: boolean;
}

const NO_REPORTS: StatusReports = { mounts: false, resources: false, user: false };

/**
 * The status manager's view of a pod (kubelet_pods.go generateAPIPodStatus): phase, conditions
 * with transition times, IPs, and one status per container. Pure; the caller writes it.
 */
export function buildPodStatus(input: StatusInputs): PodStatus {
  const { worker, pod, version, hostIP, epochMs } = input;
  const scheme = input.runtime ?? 'containerd';
  // Most pods have no init containers: no copies of the list then.
  const hasInits = worker.containers.some((c) => c.init);
  const regular = hasInits ? worker.containers.filter((c) => !c.init) : worker.containers;
  const inits = hasInits ? worker.containers.filter((c) => c.init) : [];
  const status: PodStatus = {
    phase: podPhase(worker, pod),
    conditions: conditions(input),
    hostIP,
    hostIPs: [{ ip: hostIP }],
    startTime: rfc3339(epochMs, worker.startTimeMs),
    containerStatuses: containerStatuses(regular, pod, epochMs, scheme, input.reports ?? NO_REPORTS),
    qosClass: pod.status?.qosClass ?? 'BestEffort',
  };
  if (worker.podIP) {
    status.podIP = worker.podIP;
    status.podIPs = [{ ip: worker.podIP }];
  }
  if (inits.length > 0) status.initContainerStatuses = containerStatuses(inits, pod, epochMs, scheme, input.reports ?? NO_REPORTS);
  if (input.observedGeneration !== undefined) (status as PodStatus & { observedGeneration?: number }).observedGeneration = input.observedGeneration;
  if (!atLeast(version, 29)) status.conditions = status.conditions!.filter((c) => c.type !== 'PodReadyToStartContainers');
  return status;
}

/** getPhase (kubelet_pods.go), with the terminal phase a finished or deleted pod reached. */
export function podPhase(worker: PodWorker, pod: Pod): string {
  if (worker.phase) return worker.phase;
  if (worker.containers.some((c) => c.init && !initDone(c))) return 'Pending';
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of worker.containers) {
    if (c.init) continue;
    if (c.stage === 'running') running++;
    else if (c.stage === 'exited') {
      stopped++;
      if (c.current?.exitCode === 0) succeeded++;
    } else if (c.current || c.previous) stopped++;
    else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  const policy = pod.spec?.restartPolicy ?? 'Always';
  if (stopped === 0) return 'Pending';
  if (policy === 'Always') return 'Running';
  if (policy === 'OnFailure') return stopped === succeeded ? 'Succeeded' : 'Running';
  return stopped === succeeded ? 'Succeeded' : 'Failed';
}

/** An init container is done once it exited 0. */
export function initDone(c: ContainerWorker): boolean {
  return c.stage === 'exited' && c.current?.exitCode === 0;
}

function conditions(input: StatusInputs): PodCondition[] {
  const { worker, pod } = input;
  const terminal = worker.phase !== undefined;
  // One pass, no intermediate arrays: this runs for every status write of every pod.
  let unInit: string[] | undefined;
  let unready: string[] | undefined;
  for (const c of worker.containers) {
    if (c.init) {
      if (!initDone(c)) (unInit ??= []).push(c.name);
    } else if (!c.ready) (unready ??= []).push(c.name);
  }
  const ready = readyCondition(terminal, unready);
  const prev = pod.status?.conditions;
  // mergePodStatus: the conditions other components own come first, as stored (frozen, so
  // shared, not copied), then the kubelet's in generateAPIPodStatus's order.
  const out: PodCondition[] = [];
  if (prev) for (const c of prev) if (!OWNED.has(c.type)) out.push(c);
  out.push(
    condition(input, 'PodReadyToStartContainers', worker.podIP && !terminal ? TRUE : FALSE, prev),
    condition(input, 'Initialized', !unInit || terminal ? TRUE : { status: 'False', reason: 'ContainersNotInitialized', message: `containers with incomplete status: [${unInit.join(' ')}]` }, prev),
    condition(input, 'Ready', ready, prev),
    condition(input, 'ContainersReady', ready, prev),
    scheduledCondition(input, prev),
  );
  return sameItems(out, prev) ? prev! : out;
}

/**
 * PodScheduled: the kubelet reports it True whoever placed the pod (the scheduler, or a nodeName
 * in the spec, or a static pod); the time the scheduler bound it is kept, as the status manager
 * keeps a transition time while the status stays the same.
 */
function scheduledCondition(input: StatusInputs, prev: readonly PodCondition[] | undefined): PodCondition {
  const stored = prev && conditionOf(prev, 'PodScheduled');
  if (stored?.status !== 'True') return condition(input, 'PodScheduled', TRUE, prev);
  if (sameCondition(stored, TRUE, stored.lastTransitionTime!, input.observedGeneration)) return stored;
  const cond: PodCondition = { type: 'PodScheduled', status: 'True', lastProbeTime: null as unknown as string, lastTransitionTime: stored.lastTransitionTime! };
  if (input.observedGeneration !== undefined) (cond as ObservedCondition).observedGeneration = input.observedGeneration;
  return cond;
}

type Wanted = { readonly status: string; readonly reason?: string; readonly message?: string };
const TRUE: Wanted = { status: 'True' };
const FALSE: Wanted = { status: 'False' };
const COMPLETED: Wanted = { status: 'False', reason: 'PodCompleted' };

/**
 * One kubelet-owned condition, its transition time moved only when its status changed. When it
 * equals the stored one, that is returned: most writes change one condition or none, and every
 * copy made here lived until the pod's next write, long enough to burden the old generation.
 */
function condition(input: StatusInputs, type: ConditionType, want: Wanted, prev: readonly PodCondition[] | undefined): PodCondition {
  const { worker, epochMs } = input;
  const seen = worker.transitions[type];
  if (!seen || seen.status !== want.status) worker.transitions[type] = { status: want.status, atMs: input.nowMs };
  const lastTransitionTime = rfc3339(epochMs, worker.transitions[type]!.atMs);
  const stored = prev && conditionOf(prev, type);
  if (stored && sameCondition(stored, want, lastTransitionTime, input.observedGeneration)) return stored;
  const cond: PodCondition = { type, status: want.status, lastProbeTime: null as unknown as string, lastTransitionTime };
  if (want.reason) cond.reason = want.reason;
  if (want.message) cond.message = want.message;
  if (input.observedGeneration !== undefined) (cond as ObservedCondition).observedGeneration = input.observedGeneration;
  return cond;
}

/** The stored condition has exactly the fields condition() would write, with the same values. */
function sameCondition(c: ObservedCondition, want: Wanted, lastTransitionTime: string, observedGeneration: number | undefined): boolean {
  if (c.status !== want.status || c.lastTransitionTime !== lastTransitionTime || c.lastProbeTime !== null) return false;
  if (c.reason !== (want.reason || undefined) || c.message !== (want.message || undefined) || c.observedGeneration !== observedGeneration) return false;
  const fields = 4 + (want.reason ? 1 : 0) + (want.message ? 1 : 0) + (observedGeneration === undefined ? 0 : 1);
  return Object.keys(c).length === fields;
}

/** A loop, not find(): an arrow capturing `type` would cost a context on every call. */
function conditionOf(conditions: readonly PodCondition[], type: string): PodCondition | undefined {
  for (const c of conditions) if (c.type === type) return c;
  return undefined;
}

function sameItems<T>(a: readonly T[], b: readonly T[] | undefined): boolean {
  if (!b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function readyCondition(terminal: boolean, unready: string[] | undefined): Wanted {
  if (terminal) return COMPLETED;
  if (!unready) return TRUE;
  return { status: 'False', reason: 'ContainersNotReady', message: `containers with unready status: [${unready.join(' ')}]` };
}

function terminatedState(i: ContainerInstance, epochMs: number, scheme: string): ContainerState {
  return {
    terminated: {
      containerID: `${scheme}://${i.id}`,
      exitCode: i.exitCode ?? 0,
      reason: i.reason ?? 'Completed',
      startedAt: rfc3339(epochMs, i.startedAtMs),
      finishedAt: rfc3339(epochMs, i.finishedAtMs ?? i.startedAtMs),
    },
  };
}

/** Each container's status, in order (a loop: this runs for every status write of every pod). */
function containerStatuses(containers: readonly ContainerWorker[], pod: Pod, epochMs: number, scheme: string, reports: StatusReports): ContainerStatus[] {
  const out: ContainerStatus[] = [];
  for (const c of containers) out.push(containerStatus(c, pod, epochMs, scheme, reports));
  return out;
}

/** Shared, never changed: status parts are stored as they are. */
const EMPTY_RESOURCES = {};
const ROOT_USER = { linux: { uid: 0, gid: 0, supplementalGroups: [0] } };

type MountStatus = { name: string; mountPath: string; readOnly?: boolean; recursiveReadOnly?: string };

/**
 * convertToAPIContainerStatuses: a container's mounts as its status reports them, a read-only one
 * with its recursive mode (Disabled unless the mount asks for Enabled). One list per container
 * of the stored spec (which never changes), shared by every status write of the pod.
 */
const MOUNT_STATUSES = new WeakMap<Container, MountStatus[] | undefined>();

function mountStatusesOf(spec: Container): MountStatus[] | undefined {
  if (MOUNT_STATUSES.has(spec)) return MOUNT_STATUSES.get(spec);
  const mounts = spec.volumeMounts?.length ? spec.volumeMounts.map(mountStatus) : undefined;
  MOUNT_STATUSES.set(spec, mounts);
  return mounts;
}

function mountStatus(m: NonNullable<Container['volumeMounts']>[number]): MountStatus {
  const out: MountStatus = { name: m.name, mountPath: m.mountPath };
  if (m.readOnly) {
    out.readOnly = true;
    out.recursiveReadOnly = (m as { recursiveReadOnly?: string }).recursiveReadOnly === 'Enabled' ? 'Enabled' : 'Disabled';
  }
  return out;
}

function containerStatus(c: ContainerWorker, pod: Pod, epochMs: number, scheme: string, reports: StatusReports): ContainerStatus {
  const spec = (c.init ? pod.spec?.initContainers : pod.spec?.containers)?.[c.index];
  const running = c.stage === 'running' && c.current;
  const exited = c.stage === 'exited' && c.current;
  let state: ContainerState;
  if (running) state = { running: { startedAt: rfc3339(epochMs, c.current!.startedAtMs) } };
  else if (exited) state = terminatedState(c.current!, epochMs, scheme);
  else state = { waiting: c.waiting.message ? { reason: c.waiting.reason, message: c.waiting.message } : { reason: c.waiting.reason } };
  // lastState is the instance before the one `state` describes.
  const last = running || exited ? c.previous : c.current;
  const out: ContainerStatus = {
    image: c.image?.normalized ?? spec?.image ?? '',
    imageID: c.current || c.image ? (c.image?.imageID ?? '') : '',
    lastState: last?.finishedAtMs !== undefined ? terminatedState(last, epochMs, scheme) : {},
    name: c.name,
    ready: c.ready,
    restartCount: c.restartCount,
    started: c.started,
    state,
  };
  if (c.current) out.containerID = `${scheme}://${c.current.id}`;
  const extra = out as ContainerStatus & { volumeMounts?: MountStatus[]; user?: typeof ROOT_USER };
  const volumeMounts = reports.mounts && spec ? mountStatusesOf(spec) : undefined;
  if (volumeMounts) extra.volumeMounts = volumeMounts;
  // What the runtime reports once the container exists (convertContainerStatus).
  if (c.current && spec && reports.resources) {
    extra.resources = spec.resources ?? EMPTY_RESOURCES;
    if (spec.resources?.requests && Object.keys(spec.resources.requests).length > 0) extra.allocatedResources = spec.resources.requests;
  }
  // Every simulated image runs its process as root.
  if (c.current && reports.user) extra.user = ROOT_USER;
  return out;
}
