import type { CommandResult } from '../types';
import { boundedText, failed, normalisedResult, type ExecutorHost, type Io, type Scope, type ShellLimits } from './executor-io';
import { programs } from '../deferred';
import type { FunctionCalls } from './function-calls';
import { specialParameter } from './functions';
import { LoopControl } from './loop-control';
import { OptionEffects } from './option-effects';
import { ProcessFiles } from './process-files';
import { restoreState, saveState } from './subshell-state';
import type { Transcript } from './transcript';
import type { ExpansionError } from './expand';

/**
 * What an executor keeps while it runs a line, and its small helpers: the command and output
 * limits, `set` option effects, loop and call control, `$0`, and subshells' save and restore.
 * The Executor (executor.ts) runs the syntax on top of it.
 */
export abstract class ExecutorBase {
  protected count = 0;
  protected aborted = false;
  protected readonly loops = new LoopControl();
  protected readonly effects: OptionEffects;
  protected substitutionStatus: number | undefined;
  protected readonly top: Scope = { exited: false, subshell: false };
  protected readonly terminal: Io;
  #calls: FunctionCalls | undefined;
  protected readonly processFiles: ProcessFiles;
  /** `$0`: the shell's name, or what `bash -c SCRIPT NAME` named the child. */
  protected arg0 = 'bash';

  constructor(
    protected readonly shell: ExecutorHost,
    protected readonly limits: ShellLimits,
    protected readonly transcript: Transcript,
    /** The script is one simple command: its stdout, unless redirected, is the terminal. */
    protected readonly soleCommand = false,
    protected readonly dialect: 'bash' | 'ash' = 'bash',
  ) {
    this.terminal = { out: transcript.sink('stdout'), err: transcript.sink('stderr') };
    this.effects = new OptionEffects(shell.options);
    this.processFiles = new ProcessFiles(shell.host.fs);
  }

  /** Function calls, made on first use: their code is in the deferred chunk. */
  protected get calls(): FunctionCalls {
    return (this.#calls ??= new (programs().FunctionCalls)(this.shell));
  }

  /** True once the script called `exit` or hit a limit: nothing more runs. */
  get stopped(): boolean {
    return this.aborted || this.top.exited || this.transcript.full;
  }

  /** Say why output stopped, if it did. */
  finish(): void {
    if (this.transcript.full) {
      this.transcript.note('stderr', `\nbash: output limit reached (${this.limits.maxOutput} characters); the rest was discarded\n`);
      this.shell.recordStatus(1);
    }
  }

  protected halted(scope: Scope): boolean {
    return this.aborted || scope.exited || this.transcript.full || this.loops.pending || this.#calls?.returning === true;
  }

  protected lookup(name: string): string | undefined {
    return specialParameter(name, this.shell, this.arg0) ?? this.shell.getVar(name);
  }

  /** Run `fn` with the variables, working directory and `$?` restored afterwards. */
  protected inSubshell(fn: () => number): number {
    const saved = saveState(this.shell);
    // Only a line that calls a function has calls whose `return` a subshell must keep in.
    const status = this.#calls ? this.#calls.isolated(() => this.loops.isolated(fn)) : this.loops.isolated(fn);
    restoreState(this.shell, saved);
    this.shell.recordStatus(saved.status);
    return status;
  }

  protected tick(io: Io): boolean {
    if (this.count >= this.limits.maxCommands) {
      if (!this.aborted) io.err(`bash: command limit reached (${this.limits.maxCommands} commands per run); stopping\n`);
      this.aborted = true;
      return false;
    }
    this.count++;
    return true;
  }

  protected normalise(result: CommandResult): CommandResult {
    return normalisedResult(result, this.limits.maxOutput);
  }

  protected bound(text: string): string {
    return boundedText(text, this.limits.maxOutput);
  }

  /** A command whose words could not be expanded fails; `set -u`'s error ends the shell too, as bash's does. */
  protected expansionFailed(io: Io, scope: Scope, e: ExpansionError): number {
    if (!e.fatal) return failed(io, e.message);
    io.err(`${e.message}\n`);
    scope.exited = true;
    if (!scope.subshell) this.shell.exit(127);
    return 127;
  }
}
