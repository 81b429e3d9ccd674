import { loadPrograms, programsLoaded } from '../../cli/deferred';
import type { LabProgress } from '../../labs/types';
import { SandboxLab, type HostedLab } from './hosted-lab';
import type { Calls, CallName, FromWorker, LabInfo, PrepareRequest, StartRequest, ToWorker } from './protocol';
import { TerminalHost } from './terminal-host';

/** Events of a lab's setup period run between two looks at the worker's messages (a few ms cold). */
const SETTLE_SLICE_EVENTS = 32;

/** Let the worker take its waiting messages: a task, not a timer, so no clamp delays it. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

function promiseWithResolve(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** What every later request hears when a lab's setup period failed after its prompt showed. */
const setupFailure = (e: unknown) => `the lab's setup failed: ${e instanceof Error ? e.message : String(e)}`;

/** Builds the hosted lab for a start request; the worker entry passes the real lab registry. */
export type LabOpener = (labId: string, request: PrepareRequest) => Promise<{ lab: HostedLab; info: LabInfo }>;

/** A lab opened for a start, and when its setup period will have run. */
interface Opened {
  lab: HostedLab;
  info: LabInfo | undefined;
  settled: Promise<void>;
  /** True until the setup period has run (and for good if it failed). */
  settling: boolean;
}

/**
 * The worker's side of the protocol, without the Worker API: messages in, messages out, and a
 * tick() the entry calls on a timer. Node tests drive it directly.
 */
export class WorkerServer {
  #host: TerminalHost | undefined;
  /** Keystrokes that arrive while the lab is still being built wait here. */
  readonly #early: ToWorker[] = [];
  /** The lab a prepare message started building, for the start that follows it. */
  #prepared: Promise<Opened> | undefined;
  /**
   * Resolves once the started lab's setup period has run. The prompt shows before that, so the
   * learner sees the terminal while the worker finishes the setup. Keys echo meanwhile, a line
   * entered waits for it (TerminalHost), and so does every request but the start.
   */
  #settled: Promise<void> = Promise.resolve();
  /** Resolved once the start put the prompt on screen: the rarer programs load after that. */
  readonly #promptShown = promiseWithResolve();
  #ticking = false;

  constructor(
    private readonly post: (message: FromWorker) => void,
    private readonly openLab: LabOpener,
    private readonly wallNow: () => number,
    private readonly yieldToMessages: () => Promise<void> = nextTask,
  ) {}

  async receive(message: ToWorker): Promise<void> {
    if (message.kind === 'prepare') {
      this.#prepared ??= this.#open(message.request);
      // A failure is reported to the start that awaits it.
      this.#prepared.catch(() => undefined);
      return;
    }
    if (message.kind !== 'call') {
      // Keys go in at once, setup period or not: the terminal host holds a line that needs the lab.
      if (this.#host) this.#oneWay(this.#host, message);
      else this.#early.push(message);
      return;
    }
    if (message.op !== 'start') {
      // After the setup period, and so after a line entered during it: a Check then grades that too.
      const failure = await this.#settled.then(() => undefined, (e: unknown) => setupFailure(e));
      if (failure !== undefined) {
        this.post({ kind: 'error', id: message.id, message: failure });
        return;
      }
    }
    try {
      const result = await this.#call(message.op, message.args);
      this.post({ kind: 'reply', id: message.id, result });
    } catch (e) {
      this.post({ kind: 'error', id: message.id, message: e instanceof Error ? e.message : String(e) });
    }
  }

  tick(): void {
    if (this.#ticking) this.#host?.tick(this.wallNow());
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
    const opened = await (this.#prepared ?? this.#open(request));
    const { lab, info, settled } = opened;
    this.#prepared = undefined;
    const host = new TerminalHost(lab, { output: (data) => this.post({ kind: 'output', data }), command: (p) => this.#command(p) }, { cols: request.cols, wallNowMs: this.wallNow() });
    this.#host = host;
    host.start(request.resumed);
    this.#promptShown.resolve();
    for (const message of this.#early.splice(0)) if (message.kind !== 'call' && message.kind !== 'prepare') this.#oneWay(host, message);
    const ready = (this.#settled = settled.then(
      () => {
        // The lab starts for the learner now: virtual time follows the wall clock from here.
        host.restartClock(this.wallNow());
        this.#ticking = true;
      },
      (e: unknown) => {
        // The prompt is already on screen: say there why nothing will answer it.
        host.setupFailed(setupFailure(e));
        throw e;
      },
    ));
    // The line held for the setup runs before any request that waited (registered first); an
    // error in it is that command's, as for any input, not the setup's.
    void ready.then(() => host.setupDone(), () => undefined);
    const started = { ...(info ? { info } : {}) };
    if (opened.settling) return started;
    await ready;
    const progress = host.check();
    return { ...started, ...(progress ? { progress } : {}), time: host.status() };
  }

  async #open(request: PrepareRequest): Promise<Opened> {
    // A saved lab replays its lines as it opens, so it needs the rarer programs now; a new one
    // runs no line before its setup period, which loads them once the prompt shows.
    if (request.saved) await loadPrograms();
    const { lab, info } = request.labId === undefined ? { lab: new SandboxLab(request.saved), info: undefined } : await this.openLab(request.labId, request);
    const opened: Opened = { lab, info, settled: Promise.resolve(), settling: true };
    opened.settled = this.#settle(opened);
    // A failure is reported to the start that awaits it, and after that to every request.
    opened.settled.catch(() => undefined);
    return opened;
  }

  /** Run the lab's setup period in slices, taking the worker's messages (the start) between them; then wait for the programs. */
  async #settle(opened: Opened): Promise<void> {
    const { lab } = opened;
    // Each slice after a look at the messages: a start that is waiting gets its prompt first.
    if (!lab.settled()) do await this.yieldToMessages();
    while (!lab.settleSome(SETTLE_SLICE_EVENTS));
    // Checks and the first line may use any program. Their chunk is fetched and compiled after
    // the prompt shows, so it never delays it (loaded already, the lab is ready at once).
    if (!programsLoaded()) {
      await this.#promptShown.promise;
      await loadPrograms();
    }
    opened.settling = false;
  }

  #command(progress: LabProgress | undefined): void {
    this.post(progress ? { kind: 'command', progress } : { kind: 'command' });
  }
}
