import type { Pipeline } from './ast';
import type { Sink } from './transcript';
import type { ShellOption } from './set-builtin';

/**
 * What the `set` options change while a line runs: where `set -e` applies (not inside a
 * condition: `if`, `while`, the left of `&&`/`||`, a negation), what `set -x` prints (`+`, one
 * more per `$(...)`), and a pipeline's status under `set -o pipefail`.
 */
export class OptionEffects {
  #conditions = 0;
  #substitutions = 0;

  constructor(private readonly options: ReadonlySet<ShellOption>) {}

  /** Run `fn` as a condition when `condition` holds: `set -e` does not apply inside it. */
  checked<T>(condition: boolean, fn: () => T): T {
    if (condition) this.#conditions++;
    try {
      return fn();
    } finally {
      if (condition) this.#conditions--;
    }
  }

  /** Run a `$(...)` body: its trace lines take one more `+`. */
  substitution<T>(fn: () => T): T {
    this.#substitutions++;
    try {
      return fn();
    } finally {
      this.#substitutions--;
    }
  }

  /** Whether `set -e` ends the shell now: the list's last pipeline ran, failed and was not negated. */
  exits(last: Pipeline | undefined, status: number): boolean {
    return last !== undefined && !last.negated && status !== 0 && this.#conditions === 0 && this.options.has('errexit');
  }

  /** `set -x`: the command as it will run, after expansion, on stderr. */
  trace(err: Sink, words: readonly string[]): void {
    if (this.options.has('xtrace')) err(`${'+'.repeat(this.#substitutions + 1)} ${words.join(' ')}\n`);
  }

  /** A pipeline's status: its last stage's, or under pipefail the last that failed. */
  pipelineStatus(last: number, lastFailed: number): number {
    return this.options.has('pipefail') ? lastFailed : last;
  }
}
