import type { CheckFn } from '../schema';
import type { TranscriptEntry } from '../types';
import { failed, passed } from './result';

export interface CommandMatch {
  /** What the output must include (text) or match (pattern). */
  output?: string | RegExp;
  /** Required exit status; default 0 (the command worked). */
  exitCode?: number;
  /** Only inputs run at or after this virtual ms count. */
  sinceMs?: number;
  /** How the message names the command; default the pattern. */
  describe?: string;
}

function matches(pattern: string | RegExp, text: string): boolean {
  return typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
}

/**
 * The learner ran a command matching `pattern` (substring or regex of the input) that
 * succeeded and, when asked, printed `output`. Reads the transcript, so only what the
 * learner really did counts.
 */
export function commandWasRun(pattern: string | RegExp, match: CommandMatch = {}): CheckFn {
  const name = match.describe ?? (typeof pattern === 'string' ? `'${pattern}'` : `a command matching ${pattern}`);
  const exitCode = match.exitCode ?? 0;
  return (view) => {
    const runs = view.transcript().filter((e) => e.atMs >= (match.sinceMs ?? 0) && matches(pattern, e.input));
    if (runs.length === 0) return failed(`you have not run ${name} yet`);
    const good = runs.find((e) => e.exitCode === exitCode && (match.output === undefined || matches(match.output, e.output)));
    if (good) return passed(`you ran: ${firstLine(good)}`);
    const last = runs.at(-1)!;
    if (last.exitCode !== exitCode) return failed(`you ran ${firstLine(last)} but it exited with status ${last.exitCode}`);
    return failed(`you ran ${firstLine(last)} but its output did not show ${typeof match.output === 'string' ? `"${match.output}"` : String(match.output)}`);
  };
}

function firstLine(e: TranscriptEntry): string {
  return `'${e.input.split('\n')[0]}'`;
}
