/** The executor's bounds, its view of the shell, and what flows between the commands it runs. */
import type { Command, CommandResult, VirtualFs } from '../types';
import type { Word } from './ast';
import { ExpansionError, expandRedirectWord, expandWord, type ExpandHost } from './expand';
import type { RedirectHost } from './redirects';
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

/** Sinks that keep both streams in the order written, and the CommandResult they make. */
export function capturedStreams(): { out: Sink; err: Sink; result(exitCode: number): CommandResult } {
  const chunks: { stream: 'stdout' | 'stderr'; text: string }[] = [];
  const text = (stream: 'stdout' | 'stderr') => chunks.filter((c) => c.stream === stream).map((c) => c.text).join('');
  return {
    out: (t) => chunks.push({ stream: 'stdout', text: t }),
    err: (t) => chunks.push({ stream: 'stderr', text: t }),
    result: (exitCode) => ({ stdout: text('stdout'), stderr: text('stderr'), exitCode, chunks }),
  };
}

/** Text cut to the run's output limit. */
export function boundedText(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text;
}

/** A command's result as the shell keeps it: an exit status in 0-255, each stream within the limit. */
export function normalisedResult(result: CommandResult, max: number): CommandResult {
  const code = Number.isInteger(result.exitCode) ? ((result.exitCode % 256) + 256) % 256 : 1;
  const ordered = result.chunks ? { chunks: result.chunks.map((c) => ({ stream: c.stream, text: boundedText(c.text, max) })) } : {};
  return { stdout: boundedText(result.stdout ?? '', max), stderr: boundedText(result.stderr ?? '', max), exitCode: code, ...ordered };
}

/** What redirections need of the shell: its files, its size limit, how words expand, where errors go. */
export function redirectHostFor(fs: VirtualFs, maxFileSize: number, expander: ExpandHost, err: Sink): RedirectHost {
  return { fs, expand: (w: Word) => expandRedirectWord(w, expander), expandText: (w: Word) => expandWord(w, expander), maxFileSize, err };
}

/** A command that failed before it ran (a redirect, an expansion): its message, status 1. */
export function failed(io: Io, message: string): number {
  io.err(`${message}\n`);
  return 1;
}

/** Run `fn`; an expansion error is the command's: reported on its stderr, status 1, as bash does. */
export function expanding(io: Io, fn: () => number): number {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ExpansionError) return failed(io, e.message);
    throw e;
  }
}
