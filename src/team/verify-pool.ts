import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Verdict } from '../labs/verify';

/**
 * Replays off the main thread: a fixed set of worker threads, each running verifyResultText (the
 * `clusterlab verify` function) on the labs of `labsDir`. The HTTP server stays responsive while
 * a burst of submissions is replayed, and replays use every core the pool is given. A worker
 * that dies fails its job and is replaced.
 */
export type Verify = (text: string) => Promise<Verdict>;

/** tsx's loader as a file URL, so workers find it whatever the current directory is. */
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

interface Job {
  id: number;
  text: string;
  resolve: (v: Verdict) => void;
  reject: (e: Error) => void;
}

export class VerifyPool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly labsDir: string,
    readonly size: number,
  ) {
    for (let i = 0; i < size; i++) this.idle.push(this.spawn());
  }

  verify: Verify = (text) =>
    new Promise((resolve, reject) => {
      if (this.closed) return reject(new Error('the verify pool is closed'));
      this.queue.push({ id: this.nextId++, text, resolve, reject });
      this.pump();
    });

  private spawn(): Worker {
    // The worker loads TypeScript (the engine and labs/*.ts) through tsx, like bin/clusterlab.mjs.
    const worker = new Worker(new URL('./verify-worker.ts', import.meta.url), { workerData: { labsDir: this.labsDir }, execArgv: ['--import', TSX_LOADER] });
    worker.on('message', (m: { id: number; verdict?: Verdict; error?: string }) => {
      const job = this.busy.get(worker);
      this.busy.delete(worker);
      worker.unref();
      if (job && job.id === m.id) {
        if (m.verdict) job.resolve(m.verdict);
        else job.reject(new Error(m.error ?? 'the verifier failed'));
      }
      this.idle.push(worker);
      this.pump();
    });
    worker.on('error', (e: Error) => this.replace(worker, e));
    worker.on('exit', (code) => {
      if (!this.closed) this.replace(worker, new Error(`a verify worker exited with code ${code}`));
    });
    // Idle workers do not keep the process alive; a worker with a job does.
    worker.unref();
    return worker;
  }

  private replace(worker: Worker, error: Error): void {
    const job = this.busy.get(worker);
    this.busy.delete(worker);
    const at = this.idle.indexOf(worker);
    if (at >= 0) this.idle.splice(at, 1);
    job?.reject(error);
    if (!this.closed && this.idle.length + this.busy.size < this.size) {
      this.idle.push(this.spawn());
      this.pump();
    }
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.busy.set(worker, job);
      worker.ref();
      worker.postMessage({ id: job.id, text: job.text });
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('the server is shutting down'));
    await Promise.all([...this.idle, ...this.busy.keys()].map((w) => w.terminate()));
  }
}
