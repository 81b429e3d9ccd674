import type { AppKind, ProcessState, Signal } from '../apps/types';
import type { ContainerLog } from './container-log';

/** One run of a container: what containerd would report for one container ID. */
export interface ContainerInstance {
  /** 64 hex characters, as containerd's IDs. */
  id: string;
  startedAtMs: number;
  finishedAtMs?: number;
  exitCode?: number;
  reason?: 'Completed' | 'Error' | 'OOMKilled';
  proc: ProcessState;
  /** Log lines with the virtual ms each was written at. */
  logs: ContainerLog;
}

/** A probe worker's counters (prober/worker.go): results need consecutive runs to flip. */
export interface ProbeState {
  successes: number;
  failures: number;
  result: 'success' | 'failure' | 'unknown';
}

export type ProbeKind = 'startup' | 'liveness' | 'readiness';

/** What the image resolved to when the container was created. */
export interface ResolvedImage {
  normalized: string;
  imageID: string;
  kind: AppKind;
  version: string;
  stopSignal: Signal;
  argv: string[];
  env: Record<string, string>;
}

/** Why a running container is being stopped. */
export interface KillState {
  reason: 'delete' | 'liveness' | 'startup';
  graceSec: number;
  /** Set when preStop finished and the stop signal went out. */
  signalledAtMs?: number;
}

/**
 * The kubelet's view of one container of a pod: its lifecycle stage, the current and previous
 * instance, probe state. `epoch` grows whenever an in-flight step is superseded, so a timer
 * message carrying an older epoch is recognised as stale and ignored.
 */
export interface ContainerWorker {
  name: string;
  init: boolean;
  /** Index in spec.initContainers or spec.containers. */
  index: number;
  stage: 'waiting' | 'pulling' | 'creating' | 'running' | 'exited';
  waiting: { reason: string; message?: string };
  image?: ResolvedImage;
  current?: ContainerInstance;
  previous?: ContainerInstance;
  restartCount: number;
  started: boolean;
  ready: boolean;
  probes: Record<ProbeKind, ProbeState>;
  killing?: KillState;
  /** Pull wait started (ms), to report "(Xs including waiting)". */
  pullQueuedAtMs?: number;
  epoch: number;
}

export type ConditionType = 'PodReadyToStartContainers' | 'Initialized' | 'Ready' | 'ContainersReady' | 'PodScheduled';

/** The pod worker (pod_workers.go): one per pod bound to this node, driven by messages. */
export interface PodWorker {
  uid: string;
  namespace: string;
  name: string;
  stage: 'sandbox' | 'volumes' | 'containers' | 'terminating' | 'terminated';
  sandboxStarted: boolean;
  podIP?: string;
  startTimeMs: number;
  /** Next delay for a failed volume mount (500 ms doubling, as the operation executor). */
  mountRetryMs: number;
  /** Files volumes contribute, by volume name: relative path → content. */
  volumes: Record<string, Record<string, string>>;
  containers: ContainerWorker[];
  phase?: 'Succeeded' | 'Failed';
  transitions: Partial<Record<ConditionType, { status: string; atMs: number }>>;
  deletion?: { graceSec: number; forced: boolean };
  /** The pod as last seen, kept only after it vanished from the API (forced deletion). */
  orphan?: unknown;
}

/** A queued image pull; the node pulls one image at a time (serializeImagePulls=true). */
export interface PullJob {
  uid: string;
  container: string;
  epoch: number;
  image: string;
  queuedAtMs: number;
}

/** flowcontrol.Backoff entry. */
export interface BackoffEntry {
  durationMs: number;
  lastUpdateMs: number;
}
