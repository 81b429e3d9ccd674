import type { Command, CommandHost, CommandResult } from '../types';
import type { ShellOption } from './set-builtin';
import type { CompoundCommand, List } from './ast';
import { builtinCommands, builtinHelp, COREUTILS_DIR } from './builtins/index';
import { Executor, type ShellLimits } from './executor';
import type { ExpansionMemory } from './history-expansion';
import { programs } from '../deferred';
import { HOME_DIR } from './memory-fs';
import { parseScript } from './parser';
import { type ShellApi, shellBuiltins } from './shell-builtins';
import { type Chunk, Transcript } from './transcript';

export type { ShellLimits } from './executor';

/** Limits that keep a runaway script from hanging the browser tab. */
export const DEFAULT_LIMITS: ShellLimits = {
  maxCommands: 10_000,
  maxOutput: 1024 * 1024,
  maxFileSize: 8 * 1024 * 1024,
};

export interface ShellOptions {
  host: CommandHost;
  /** Commands by name (kubectl, curl, ...); they override builtins of the same name. */
  commands?: Record<string, Command>;
  /** One-line descriptions shown by `help`, by command name. */
  help?: Record<string, string>;
  /** Initial environment; every variable in it is exported. */
  env?: Record<string, string>;
  /** Include the coreutils-like builtins (echo, cat, grep, ...). Default true. */
  builtins?: boolean;
  /**
   * Expand `!!`, `!$` and the other history references, as an interactive bash does. Default
   * false: the terminal's line editor expands them before an input reaches the shell.
   */
  historyExpansion?: boolean;
  limits?: Partial<ShellLimits>;
  /** Whose error texts the shell speaks: bash (the default) or busybox's ash (`sh: x: not found`). */
  dialect?: ShellDialect;
}

export type ShellDialect = 'bash' | 'ash';

/** What a run printed, stream by stream, its exit status, and whether `exit` ended it. */
export interface ShellResult extends CommandResult {
  exited: boolean;
}

/** What a run printed, both streams interleaved in the order commands wrote them. */
export interface InterleavedResult {
  output: string;
  chunks: Chunk[];
  exitCode: number;
  exited: boolean;
}

export interface RunOptions {
  /** Record the source as one history entry. Default true. */
  history?: boolean;
}

/**
 * A deterministic bash-like shell over a simulated host: it parses a script, expands words,
 * wires pipes and redirects between commands that are pure functions, and keeps variables,
 * `$?`, the working directory and history between runs. It never throws on bad input; errors
 * come back as bash would print them.
 */
export class Shell implements ShellApi {
  readonly host: CommandHost;
  private readonly commands: Record<string, Command>;
  private readonly descriptions: Record<string, string>;
  private readonly vars = new Map<string, string>();
  private readonly exported = new Set<string>();
  private readonly entries: string[] = [];
  private readonly limits: ShellLimits;
  private readonly historyExpansion: boolean;
  /** Which shell this is: bash, or busybox's ash (no history expansion, other messages). */
  readonly dialect: ShellDialect;
  private readonly expansionMemory: ExpansionMemory = {};
  private lastStatus = 0;
  private exitRequested = false;
  readonly options = new Set<ShellOption>();
  readonly aliases = new Map<string, string>();
  readonly functions = new Map<string, CompoundCommand>();
  /** In a box: builtins reach the shell through Object.create(shell) views, whose own writes would stay there. */
  private readonly params = { list: [] as readonly string[] };

  get positional(): readonly string[] {
    return this.params.list;
  }

  setPositional(params: readonly string[]): void {
    this.params.list = [...params];
  }

  constructor(options: ShellOptions) {
    this.host = options.host;
    this.dialect = options.dialect ?? 'bash';
    const withBuiltins = options.builtins ?? true;
    this.commands = { ...(withBuiltins ? builtinCommands : {}), ...options.commands };
    this.descriptions = { ...(withBuiltins ? builtinHelp : {}), ...options.help };
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.historyExpansion = options.historyExpansion ?? false;
    const defaults = { HOME: HOME_DIR, PATH: `/usr/local/bin:${COREUTILS_DIR}:/bin`, USER: 'root', SHELL: '/bin/bash' };
    const env = { ...defaults, HOSTNAME: this.host.name, PWD: this.host.fs.cwd(), ...options.env };
    for (const [name, value] of Object.entries(env)) {
      this.vars.set(name, value);
      this.exported.add(name);
    }
  }

  /** Remove a command this host does not have (bash in a busybox image). */
  unregister(name: string): void {
    delete this.commands[name];
    delete this.descriptions[name];
  }

  /** Add or replace a command after construction, with its `help` line. */
  register(name: string, command: Command, description?: string): void {
    this.commands[name] = command;
    if (description !== undefined) this.descriptions[name] = description;
  }

  /** Run a script; stdout and stderr come back separately. */
  run(source: string, options: RunOptions = {}): ShellResult {
    const { transcript, exitCode } = this.execute(source, options);
    return { stdout: transcript.text('stdout'), stderr: transcript.text('stderr'), exitCode, exited: this.exitRequested };
  }

  /** Run a script; output comes back as a terminal would show it, streams interleaved. */
  runInterleaved(source: string, options: RunOptions = {}): InterleavedResult {
    const { transcript, exitCode } = this.execute(source, options);
    return { output: transcript.text(), chunks: transcript.chunks, exitCode, exited: this.exitRequested };
  }

