import { fail, ok, type CommandResult } from '../types';

type Jump = { kind: 'break' | 'continue'; levels: number };

/**
 * `break [n]` and `continue [n]`: the builtin leaves a jump pending, which stops the lists being
 * run (as `exit` does) until the n-th enclosing loop takes it. A subshell starts with no loops
 * around it, so there `break` is "only meaningful in a loop", as in bash.
 */
export class LoopControl {
  #depth = 0;
  #jump: Jump | undefined;

  get pending(): boolean {
    return this.#jump !== undefined;
  }

  /** Run one loop: its depth counts while `fn` runs. */
  loop<T>(fn: () => T): T {
    this.#depth++;
    try {
      return fn();
    } finally {
      this.#depth--;
    }
  }

  /** A subshell: no enclosing loops, and a jump inside it ends with it. */
  isolated<T>(fn: () => T): T {
    const [depth, jump] = [this.#depth, this.#jump];
    this.#depth = 0;
    this.#jump = undefined;
    try {
      return fn();
    } finally {
      [this.#depth, this.#jump] = [depth, jump];
    }
  }

  /** The builtin: bash's messages for a count that is not one, or no loop to leave. */
  request(kind: Jump['kind'], args: readonly string[]): CommandResult {
    const [count = '1'] = args;
    if (!/^-?\d+$/.test(count)) {
      // Non-interactive bash gives up on the script; here every loop is left.
      this.#jump = { kind: 'break', levels: this.#depth };
      return fail(`bash: ${kind}: ${count}: numeric argument required\n`, 128);
    }
    if (Number(count) < 1) return fail(`bash: ${kind}: ${count}: loop count out of range\n`, 1);
    if (this.#depth === 0) return { stdout: '', stderr: `bash: ${kind}: only meaningful in a \`for', \`while', or \`until' loop\n`, exitCode: 0 };
    this.#jump = { kind, levels: Math.min(Number(count), this.#depth) };
    return ok();
  }

  /** After a loop's condition or body ran: whether that loop breaks, continues, or goes on. */
  settle(): Jump['kind'] | undefined {
    const jump = this.#jump;
    if (!jump) return undefined;
    if (jump.levels > 1) {
      jump.levels--;
      return 'break';
    }
    this.#jump = undefined;
    return jump.kind;
  }
}
