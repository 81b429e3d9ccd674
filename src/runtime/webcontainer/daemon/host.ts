import { Session, type SessionOptions } from '../../../cli/session';
import type { Chunk } from '../../../cli/shell/transcript';
import type { TimeControl } from '../../../cli/commands/sim';
import { INTERRUPTED, type ForegroundJob, type VirtualFs } from '../../../cli/types';
import type { Cluster } from '../../../engine/cluster';
import type { LabProgress, SavedLab, TranscriptEntry } from '../../../labs/types';
import type { ClusterPicture } from '../../types';
import { clusterPicture } from './picture';
import { SANDBOX_ENGINE_VERSION } from '../../../labs/engine-version';

/** What one input printed, stream by stream in order, and its exit status. */
export interface HostRunResult {
  chunks: Chunk[];
  exitCode: number;
  /** The input keeps running in the foreground (asked for with `foreground`). */
  job?: ForegroundJob;
}

export interface HostRunOptions {
  /** A terminal runs the input: a watch may go on as a foreground job. */
  foreground?: boolean;
}

/**
 * What the daemon needs from whatever holds the cluster: a lab session (src/labs) when the page
 * runs a lab, a plain sandbox Session otherwise. Inputs go through the host's own shell, so they
 * land in its transcript and a saved lab replays them exactly.
 */
export interface LabHost {
  readonly cluster: Cluster;
  /** The workstation's file system the commands read (`kubectl apply -f web.yaml`). */
  readonly fs: VirtualFs;
  readonly time: TimeControl;
  run(input: string, options?: HostRunOptions): HostRunResult;
  /** The last input ran on as a foreground job until it was stopped: record all it printed and when. */
  amendRunning(output: string, interruptedAfterMs: number): void;
  /** Names of the commands that need the cluster: each gets a shim in the container's PATH. */
  commands(): string[];
  check(): LabProgress;
  save(): SavedLab;
  /** The result file to hand in (no snapshot); throws for a sandbox, which has nothing to grade. */
  result(): SavedLab;
  /** Throw the state away and start again from the setup. */
  reset(): void;
  picture(): ClusterPicture;
}

export const SANDBOX_ID = 'sandbox';

/**
 * A free sandbox cluster (<Terminal />): a Session plus the timed transcript of what was typed,
 * which is all a resume needs (same seed, same inputs at the same virtual times, same cluster).
 */
export class SandboxHost implements LabHost {
  #session: Session;
  #transcript: TranscriptEntry[] = [];

  constructor(
    private readonly options: SessionOptions & { seed: number },
    saved?: SavedLab,
  ) {
    this.#session = new Session(options);
    if (saved) this.#replay(saved);
  }

  get cluster(): Cluster {
    return this.#session.cluster;
  }

  get fs(): VirtualFs {
    return this.#session.fs;
  }

  get time(): TimeControl {
    return this.#session.time;
  }

  run(input: string, options: HostRunOptions = {}, interruptedAfterMs?: number): HostRunResult {
    const atMs = this.cluster.now();
    this.#session.enableForegroundJobs(options.foreground === true);
    const result = this.#session.run(input, interruptedAfterMs === undefined ? {} : { interruptAfterMs: interruptedAfterMs });
    const job = this.#session.takeJob();
    this.#transcript.push({ atMs, input, output: result.output, exitCode: result.exitCode, ...(interruptedAfterMs === undefined ? {} : { interruptedAfterMs }) });
    return { chunks: result.chunks, exitCode: result.exitCode, ...(job ? { job } : {}) };
  }

  amendRunning(output: string, interruptedAfterMs: number): void {
    const last = this.#transcript.at(-1);
    if (last) Object.assign(last, { output, exitCode: INTERRUPTED, interruptedAfterMs });
  }

  commands(): string[] {
    const shell = this.#session.shell;
    return shell.commandNames().filter((name) => shell.commandPath(name) === `/usr/local/bin/${name}`);
  }

  check(): LabProgress {
    return { labId: SANDBOX_ID, score: 0, maxScore: 0, complete: false, tasks: [] };
  }

  save(): SavedLab {
    return {
      format: 'clusterlab/lab-state@1',
      labId: SANDBOX_ID,
      engineVersion: SANDBOX_ENGINE_VERSION,
      seed: this.options.seed,
      transcript: this.#transcript.map((e) => ({ ...e })),
      nowMs: this.cluster.now(),
    };
  }

  result(): SavedLab {
    throw new Error('a sandbox terminal has no tasks, so it has no result to hand in');
  }

  reset(): void {
    this.#session = new Session(this.options);
    this.#transcript = [];
  }

  picture(): ClusterPicture {
    return clusterPicture(this.cluster);
  }

  #replay(saved: SavedLab): void {
    if (saved.labId !== SANDBOX_ID || saved.seed !== this.options.seed) {
      throw new Error(`saved state is for ${saved.labId} (seed ${saved.seed}), not a sandbox with seed ${this.options.seed}`);
    }
    for (const entry of saved.transcript) {
      this.cluster.advance(Math.max(0, entry.atMs - this.cluster.now()));
      this.run(entry.input, {}, entry.interruptedAfterMs);
    }
    this.cluster.advance(Math.max(0, saved.nowMs - this.cluster.now()));
  }
}
