/**
 * The shapes shared by the lab engine (src/labs), the runtimes that host a lab in the browser or
 * in Node (src/runtime, src/cli/node) and the grader (`clusterlab verify`). Lab definitions and
 * their zod schema live in src/labs/schema.ts; this file holds what crosses those boundaries.
 */

/** One line the learner entered, at the virtual time they entered it. */
export interface TranscriptEntry {
  /** Virtual ms when the input was run (the clock moves between inputs in a live terminal). */
  atMs: number;
  input: string;
  /** Both streams interleaved, as the terminal showed them. */
  output: string;
  exitCode: number;
  /**
   * The learner pressed Ctrl-C this many virtual ms after the input started (a live `kubectl get
   * -w`); a replay interrupts it at the same moment.
   */
  interruptedAfterMs?: number;
}

/** A check's verdict. The message names what is missing or wrong; never just "failed". */
export interface CheckResult {
  pass: boolean;
  message: string;
  /** Index of the hint that helps with what is missing, if one does. */
  hint?: number;
}

export interface TaskReport {
  id: string;
  title: string;
  points: number;
  required: boolean;
  pass: boolean;
  message: string;
  hint?: number;
}

export interface LabProgress {
  labId: string;
  score: number;
  maxScore: number;
  /** True when every required task passes. */
  complete: boolean;
  tasks: TaskReport[];
  /** Hints the learner has shown, per task id (for instructors; replay recomputes them). */
  hintsShown?: Record<string, number>;
  /** True once the learner ran `solution --yes`: a grade an instructor may treat as assisted. */
  assisted?: boolean;
}

/**
 * Everything needed to resume a lab exactly (snapshot) and to prove how it got there
 * (transcript): the browser stores it in IndexedDB on every command and exports it as a result
 * file that `clusterlab verify` replays.
 */
export interface SavedLab {
  format: 'clusterlab/lab-state@1';
  labId: string;
  engineVersion: string;
  seed: number;
  transcript: TranscriptEntry[];
  /** Virtual ms at save time (time may have passed after the last input). */
  nowMs: number;
  /** The engine snapshot (ClusterSnapshot plus workstation files), to resume without replaying. */
  snapshot?: unknown;
  /** The progress as last checked, which a verifier recomputes and compares. */
  progress?: LabProgress;
}
