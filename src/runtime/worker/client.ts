import { takeLabWorker } from './spawn';
import type { LabProgress, SavedLab } from '../../labs/types';
import type { ClusterPicture, LabRuntime, RuntimeStartOptions, TimeControlRequest, TimeStatus } from '../types';
import type { Calls, CallName, FromWorker, LabInfo, StartReply, ToWorker } from './protocol';

/** What the page needs of a Worker (tests pass a fake-free in-process channel). */
export interface WorkerPort {
  postMessage(message: ToWorker): void;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
  onerror?: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

/** The lab running in a Web Worker, as the panel drives it. */
export class WorkerRuntime implements LabRuntime {
  readonly kind = 'worker';
  /** Tasks, hints and solution of a lab (undefined in a sandbox), known once started. */
  info: LabInfo | undefined;
  /** The progress when the lab started (resumed labs may have passed tasks already). */
  initialProgress: LabProgress | undefined;
  readonly #outputs = new Set<(data: string) => void>();
  readonly #commands = new Set<(progress: LabProgress | undefined) => void>();
  readonly #pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  /** Output that arrived before anyone listened (the greeting, sent while starting). */
  #unheard: string[] = [];
  #nextId = 1;
  #failure: Error | undefined;

  constructor(private readonly port: WorkerPort) {
    port.onmessage = (event) => this.#receive(event.data);
    port.onerror = (event) => this.#fail(new Error(event.message || 'the lab worker failed to load'));
  }

  async start(options: RuntimeStartOptions, resumed: boolean): Promise<StartReply> {
    const { labId, saved, cols, rows } = options;
    const reply = await this.#call('start', { ...(labId !== undefined ? { labId } : {}), ...(saved ? { saved } : {}), cols, rows, resumed });
    this.info = reply.info;
    this.initialProgress = reply.progress;
    return reply;
  }

  input(data: string): void {
    this.#send({ kind: 'input', data });
  }

  resize(cols: number, rows: number): void {
    this.#send({ kind: 'resize', cols, rows });
  }

  onOutput(listener: (data: string) => void): () => void {
    this.#outputs.add(listener);
    for (const data of this.#unheard.splice(0)) listener(data);
    return () => this.#outputs.delete(listener);
  }

  type(command: string): void {
    this.#send({ kind: 'type', command });
  }

  async check(): Promise<LabProgress> {
    const progress = await this.#call('check', undefined);
    return progress ?? { labId: 'sandbox', score: 0, maxScore: 0, complete: false, tasks: [] };
  }

  time(request: TimeControlRequest): Promise<TimeStatus> {
    return this.#call('time', request);
  }

  async reset(): Promise<void> {
    await this.#call('reset', undefined);
  }

  save(): Promise<SavedLab> {
    return this.#call('save', undefined);
  }

  result(): Promise<SavedLab> {
    return this.#call('result', undefined);
  }

  picture(): Promise<ClusterPicture> {
    return this.#call('picture', undefined);
  }

  onCommand(listener: (progress: LabProgress | undefined) => void): () => void {
    this.#commands.add(listener);
    return () => this.#commands.delete(listener);
  }

  dispose(): void {
    this.port.terminate();
    this.#fail(new Error('the lab was closed'));
    this.#outputs.clear();
    this.#commands.clear();
  }

  #send(message: ToWorker): void {
    if (!this.#failure) this.port.postMessage(message);
  }

  #call<K extends CallName>(op: K, args: Calls[K]['args']): Promise<Calls[K]['result']> {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.port.postMessage({ kind: 'call', id, op, args } as ToWorker);
    });
  }

  #receive(message: FromWorker): void {
    if (message.kind === 'output') {
      if (this.#outputs.size === 0) this.#unheard.push(message.data);
      for (const listener of this.#outputs) listener(message.data);
    }
    else if (message.kind === 'command') for (const listener of this.#commands) listener(message.progress);
    else {
      const pending = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      if (message.kind === 'reply') pending?.resolve(message.result);
      else pending?.reject(new Error(message.message));
    }
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (const { reject } of this.#pending.values()) reject(error);
    this.#pending.clear();
  }
}

/** Start a lab (or a sandbox) in a new Web Worker; resolves once the prompt is up. */
export async function startWorkerRuntime(options: RuntimeStartOptions, resumed = false): Promise<WorkerRuntime> {
  const worker = takeLabWorker({ ...(options.labId !== undefined ? { labId: options.labId } : {}), ...(options.saved ? { saved: options.saved } : {}) });
  const runtime = new WorkerRuntime(worker);
  try {
    await runtime.start(options, resumed);
  } catch (e) {
    runtime.dispose();
    throw e;
  }
  return runtime;
}
