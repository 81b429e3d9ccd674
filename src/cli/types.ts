/**
 * The contract between the shell and every command it can run (kubectl, etcdctl, curl, sim, builtins).
 *
 * A command is a pure function of its arguments, its standard input and the host it runs on:
 * `run(argv, stdin) -> { stdout, stderr, exitCode }`. It never touches a terminal. Commands that wait
 * (`sleep`, `kubectl rollout status`, `kubectl get -w`) advance the virtual clock through `host`.
 */
export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /**
   * Both streams in the order they were written, for commands that interleave them (`curl -v`
   * prints the request, then the body, then the closing lines). `stdout` and `stderr` still hold
   * each stream whole for callers that read one.
   */
  chunks?: { stream: 'stdout' | 'stderr'; text: string }[];
}

/** A file system of one host (the learner's workstation, or a node reached with `ssh`). */
export interface VirtualFs {
  /** Absolute, normalised path of the working directory. */
  cwd(): string;
  chdir(path: string): void;
  read(path: string): string | undefined;
  write(path: string, content: string): void;
  append(path: string, content: string): void;
  exists(path: string): boolean;
  isDir(path: string): boolean;
  /** Names directly inside a directory, sorted; undefined when it is not a directory. */
  list(path: string): string[] | undefined;
  mkdir(path: string): void;
  remove(path: string): boolean;
  resolve(path: string): string;
}

/** What a command may use of the machine it runs on. */
export interface CommandHost {
  /** Host name shown in prompts, e.g. `workstation` or `node-1`. */
  readonly name: string;
  readonly fs: VirtualFs;
  /** Virtual time now, in ms since the simulation epoch. */
  now(): number;
  /** The calendar instant virtual time 0 stands for (Unix ms); the engine's default when absent. */
  readonly epochMs?: number;
  /** Let `ms` of virtual time pass, running everything the cluster does meanwhile. */
  advance(ms: number): void;
  /**
   * Virtual time at which the learner pressed Ctrl-C, when a command that was interrupted in a
   * live terminal is replayed: a command that waits stops there and exits 130.
   */
  readonly interruptAtMs?: number;
  /**
   * Present in a live terminal (the browser's): a command whose output goes straight to the
   * terminal may hand over a job that keeps printing as the clock runs, until Ctrl-C.
   */
  readonly foreground?: (job: ForegroundJob) => void;
  /** The terminal's width in columns when known (TIOCGWINSZ); `ls` lays names out to it. */
  readonly columns?: number;
}

/** A command still running in a live terminal after it returned (`kubectl get -w`). */
export interface ForegroundJob {
  /** What it printed since the last call, as the cluster moved on; `done` when it ended by itself. */
  pump(): { text: string; done: boolean };
  /** Ctrl-C: stop, releasing what it holds (its watch). */
  stop(): void;
}

/** Exit status of a command ended by Ctrl-C (128 + SIGINT), as bash reports it. */
export const INTERRUPTED = 130;

export interface CommandContext {
  /** Arguments after the command's name: `kubectl get pods` gives `['get', 'pods']`. */
  argv: string[];
  stdin: string;
  env: Readonly<Record<string, string>>;
  host: CommandHost;
  /**
   * Run another program with its name first in `argv`, as execvp would (not a shell builtin):
   * what `xargs` does. Returns undefined when there is no such program. Absent outside a shell.
   */
  exec?: (argv: string[], stdin: string) => CommandResult | undefined;
  /**
   * Run a script in a child shell (`bash -c`, `sh FILE`): it sees the exported variables only, and
   * nothing it changes comes back; `args` are its `$0`, `$1`, .... Absent outside a shell.
   */
  script?: (text: string, stdin: string, args?: readonly string[]) => CommandResult;
  /**
   * The command is the whole input line and its stdout is the terminal (no pipe, redirect or
   * `$(...)`), as isatty(1) would say; only then may it continue as a foreground job.
   */
  tty?: boolean;
}

export type Command = (ctx: CommandContext) => CommandResult;

export const ok = (stdout = ''): CommandResult => ({ stdout, stderr: '', exitCode: 0 });
export const fail = (stderr: string, exitCode = 1): CommandResult => ({ stdout: '', stderr, exitCode });
