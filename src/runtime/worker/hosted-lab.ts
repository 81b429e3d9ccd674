import { Session } from '../../cli/session';
import type { MemoryFsJson } from '../../cli/shell/memory-fs';
import { INTERRUPTED, type VirtualFs } from '../../cli/types';
import { Cluster, type ClusterSnapshot } from '../../engine/cluster';
import type { LabProgress, SavedLab, TranscriptEntry } from '../../labs/types';
import { SANDBOX_ENGINE_VERSION } from '../../labs/engine-version';

/**
 * What the terminal host needs from whatever holds the cluster: a lab (src/labs LabSession,
 * adapted in lab-host.ts) or a free sandbox. Inputs go through it so they land in its transcript.
 */
export interface HostedLab {
  /** The lab id, or undefined for a sandbox. */
  readonly labId: string | undefined;
  readonly session: Session;
  run(input: string): { output: string; exitCode: number };
  /** The last input runs on as a foreground job: record all it printed and when it was interrupted. */
  amendRunning(output: string, interruptedAfterMs: number): void;
  /** The inputs typed so far, oldest first (the terminal's history after a resume). */
  inputs(): string[];
  /** Every task's verdict now; undefined for a sandbox, which has no tasks. */
  check(): LabProgress | undefined;
  save(): SavedLab;
  /** The result file to hand in (no snapshot); throws for a sandbox, which has nothing to grade. */
  result(): SavedLab;
  /** A fresh copy from the setup. */
  fresh(): HostedLab;
  /**
   * False for a lab opened before its setup ran (LabSession.begin): its session can give the
   * prompt and completions, but run, check, save and time must wait until settleSome() is done.
   */
  settled(): boolean;
  /** Run up to `maxEvents` events of the setup period (the setup itself is a slice); true once done. */
  settleSome(maxEvents: number): boolean;
}

export const SANDBOX_ID = 'sandbox';
const SANDBOX_SEED = 1;

interface SandboxSnapshot {
  cluster: ClusterSnapshot;
  files: MemoryFsJson;
}

/** A free cluster for <Terminal />: the default cluster, saved as a snapshot plus its transcript. */
export class SandboxLab implements HostedLab {
  readonly labId = undefined;
  readonly session: Session;
  readonly #transcript: TranscriptEntry[];

  constructor(saved?: SavedLab) {
    const snap = saved?.snapshot as SandboxSnapshot | undefined;
    if (saved && (saved.labId !== SANDBOX_ID || saved.engineVersion !== SANDBOX_ENGINE_VERSION || !snap?.cluster)) {
      throw new Error(`saved state is for ${saved.labId} (${saved.engineVersion}), not a ${SANDBOX_ENGINE_VERSION} sandbox`);
    }
    this.session = snap ? new Session({}, Cluster.restore(snap.cluster)) : new Session({ seed: SANDBOX_SEED });
    if (snap) restoreFiles(this.session.fs, snap.files);
    this.#transcript = saved ? saved.transcript.map((e) => ({ ...e })) : [];
  }

  run(input: string): { output: string; exitCode: number } {
    const atMs = this.session.cluster.now();
    const result = this.session.run(input);
    this.#transcript.push({ atMs, input, output: result.output, exitCode: result.exitCode });
    return result;
  }

  amendRunning(output: string, interruptedAfterMs: number): void {
    const last = this.#transcript.at(-1);
    if (last) Object.assign(last, { output, exitCode: INTERRUPTED, interruptedAfterMs });
  }

  inputs(): string[] {
    return this.#transcript.map((e) => e.input);
  }

  check(): undefined {
    return undefined;
  }

  save(): SavedLab {
    const snapshot: SandboxSnapshot = { cluster: this.session.cluster.snapshot(), files: this.session.fs.toJSON() };
    const saved: SavedLab = {
      format: 'clusterlab/lab-state@1',
      labId: SANDBOX_ID,
      engineVersion: SANDBOX_ENGINE_VERSION,
      seed: this.session.cluster.config.seed,
      transcript: this.#transcript,
      nowMs: this.session.cluster.now(),
      snapshot,
    };
    // No deep copy here: the worker posts it at once, and postMessage copies it (sharing what the
    // engine shares, where a JSON copy would write every shared object out again).
    return saved;
  }

  result(): SavedLab {
    throw new Error('a sandbox terminal has no tasks, so it has no result to hand in');
  }

  fresh(): SandboxLab {
    return new SandboxLab();
  }

  /** The default cluster has no setup period: it is ready as built. */
  settled(): boolean {
    return true;
  }

  settleSome(): boolean {
    return true;
  }
}

/** Put saved workstation files back into a session's file system (Session builds its own). */
export function restoreFiles(fs: VirtualFs, json: MemoryFsJson): void {
  for (const dir of json.dirs) fs.mkdir(dir);
  for (const [path, content] of Object.entries(json.files)) fs.write(path, content);
  fs.chdir(json.cwd);
}
