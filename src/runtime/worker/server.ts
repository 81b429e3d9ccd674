import type { LabProgress } from '../../labs/types';
import { SandboxLab, type HostedLab } from './hosted-lab';
import type { Calls, CallName, FromWorker, LabInfo, PrepareRequest, StartRequest, ToWorker } from './protocol';
import { TerminalHost } from './terminal-host';

/** Builds the hosted lab for a start request; the worker entry passes the real lab registry. */
export type LabOpener = (labId: string, request: PrepareRequest) => Promise<{ lab: HostedLab; info: LabInfo }>;

/**
 * The worker's side of the protocol, without the Worker API: messages in, messages out, and a
 * tick() the entry calls on a timer. Node tests drive it directly.
 */
export class WorkerServer {
  #host: TerminalHost | undefined;
  /** Keystrokes that arrive while the lab is still being built wait here. */
  readonly #early: ToWorker[] = [];
  /** The lab a prepare message started building, for the start that follows it. */
  #prepared: Promise<{ lab: HostedLab; info: LabInfo | undefined }> | undefined;

  constructor(
    private readonly post: (message: FromWorker) => void,
    private readonly openLab: LabOpener,
    private readonly wallNow: () => number,
  ) {}

  async receive(message: ToWorker): Promise<void> {
    if (message.kind === 'prepare') {
      this.#prepared ??= this.#open(message.request);
      // A failure is reported to the start that awaits it.
      this.#prepared.catch(() => undefined);
      return;
    }
    if (message.kind !== 'call') {
      if (this.#host) this.#oneWay(this.#host, message);
      else this.#early.push(message);
      return;
    }
    try {
      const result = await this.#call(message.op, message.args);
      this.post({ kind: 'reply', id: message.id, result });
    } catch (e) {
      this.post({ kind: 'error', id: message.id, message: e instanceof Error ? e.message : String(e) });
    }
  }

  tick(): void {
    this.#host?.tick(this.wallNow());
  }

  #oneWay(host: TerminalHost, message: Exclude<ToWorker, { kind: 'call' | 'prepare' }>): void {
    if (message.kind === 'input') host.input(message.data);
    else if (message.kind === 'type') host.type(message.command);
    else host.resize(message.cols);
  }

  async #call(op: CallName, args: unknown): Promise<unknown> {
    if (op === 'start') return this.#start(args as StartRequest);
    const host = this.#host;
    if (!host) throw new Error(`the lab is not started (${op})`);
    switch (op) {
      case 'check':
        return host.check();
      case 'time':
        return host.time(args as Calls['time']['args'], this.wallNow());
      case 'reset':
        host.reset(this.wallNow());
        return host.check();
      case 'save':
        return host.save();
      case 'result':
        return host.result();
      case 'picture':
        return host.picture();
    }
  }

  async #start(request: StartRequest): Promise<Calls['start']['result']> {
    if (this.#host) throw new Error('the lab is already started');
    // A worker is prepared for exactly the start that follows (the panel's first attempt).
    const { lab, info } = await (this.#prepared ?? this.#open(request));
    this.#prepared = undefined;
    const host = new TerminalHost(lab, { output: (data) => this.post({ kind: 'output', data }), command: (p) => this.#command(p) }, { cols: request.cols, wallNowMs: this.wallNow() });
    this.#host = host;
    host.start(request.resumed);
    for (const message of this.#early.splice(0)) if (message.kind !== 'call' && message.kind !== 'prepare') this.#oneWay(host, message);
    const progress = host.check();
    return { ...(info ? { info } : {}), ...(progress ? { progress } : {}), time: host.status() };
  }

  async #open(request: PrepareRequest): Promise<{ lab: HostedLab; info: LabInfo | undefined }> {
    if (request.labId === undefined) return { lab: new SandboxLab(request.saved), info: undefined };
    return this.openLab(request.labId, request);
  }

  #command(progress: LabProgress | undefined): void {
    this.post(progress ? { kind: 'command', progress } : { kind: 'command' });
  }
}
