import type { ForegroundJob } from './types';

/**
 * A foreground job as a terminal holds it (`kubectl get -w` until Ctrl-C): what it printed since
 * its input started, kept so the transcript can record it as interrupted and a replay shows the
 * same. Shared by the worker's terminal, `clusterlab shell` and the WebContainer daemon.
 */
export class RunningJob {
  #output: string;

  constructor(
    private readonly job: ForegroundJob,
    /** Virtual ms at which its input started. */
    private readonly startMs: number,
    /** What the input printed before it went on as a job. */
    output: string,
  ) {
    this.#output = output;
  }

  /** What the job printed since the last look; `done` when it ended by itself. */
  pump(): { text: string; done: boolean } {
    const result = this.job.pump();
    this.#output += result.text;
    return result;
  }

  /** The transcript's view of it, as if interrupted at `nowMs`: everything it printed, and after how long. */
  record(nowMs: number): { output: string; interruptedAfterMs: number } {
    return { output: this.#output, interruptedAfterMs: nowMs - this.startMs };
  }

  /** Ctrl-C: release what it holds (its watch). */
  stop(): void {
    this.job.stop();
  }
}
