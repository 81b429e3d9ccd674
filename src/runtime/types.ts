import type { LabProgress, SavedLab } from '../labs/types';

/**
 * One interface for every place a lab can run in the browser. The lab panel talks only to this:
 * keystrokes in, terminal bytes out, plus the controls around the terminal.
 */

export type RuntimeKind = 'worker' | 'webcontainer';
/** The site setting (and `?runtime=` query parameter): `auto` tries WebContainer, then the worker. */
export type RuntimePreference = 'auto' | RuntimeKind;

export interface TimeStatus {
  /** Virtual ms since the lab began. */
  nowMs: number;
  speed: number;
  paused: boolean;
}

export interface TimeControlRequest {
  speed?: number;
  paused?: boolean;
  /** Run the next scheduled event (and report what it did in the terminal). */
  step?: boolean;
}

/** A compact, JSON picture of the cluster for <ClusterView />. */
export interface ClusterPicture {
  nowMs: number;
  nodes: { name: string; ready: boolean; pods: { namespace: string; name: string; phase: string; ip?: string; ready: boolean; terminating: boolean }[] }[];
  services: { namespace: string; name: string; type: string; clusterIP?: string; ports: string[]; endpoints: { ip: string; ready: boolean; serving: boolean; terminating: boolean }[] }[];
  /** Per node, the endpoints its proxy rules still send each Service's traffic to. */
  proxies: { node: string; mode: string; lastSyncMs?: number; services: { service: string; endpoints: string[] }[] }[];
}

export interface LabRuntime {
  readonly kind: RuntimeKind;
  /** Terminal input exactly as xterm's onData delivers it (keystrokes, pastes, escape sequences). */
  input(data: string): void;
  resize(cols: number, rows: number): void;
  /** Terminal output (with ANSI sequences) for xterm.write; returns an unsubscribe function. */
  onOutput(listener: (data: string) => void): () => void;
  /** Type a whole command line and run it, as a lesson's "run in terminal" button does. */
  type(command: string): void;
  check(): Promise<LabProgress>;
  time(request: TimeControlRequest): Promise<TimeStatus>;
  /** Throw the lab away and start it again from its setup. */
  reset(): Promise<void>;
  /** The state to persist (IndexedDB) or export; resumable with RuntimeStartOptions.saved. */
  save(): Promise<SavedLab>;
  /**
   * The result file a learner hands in: the saved state without the engine snapshot, which
   * `clusterlab verify` replays. Rejects for a sandbox, which has no tasks to grade.
   */
  result(): Promise<SavedLab>;
  picture(): Promise<ClusterPicture>;
  /** Called after every command the learner ran (to persist, refresh views). */
  onCommand(listener: (progress: LabProgress | undefined) => void): () => void;
  dispose(): void;
}

export interface RuntimeStartOptions {
  /** A lab id under labs/, or undefined for a free sandbox cluster (<Terminal />). */
  labId?: string;
  saved?: SavedLab;
  preference: RuntimePreference;
  webcontainer?: { apiKey?: string; bootTimeoutMs: number };
  cols: number;
  rows: number;
  /** The page's words, for the fallback notice (English when absent). */
  strings?: import('../components/ui-strings').UiStrings;
}

/** What starting a runtime gives the panel: the runtime and, after a fallback, the one-line reason. */
export interface RuntimeStart {
  runtime: LabRuntime;
  notice?: string;
}
