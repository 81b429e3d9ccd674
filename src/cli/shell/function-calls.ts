import { fail, ok, type CommandResult } from '../types';
import type { ShellApi, ShellBuiltin } from './shell-builtins';

/** What a call changed and its return puts back: the caller's `$1`..., and each `local`'s outer value. */
interface Frame {
  positional: readonly string[];
  locals: Map<string, { value: string | undefined; exported: boolean }>;
}

/**
 * Shell function calls (loaded with the deferred programs: only a line that calls a function,
 * or uses `return`, `local` or `shift`, needs them): `name ARGS` runs the body with ARGS as `$1`, `$2`, ... (`$#`, `"$@"`),
 * `local` variables last until the call returns (dynamic scope: callees see them), and `return
 * [n]` ends the call at once, as it ends a `source`d file.
 */
export class FunctionCalls {
  #frames: Frame[] = [];
  #sourcing = 0;
  #returned: number | undefined;

  constructor(private readonly shell: ShellApi) {}

  get depth(): number {
    return this.#frames.length;
  }

  /** A `return` is unwinding: nothing more runs until the call (or source) it ends. */
  get returning(): boolean {
    return this.#returned !== undefined;
  }

  /** Run `body` as the call of `name` with `args` as the positional parameters; `return`'s status, else the body's. */
  call(name: string, args: readonly string[], body: () => number): number {
    const frame: Frame = { positional: this.shell.positional, locals: new Map() };
    this.#frames.push(frame);
    this.shell.setPositional(args);
    // `$FUNCNAME` names the running function (bash's array, read as its first element), as a local.
    this.localBuiltin([`FUNCNAME=${name}`], this.shell);
    try {
      return this.#settle(body());
    } finally {
      this.#frames.pop();
      this.shell.setPositional(frame.positional);
      for (const [name, { value, exported }] of frame.locals) {
        if (value === undefined) this.shell.unsetVar(name);
        else this.shell.setVar(name, value);
        if (exported) this.shell.exportVar(name);
      }
    }
  }

  /** Run a `source`d file's lines, which `return` may also end. */
  sourcing(body: () => CommandResult): CommandResult {
    this.#sourcing++;
    try {
      const result = body();
      const returned = this.#returned;
      this.#returned = undefined;
      return returned === undefined ? result : { ...result, exitCode: returned };
    } finally {
      this.#sourcing--;
    }
  }

  /** A child shell (`bash -c`) is in no call of its parent's: its `return` and `local` see none. */
  detached<T>(body: () => T): T {
    const frames = this.#frames;
    const sourcing = this.#sourcing;
    this.#frames = [];
    this.#sourcing = 0;
    try {
      return body();
    } finally {
      this.#frames = frames;
      this.#sourcing = sourcing;
    }
  }

  /** A subshell (`( )`, `$( )`, a pipeline stage): a `return` in it ends only the subshell. */
  isolated(body: () => number): number {
    const outer = this.#returned;
    try {
      return this.#settle(body());
    } finally {
      this.#returned = outer;
    }
  }

  #settle(status: number): number {
    const returned = this.#returned;
    this.#returned = undefined;
    return returned ?? status;
  }

  /** `return [n]`: end the innermost call or sourced file with status n (else `$?`). */
  readonly returnBuiltin: ShellBuiltin = (args, shell) => {
    if (this.#frames.length === 0 && this.#sourcing === 0) return fail("bash: return: can only `return' from a function or sourced script\n", 2);
    const [arg, extra] = args;
    if (arg !== undefined && !/^[+-]?\d+$/.test(arg)) {
      this.#returned = 2;
      return fail(`bash: return: ${arg}: numeric argument required\n`, 2);
    }
    if (extra !== undefined) return fail('bash: return: too many arguments\n');
    // Statuses are one byte, as exit's: `return 256` is 0.
    this.#returned = arg === undefined ? shell.status : ((Number(arg) % 256) + 256) % 256;
    return ok();
  };

  /** `local NAME[=VALUE]...`: variables of this call; `local x` alone hides the caller's x until set. */
  readonly localBuiltin: ShellBuiltin = (args, shell) => {
    const frame = this.#frames.at(-1);
    if (!frame) return fail('bash: local: can only be used in a function\n');
    let stderr = '';
    for (const arg of args) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:=([\s\S]*))?$/.exec(arg);
      if (!m) {
        stderr += `bash: local: \`${arg}': not a valid identifier\n`;
        continue;
      }
      const name = m[1]!;
      const first = !frame.locals.has(name);
      if (first) {
        const outer = shell.variables().find((v) => v.name === name);
        frame.locals.set(name, { value: outer?.value, exported: outer?.exported ?? false });
      }
      // A second `local x` in the same call keeps x's value.
      if (m[2] !== undefined) shell.setVar(name, m[2]);
      else if (first) shell.unsetVar(name);
    }
    return { stdout: '', stderr, exitCode: stderr ? 1 : 0 };
  };
}

/** `shift [n]`: drop the first n positional parameters; more than there are is status 1, silently. */
export const shiftBuiltin: ShellBuiltin = (args, shell) => {
  const [arg = '1', extra] = args;
  if (extra !== undefined) return fail('bash: shift: too many arguments\n');
  if (!/^[+-]?\d+$/.test(arg)) return fail(`bash: shift: ${arg}: numeric argument required\n`, 1);
  const n = Number(arg);
  if (n < 0) return fail(`bash: shift: ${arg}: shift count out of range\n`, 1);
  if (n > shell.positional.length) return fail('', 1);
  shell.setPositional(shell.positional.slice(n));
  return ok();
};
