/**
 * The wire format between the pieces of the WebContainer runtime: the shims in the container's
 * PATH (`kubectl`, `curl`, ...), the control client the page spawns (`ctl.mjs`) and the daemon
 * that holds the cluster. Everything is JSON over HTTP on the container's loopback; the daemon's
 * stdout carries one-way events to the page, one JSON object a line, after EVENT_MARK.
 */
import type { LabProgress, SavedLab } from '../../labs/types';
import type { ClusterPicture, TimeControlRequest, TimeStatus } from '../types';

/** One command the learner ran in `jsh`, as its shim saw it. */
export interface RunRequest {
  /** The command's name, then its arguments: `['kubectl', 'get', 'pods']`. */
  argv: string[];
  /** Everything piped into the command; empty when stdin is a terminal. */
  stdin: string;
  /** The working directory in the container, absolute. */
  cwd: string;
  env: Record<string, string>;
  /** The shim's stdout is a terminal: a watch (`kubectl get -w`) may keep running as a job. */
  tty?: boolean;
}

export interface RunResponse {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** The command keeps running: poll `/job` with this id for what it prints, or stop it. */
  job?: number;
}

/** `POST /job`: what a running job printed since the last poll; `stop` ends it (Ctrl-C). */
export interface JobRequest {
  id: number;
  stop?: boolean;
}

export interface JobResponse {
  stdout: string;
  /** The job has ended (stopped, or ended by itself); its exit status is 130, as after Ctrl-C. */
  done: boolean;
}

/** A job no shim polled for this long (wall ms) is stopped: its shim was killed without a goodbye. */
export const JOB_ORPHAN_MS = 3000;

export type ControlRequest =
  | { op: 'check' }
  | { op: 'time'; request: TimeControlRequest }
  | { op: 'save' }
  | { op: 'result' }
  | { op: 'reset' }
  | { op: 'picture' }
  | { op: 'commands' };

export interface ControlResults {
  check: LabProgress;
  time: TimeStatus;
  save: SavedLab;
  result: SavedLab;
  reset: { ok: true };
  picture: ClusterPicture;
  commands: string[];
}

/** What the daemon writes to stdout for the page, after EVENT_MARK at the start of a line. */
export type DaemonEvent =
  | { type: 'ready'; port: number; commands: string[] }
  | { type: 'command'; progress?: LabProgress };

/** ASCII record separator: a line starting with it is an event, anything else is a log line. */
export const EVENT_MARK = '\u001e';

/** Requests larger than this are refused (413) so a runaway pipe cannot exhaust the daemon. */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

/** Where things live inside the container, relative to its work directory. */
export const CONTAINER_LAYOUT = {
  dir: '.clusterlab',
  daemon: '.clusterlab/daemon.mjs',
  shim: '.clusterlab/shim.mjs',
  ctl: '.clusterlab/ctl.mjs',
  bin: '.clusterlab/bin',
  saved: '.clusterlab/saved.json',
  /** The daemon writes its port here once it listens; shims and ctl read it. */
  address: '.clusterlab/daemon.json',
} as const;
