import { RunningJob } from '../../../cli/running-job';
import type { ForegroundJob } from '../../../cli/types';
import { JOB_ORPHAN_MS, type JobResponse } from '../protocol';
import type { LabHost } from './host';

interface Running {
  id: number;
  job: RunningJob;
  lastPollWallMs: number;
}

/**
 * The daemon's foreground job (`kubectl get pods -w` typed at the container's terminal): its
 * shim polls for what it printed as virtual time runs, and stops it on Ctrl-C. One terminal, so
 * at most one job; it ends when another command runs, and when its shim stops polling (killed).
 * An ended job is recorded in the transcript as interrupted, so a saved lab replays what was shown.
 */
export class ForegroundJobs {
  #nextId = 1;
  #running: Running | undefined;

  constructor(
    private readonly host: () => LabHost,
    private readonly wallNow: () => number = () => performance.now(),
  ) {}

  start(job: ForegroundJob, startMs: number, output: string): number {
    this.endRunning();
    const id = this.#nextId++;
    this.#running = { id, job: new RunningJob(job, startMs, output), lastPollWallMs: this.wallNow() };
    return id;
  }

  /** What the job printed since the last poll; a poll for an ended or unknown job says done. */
  poll(id: number, stop = false): JobResponse {
    const running = this.#running;
    if (!running || running.id !== id) return { stdout: '', done: true };
    running.lastPollWallMs = this.wallNow();
    const { text, done } = running.job.pump();
    if (done || stop) this.#end();
    return { stdout: text, done: done || stop };
  }

  /** End the job if its shim has gone quiet. */
  reapOrphan(): void {
    if (this.#running && this.wallNow() - this.#running.lastPollWallMs > JOB_ORPHAN_MS) this.endRunning();
  }

  endRunning(): void {
    if (!this.#running) return;
    this.#running.job.pump();
    this.#end();
  }

  #end(): void {
    const running = this.#running!;
    this.#running = undefined;
    running.job.stop();
    const { output, interruptedAfterMs } = running.job.record(this.host().cluster.now());
    this.host().amendRunning(output, interruptedAfterMs);
  }
}