  /** Exit status of the last pipeline (`$?`). */
  get status(): number {
    return this.lastStatus;
  }

  /** Entries recorded so far, oldest first; what `history` lists. */
  get history(): readonly string[] {
    return this.entries;
  }

  /** True once `exit` ran; the terminal may then close the session. */
  get exited(): boolean {
    return this.exitRequested;
  }

  clearHistory(): void {
    this.entries.length = 0;
  }

  getVar(name: string): string | undefined {
    return this.vars.get(name);
  }

  setVar(name: string, value: string): void {
    this.vars.set(name, value);
  }

  unsetVar(name: string): void {
    this.vars.delete(name);
    this.exported.delete(name);
  }

  exportVar(name: string): void {
    this.exported.add(name);
  }

  variables(): { name: string; value: string; exported: boolean }[] {
    return [...this.vars.keys()].sort().map((name) => ({ name, value: this.vars.get(name)!, exported: this.exported.has(name) }));
  }

  /** The environment commands see: exported variables only. */
  environment(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const name of this.exported) {
      const value = this.vars.get(name);
      if (value !== undefined) env[name] = value;
    }
    return env;
  }

  commandNames(): string[] {
    // `:` is a builtin, but listing it in help and completion would only puzzle learners.
    return [...new Set([...Object.keys(this.commands), ...Object.keys(shellBuiltins)])].filter((n) => n !== ':').sort();
  }

  describe(name: string): string | undefined {
    return shellBuiltins[name]?.help ?? this.descriptions[name];
  }

  isBuiltin(name: string): boolean {
    return Object.hasOwn(shellBuiltins, name);
  }

  commandPath(name: string): string | undefined {
    if (this.isBuiltin(name) || !Object.hasOwn(this.commands, name)) return undefined;
    const coreutil = Object.hasOwn(builtinCommands, name) && this.commands[name] === builtinCommands[name];
    return `${coreutil ? COREUTILS_DIR : '/usr/local/bin'}/${name}`;
  }

  /** Look up a runnable command (not a shell builtin) by name. */
  command(name: string): Command | undefined {
    return Object.hasOwn(this.commands, name) ? this.commands[name] : undefined;
  }

  exit(_code: number): void {
    // The executor reads the request through its scope; this flag tells the terminal.
    this.exitRequested = true;
  }

  /** @internal The executor records each pipeline's status here, for `$?`. */
  recordStatus(code: number): void {
    this.lastStatus = code;
  }

  private execute(source: string, options: RunOptions): { transcript: Transcript; exitCode: number } {
    const transcript = new Transcript(this.limits.maxOutput);
    const expanded = this.expandHistory(source, transcript, options.history ?? true);
    if (expanded === undefined) return { transcript, exitCode: this.lastStatus };
    if (options.history ?? true) this.record(expanded);
    this.exitRequested = false;
    const parsed = parseScript(expanded, this.aliases);
    const executor = new Executor(this, this.limits, transcript, isSoleCommand(parsed.lines), this.dialect);
    parsed.lines.forEach((line: List, i) => {
      if (i === parsed.lines.length - 1) parsed.warnings.forEach((w) => transcript.write('stderr', `${w}\n`));
      if (!executor.stopped) executor.runLine(line);
    });
    if (parsed.lines.length === 0) parsed.warnings.forEach((w) => transcript.write('stderr', `${w}\n`));
    if (parsed.error !== undefined && !executor.stopped) {
      // bash reports some errors (an empty `[[ ]]`) with no message at all.
      if (parsed.error !== '') transcript.write('stderr', `${parsed.error}\n`);
      this.lastStatus = 2;
    }
    executor.finish();
    return { transcript, exitCode: this.lastStatus };
  }

  private record(source: string): void {
    const entry = source.replace(/\n+$/, '');
    if (entry.trim() !== '' && !entry.startsWith(' ')) this.entries.push(entry);
  }

  /**
   * History references become what they refer to, and bash shows the expanded line (on stderr)
   * before running it. On an error it prints bash's message and runs nothing; `$?` stays.
   */
  private expandHistory(source: string, transcript: Transcript, record: boolean): string | undefined {
    // Only `!` and a leading `^` start a history reference; the expander is in the deferred chunk.
    if (!this.historyExpansion || (!source.includes('!') && !source.trimStart().startsWith('^'))) return source;
    const expansion = programs().expandHistory(source, this.entries, { memory: this.expansionMemory });
    if (!expansion.ok) {
      transcript.write('stderr', `${expansion.error}\n`);
      return undefined;
    }
    if (expansion.expanded) transcript.write('stderr', `${expansion.line}\n`);
    // `:p` only shows the command, and keeps it in history.
    if (expansion.printOnly && record) this.record(expansion.line);
    if (expansion.printOnly) return undefined;
    return expansion.line;
  }
}

/** One line holding one pipeline of one command: `kubectl get pods -w`, not `a; b` or `a | b`. */
function isSoleCommand(lines: List[]): boolean {
  const [line] = lines;
  if (lines.length !== 1 || line!.length !== 1) return false;
  const andOr = line![0]!;
  return andOr.rest.length === 0 && andOr.first.commands.length === 1 && !andOr.first.negated;
}
