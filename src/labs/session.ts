import { Cluster, type ClusterSnapshot } from '../engine/cluster';
import { didNotSettle, MAX_EVENTS_PER_ADVANCE } from '../engine/sim/simulator';
import { Session } from '../cli/session';
import { dirname, HOME_DIR, normalizePath, type MemoryFsJson } from '../cli/shell/memory-fs';
import { INTERRUPTED, type VirtualFs } from '../cli/types';
import { ENGINE_VERSION } from './engine-version';
import { FaultInjector } from './faults';
import { ObjectHistory } from './history';
import { LAB_LIMITS, utf8Bytes } from './limits';
import { registerLabCommands } from './commands';
import { runChecks } from './progress';
import type { LabDefinition } from './schema';
import { clusterPlan, faultPlan, factoriesFor, loadPlan, ms } from './setup';
import { networkOf } from '../engine/network/index';
import type { LabProgress, SavedLab, TranscriptEntry } from './types';
import { createLabView, isNodeProxy, type LabView } from './view';

/** What SavedLab.snapshot holds for a lab session. */
export interface LabSnapshot {
  cluster: ClusterSnapshot;
  history: unknown;
  files: MemoryFsJson;
  startMs: number;
  startRevision: number;
  hintsShown: Record<string, number>;
}

/** An input that ran `solution --yes` (or `-y`), which prints the reference solution. */
const SHOWED_SOLUTION = /(^|[;&|(\s])solution\s+(.*\s)?(--yes|-y)(\s|$)/;

export class LabSetupError extends Error {
  override name = 'LabSetupError';
}

/**
 * A learner's lab: a terminal Session on a cluster built from the lab's setup, the `check`,
 * `hint`, `tasks` and `solution` commands, and the timed transcript of every input. Hosts
 * (the Node CLI, the browser worker, the verifier) drive it through run() and advanceTo(), so
 * the transcript replays to the same bytes anywhere.
 */
export class LabSession {
  readonly session: Session;
  readonly history: ObjectHistory;
  readonly faults: FaultInjector;
  /** Hints shown so far per task id: hint N unlocks after hint N-1. */
  readonly hintsShown: Record<string, number>;
  readonly #transcript: TranscriptEntry[];
  /** The store's revision when the setup period ended; undefined while it runs. */
  #startRevision: number | undefined;
  #setupApplied = false;
  #setupEventsRun = 0;

  private constructor(
    readonly def: LabDefinition,
    cluster: Cluster,
    readonly startMs: number,
    state: { transcript: TranscriptEntry[]; hintsShown: Record<string, number> },
  ) {
    this.session = new Session({}, cluster);
    this.history = new ObjectHistory(cluster);
    this.faults = new FaultInjector(cluster);
    this.#transcript = state.transcript;
    this.hintsShown = state.hintsShown;
    registerLabCommands(this);
  }

  /** Build the lab's cluster from its setup, apply its manifests and files, and let it settle. */
  static create(def: LabDefinition): LabSession {
    const lab = LabSession.begin(def);
    lab.settle();
    return lab;
  }

  /**
   * Build the lab's cluster, leaving its setup (manifests, files, faults) and its setup period
   * (`settle`) to run: a host that shows the prompt first runs them in slices with settleSome().
   * Until settled() says so, nothing else may drive the lab.
   */
  static begin(def: LabDefinition): LabSession {
    const plan = clusterPlan(def);
    const cluster = Cluster.create(plan.config, plan.factories);
    // Settings for a component the engine does not run would be silently ignored: refuse instead.
    if (def.setup.kubeProxy && !cluster.components.some(isNodeProxy)) throw new LabSetupError('setup.kubeProxy: this engine runs no kube-proxy, so its settings cannot be honoured');
    if (def.setup.traffic.length > 0 && !networkOf(cluster)) throw new LabSetupError('setup.traffic: this engine runs no simulated network to carry it');
    const startMs = cluster.now() + ms(def.setup.settle);
    const lab = new LabSession(def, cluster, startMs, { transcript: [], hintsShown: {} });
    lab.history.start();
    return lab;
  }

  /** Whether the setup period has run, so the lab is at its start (startMs) for the learner. */
  settled(): boolean {
    return this.#startRevision !== undefined;
  }

  /**
   * Run at most `maxEvents` events of the setup period; true once it has all run. Slices run
   * exactly the events one runUntil(startMs) would, in the same order, so the lab is the same.
   */
  settleSome(maxEvents: number): boolean {
    if (this.settled()) return true;
    // The setup goes in at the start, before any event runs, as a slice of its own.
    if (!this.#setupApplied) {
      this.#setupApplied = true;
      this.#applySetup(this.startMs);
      if (maxEvents < Infinity) return false;
    }
    const sim = this.cluster.sim;
    for (let i = 0; i < maxEvents; i++) {
      const next = sim.nextEventAt();
      if (next === undefined || next > this.startMs) break;
      // One runUntil(startMs) would give up here: a setup that never settles must not hang.
      if (++this.#setupEventsRun > MAX_EVENTS_PER_ADVANCE) throw didNotSettle(sim);
      sim.step();
    }
    const next = sim.nextEventAt();
    if (next !== undefined && next <= this.startMs) return false;
    sim.runUntil(this.startMs);
    this.#startRevision = this.cluster.store.revision;
    return true;
  }

  /** Run the whole setup period now. */
  settle(): void {
    this.settleSome(Infinity);
  }

  /** Grading, saving and the learner's inputs need the lab at its start: a host bug otherwise. */
  #revisionAtStart(): number {
    if (this.#startRevision === undefined) throw new Error(`lab ${this.def.id} is still running its setup period`);
    return this.#startRevision;
  }

  /** Continue a saved lab exactly where it was (snapshot), with its transcript. */
  /**
   * Continue a saved lab. By default the transcript is replayed on a fresh lab, which restores
   * everything exactly (shell variables and history, where ssh left the terminal, files on
   * nodes, hints shown), so the learner's result still verifies. `from: 'snapshot'` restores
   * the engine snapshot instead: faster, but only the cluster, the workstation's files and
   * working directory, and hints come back.
   */
  static resume(def: LabDefinition, saved: SavedLab, options: { from?: 'replay' | 'snapshot' } = {}): LabSession {
    if (saved.labId !== def.id) throw new LabSetupError(`saved state is for lab ${saved.labId}, not ${def.id}`);
    if (saved.engineVersion !== ENGINE_VERSION) throw new LabSetupError(`saved state is from engine ${saved.engineVersion}; this is ${ENGINE_VERSION}`);
    if (options.from === 'snapshot') return LabSession.#restore(def, saved);
    const lab = LabSession.create(def);
    for (const entry of saved.transcript) {
      lab.advanceTo(entry.atMs);
      lab.run(entry.input, entry.interruptedAfterMs);
    }
    lab.advanceTo(saved.nowMs);
    return lab;
  }

  static #restore(def: LabDefinition, saved: SavedLab): LabSession {
    const snap = saved.snapshot as LabSnapshot | undefined;
    if (!snap?.cluster) throw new LabSetupError('saved state has no snapshot to resume from');
    const cluster = Cluster.restore(snap.cluster, factoriesFor(def.setup));
    const lab = new LabSession(def, cluster, snap.startMs, { transcript: saved.transcript.map((e) => ({ ...e })), hintsShown: { ...snap.hintsShown } });
    lab.history.restore(snap.history);
    lab.#startRevision = snap.startRevision;
    restoreFiles(lab.session.fs, snap.files);
    return lab;
  }

  #applySetup(startMs: number): void {
    const kubectl = this.session.shell.command('kubectl')!;
    this.def.setup.manifests.forEach((yaml, i) => {
      const result = kubectl({ argv: ['apply', '-f', '-'], stdin: yaml, env: this.session.shell.environment(), host: this.session.shell.host });
      if (result.exitCode !== 0) throw new LabSetupError(`setup.manifests[${i}] of lab ${this.def.id} failed to apply:\n${result.stderr}`);
    });
    for (const [path, content] of Object.entries(this.def.setup.files)) {
      const abs = normalizePath(path.startsWith('/') ? path : `${HOME_DIR}/${path}`);
      this.session.fs.mkdir(dirname(abs));
      this.session.fs.write(abs, content);
    }
    this.faults.schedule(faultPlan(this.def.setup, startMs));
    this.faults.scheduleLoads(loadPlan(this.def.setup, startMs));
  }

  get cluster(): Cluster {
    return this.session.cluster;
  }

  now(): number {
    return this.cluster.now();
  }

  /** Let virtual time run up to `atMs` (no-op when it is already later). */
  advanceTo(atMs: number): void {
    this.#revisionAtStart();
    if (atMs > this.now()) this.cluster.advance(atMs - this.now());
  }

  get transcript(): readonly TranscriptEntry[] {
    return this.#transcript;
  }

  /**
   * Run one input as the learner typed it and record it, with the virtual time it ran at.
   * `exited` tells the terminal that `exit` left the workstation's shell. `interruptedAfterMs`
   * replays a Ctrl-C that came that long after the input started.
   */
  run(input: string, interruptedAfterMs?: number): TranscriptEntry & { exited: boolean } {
    this.#revisionAtStart();
    const atMs = this.now();
    const refused = this.#refuse(input);
    if (refused) return { atMs, input, output: refused, exitCode: 1, exited: false };
    const result = this.session.run(input, interruptedAfterMs === undefined ? {} : { interruptAfterMs: interruptedAfterMs });
    const entry: TranscriptEntry = { atMs, input, output: result.output, exitCode: result.exitCode, ...(interruptedAfterMs === undefined ? {} : { interruptedAfterMs }) };
    this.#transcript.push(entry);
    return { ...entry, exited: result.exited };
  }

  /**
   * The last input is still running as a foreground job (a live `kubectl get -w`): record all it
   * printed so far and when Ctrl-C stopped it (or as of now, for a save meanwhile).
   */
  amendRunning(output: string, interruptedAfterMs: number): void {
    const last = this.#transcript.at(-1);
    if (last) this.#transcript[this.#transcript.length - 1] = { ...last, output, exitCode: INTERRUPTED, interruptedAfterMs };
  }

  #refuse(input: string): string | undefined {
    if (utf8Bytes(input) > LAB_LIMITS.maxInputBytes) return `clusterlab: input too long (over ${LAB_LIMITS.maxInputBytes} bytes); it was not run\n`;
    if (this.#transcript.length >= LAB_LIMITS.maxCommands) return `clusterlab: this lab reached its limit of ${LAB_LIMITS.maxCommands} commands; reset the lab to go on\n`;
    return undefined;
  }

  view(): LabView {
    return createLabView({
      labId: this.def.id,
      startMs: this.startMs,
      startRevision: this.#revisionAtStart(),
      cluster: this.cluster,
      history: this.history,
      hosts: () => this.#hosts(),
      transcript: () => this.#transcript,
    });
  }

  #hosts(): Record<string, Pick<VirtualFs, 'read'>> {
    const hosts: Record<string, Pick<VirtualFs, 'read'>> = { workstation: this.session.fs };
    for (const node of this.cluster.config.nodes) hosts[node.name] = { read: (path) => this.session.hostFile(node.name, path) };
    return hosts;
  }

  /** Run every task's check now; add which hints were shown and whether the solution was. */
  check(): LabProgress {
    const progress = runChecks(this.def, this.view());
    progress.hintsShown = { ...this.hintsShown };
    progress.assisted = this.#transcript.some((e) => e.exitCode === 0 && SHOWED_SOLUTION.test(e.input));
    return progress;
  }

  /** The result file a learner exports: what the verifier replays, without the bulky snapshot. */
  exportResult(): SavedLab {
    return this.save({ snapshot: false });
  }

  /**
   * The lab's state as plain JSON. `snapshot: false` leaves out the engine snapshot: a resume
   * replays the transcript anyway, and the snapshot is most of the bytes and of the time.
   */
  save(options: { snapshot?: boolean } = {}): SavedLab {
    const saved: SavedLab = {
      format: 'clusterlab/lab-state@1',
      labId: this.def.id,
      engineVersion: ENGINE_VERSION,
      seed: this.def.seed,
      transcript: this.#transcript,
      nowMs: this.now(),
      progress: this.check(),
    };
    if (options.snapshot !== false) saved.snapshot = this.#snapshot();
    return JSON.parse(JSON.stringify(saved)) as SavedLab;
  }

  #snapshot(): LabSnapshot {
    return {
      cluster: this.cluster.snapshot(),
      history: this.history.snapshot(),
      files: this.session.fs.toJSON(),
      startMs: this.startMs,
      startRevision: this.#revisionAtStart(),
      hintsShown: this.hintsShown,
    };
  }
}

/** Put a saved workstation file system back into the session's (Session builds its own). */
function restoreFiles(fs: VirtualFs, json: MemoryFsJson): void {
  for (const dir of json.dirs) fs.mkdir(dir);
  for (const [path, content] of Object.entries(json.files)) fs.write(path, content);
  fs.chdir(json.cwd);
}
