/**
 * Messages between the page (client.ts) and the lab's Web Worker (entry.ts). Requests that
 * answer carry an id; keystrokes and resizes are one-way. The worker pushes output and command
 * events as they happen.
 */
import type { LabProgress, SavedLab } from '../../labs/types';
import type { ClusterPicture, TimeControlRequest, TimeStatus } from '../types';

/** What the lab panel shows beside the terminal, sent once the lab is built. */
export interface LabInfo {
  id: string;
  title: string;
  summary: string;
  tasks: { id: string; title: string; instructions: string; points: number; required: boolean; hints: string[] }[];
  /** The reference solution's inputs, in order. */
  solution: string[];
}

export interface StartRequest {
  labId?: string;
  saved?: SavedLab;
  cols: number;
  rows: number;
  /** True when the panel restored the saved screen itself: print no greeting. */
  resumed: boolean;
}

/** Sent the moment Start is clicked, before the terminal exists: build the lab meanwhile. */
export interface PrepareRequest {
  labId?: string;
  saved?: SavedLab;
}

/** Progress and time come only from a lab that was ready at once, not one still running its setup. */
export interface StartReply {
  info?: LabInfo;
  progress?: LabProgress;
  time?: TimeStatus;
}

/** Requests that answer, by operation: what they send and what comes back. */
export interface Calls {
  start: { args: StartRequest; result: StartReply };
  check: { args: undefined; result: LabProgress | undefined };
  time: { args: TimeControlRequest; result: TimeStatus };
  reset: { args: undefined; result: LabProgress | undefined };
  save: { args: undefined; result: SavedLab };
  result: { args: undefined; result: SavedLab };
  picture: { args: undefined; result: ClusterPicture };
}

export type CallName = keyof Calls;

export type ToWorker =
  | { [K in CallName]: { kind: 'call'; id: number; op: K; args: Calls[K]['args'] } }[CallName]
  | { kind: 'prepare'; request: PrepareRequest }
  | { kind: 'input'; data: string }
  | { kind: 'type'; command: string }
  | { kind: 'resize'; cols: number; rows: number };

export type FromWorker =
  | { kind: 'reply'; id: number; result: unknown }
  | { kind: 'error'; id: number; message: string }
  | { kind: 'output'; data: string }
  | { kind: 'command'; progress?: LabProgress };
