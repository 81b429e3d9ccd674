import type { CommandResult } from '../cli/types';
import type { KubeletRequest, KubeletResponse } from './kubelet/server';

/**
 * What the kubelet of one node offers the outside, as its HTTPS API on port 10250 does:
 * container logs and exec for kubectl, and files on the node for `ssh`. The kubelet
 * implements it; kubectl reaches it through Cluster.nodeAgent(nodeName).
 */
/**
 * A command's result, or (failedToStart) the error the exec stream ended with because the
 * runtime could not start it: kubectl then prints that error alone, not an exit code.
 */
export type ExecOutcome = CommandResult & { failedToStart?: boolean };

/** PodLogOptions as the kubelet reads them; `sinceMs` is virtual time (sinceSeconds/sinceTime resolved). */
export interface LogOptions {
  previous?: boolean;
  tailLines?: number;
  timestamps?: boolean;
  sinceMs?: number;
}

export interface NodeAgent {
  readonly nodeName: string;
  /**
   * Log lines a container wrote, as `kubectl logs` prints them. `previous` reads the last
   * terminated instance. Returns an error text (kubectl's) when there is nothing to read.
   */
  logs(namespace: string, pod: string, container: string, options: LogOptions): { ok: true; text: string } | { ok: false; error: string };
  /** Run `argv` inside a running container (`kubectl exec POD -- argv`). */
  exec(namespace: string, pod: string, container: string, argv: string[], stdin: string): ExecOutcome;
  /**
   * The kubelet's HTTPS API on port 10250 (`https://localhost:10250/...` on the node, or
   * `https://<nodeIP>:10250/...`): undefined when nothing listens (kubelet stopped).
   */
  serveHttps?(request: KubeletRequest): KubeletResponse | undefined;
}
