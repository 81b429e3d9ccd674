/** The executor's bounds, its view of the shell, and what flows between the commands it runs. */
import type { Command, CommandResult } from '../types';
import type { Input, ShellApi } from './shell-builtins';
import type { Sink } from './transcript';

/** Bounds on one run, so a runaway script cannot hang the tab. */
export interface ShellLimits {
  /** Simple commands one run may execute. */
  maxCommands: number;
  /** Characters one run may print; also the largest word, pipe buffer or command output. */
  maxOutput: number;
  /** Largest file a redirect may write, in characters. */
  maxFileSize: number;
}

/** The shell state the executor works on. */
export interface ExecutorHost extends ShellApi {
  environment(): Record<string, string>;
  command(name: string): Command | undefined;
  recordStatus(code: number): void;
}

export interface Io {
  out: Sink;
  err: Sink;
  /**
   * Standard input not yet read, shared by the commands of a compound command (a pipeline stage,
   * `done < file`): `read` consumes it a line at a time; other commands see what is left.
   */
  input?: Input;
}

/** A subshell (pipeline element, `$(...)`) has its own `exit`; the top scope is the script. */
export interface Scope {
  exited: boolean;
  subshell: boolean;
}

/** What a command wrote, in the order the terminal should show it. */
export function orderedChunks(result: CommandResult): { stream: 'stdout' | 'stderr'; text: string }[] {
  return result.chunks ?? [
    { stream: 'stdout', text: result.stdout },
    { stream: 'stderr', text: result.stderr },
  ];
}
