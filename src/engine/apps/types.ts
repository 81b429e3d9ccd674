import type { ProcessNet } from './net-tools/applets';
import type { CommandResult } from '../../cli/types';

/** The simulated programs an image can run; each has one module in this folder. */
export type AppKind = 'control-plane' | 'nginx' | 'busybox' | 'pause' | 'http-app' | 'redis' | 'crashloop' | 'kube-proxy' | 'coredns' | 'dnsutils' | 'counter' | 'transcoder' | 'stream-server';

/** Signals the kubelet and runtime deliver. Numbers follow Linux x86-64. */
export type Signal = 'SIGTERM' | 'SIGKILL' | 'SIGQUIT' | 'SIGINT';

export const SIGNAL_NUMBER: Record<Signal, number> = { SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 };

/** An HTTP request as a probe, a preStop hook or (later) traffic sends it. */
export interface HttpRequest {
  method: string;
  path: string;
  port: number;
  /** Source address, for access logs. */
  remoteAddr: string;
  userAgent: string;
  headers?: Record<string, string>;
}

export interface HttpResponse {
  status: number;
  body: string;
  headers?: Record<string, string>;
  /**
   * Virtual ms the handler works before the response is written (the request is in flight
   * meanwhile). The app tracks it (apps/inflight.ts); if the process ends before then, the client
   * sees a reset instead of this response.
   */
  durationMs?: number;
}

/**
 * The plain-JSON state of one running process. `data` is owned by the app module (a different
 * shape per kind); the rest is what every process has. Kept JSON so a snapshot holds it.
 */
export interface ProcessState {
  kind: AppKind;
  argv: string[];
  env: Record<string, string>;
  /** Files visible inside the container (image files plus mounted volumes), path → content. */
  files: Record<string, string>;
  hostname: string;
  podIP: string;
  startedAtMs: number;
  /** Set once a stop signal arrived; apps decide what it means. */
  stopping?: Signal;
  /** Set when the runtime restored this process from a checkpoint (the image it came from). */
  restoredFrom?: string;
  data: Record<string, unknown>;
}

/**
 * What the kubelet gives an app while it runs: virtual time, a log sink, timers (messages routed
 * back to this process by the kubelet, never closures) and a way to exit.
 */
export interface AppContext {
  now(): number;
  /** Virtual ms → wall-clock ms, for timestamps the app prints. */
  epochMs: number;
  log(line: string): void;
  /** Lines written at once; the array is shared (a burst every instance writes) and must not change. */
  logAll(lines: readonly string[]): void;
  /** Call the app's timer() with `payload` after `delayMs`. */
  after(delayMs: number, payload: Record<string, unknown>): void;
  /** The process ends with this exit status (128+n for a death by signal n). */
  exit(code: number, reason?: 'Completed' | 'Error' | 'OOMKilled'): void;
  /**
   * Send a message to another actor (a node daemon's component, e.g. `kube-proxy/node-1`). It
   * carries `replyTo`: the kubelet message that reaches this process's timer() again.
   */
  notify?(target: string, message: Record<string, unknown>): void;
  /** The pod's place on the simulated network, for the network applets (undefined without one). */
  net?(): ProcessNet | undefined;
}

/** Result of running a command inside a container, plus the virtual time it took (for hooks). */
export interface ExecResult extends CommandResult {
  elapsedMs: number;
  /** Why the runtime could not start the command at all (`exec: "ps": executable file not found in $PATH`). */
  startError?: string;
}

/** One simulated program. Modules are stateless: all state lives in ProcessState. */
export interface AppModule {
  start(ctx: AppContext, proc: ProcessState): void;
  timer?(ctx: AppContext, proc: ProcessState, payload: Record<string, unknown>): void;
  /** Continue after a restore from a checkpoint (memory in `proc.data` intact); start() when absent. */
  resume?(ctx: AppContext, proc: ProcessState): void;
  /** A signal other than SIGKILL (the runtime handles that). */
  signal(ctx: AppContext, proc: ProcessState, signal: Signal): void;
  /** Serve a request, or undefined when nothing listens on that port (connection refused). */
  http?(ctx: AppContext, proc: ProcessState, req: HttpRequest): HttpResponse | undefined;
  /** Ports with a listening socket. */
  ports(proc: ProcessState): number[];
  /** App-specific commands for exec; undefined falls through to the generic coreutils. */
  exec?(ctx: AppContext, proc: ProcessState, argv: string[]): ExecResult | undefined;
}

/** The program version the image carries (set by the kubelet from the catalogue). */
export function appVersion(proc: ProcessState, fallback: string): string {
  return typeof proc.data.version === 'string' ? proc.data.version : fallback;
}
