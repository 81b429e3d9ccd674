import type { ShellApi } from './shell-builtins';

/**
 * How deep calls may nest. Bash has no limit unless FUNCNEST is set (then it says this); a
 * runaway recursion here would overflow the JavaScript stack long before bash's C stack.
 */
export const MAX_FUNCTION_DEPTH = 200;

/** `$0`, `$1`..., `$#`, `$@`, `$*`, `$?`, `$$`, `$-`; undefined for any other name (a variable's). */
export function specialParameter(name: string, shell: ShellApi, arg0: string): string | undefined {
  if (/^\d+$/.test(name)) return name === '0' ? arg0 : shell.positional[Number(name) - 1];
  switch (name) {
    case '#':
      return String(shell.positional.length);
    case '@':
      return shell.positional.join(' ');
    case '*':
      // Joined with IFS's first character (none when IFS is empty); "$@" is expand.ts's.
      return shell.positional.join((shell.getVar('IFS') ?? ' ').slice(0, 1));
    case '?':
      return String(shell.status);
    case '$':
      return '4242';
    case '-':
      return 'hB';
    default:
      return undefined;
  }
}

/** Commands bash has as builtins that this shell runs as programs (echo, printf, test ...). */
const BUILTIN_PROGRAMS = new Set(['echo', 'printf', 'test', '[', 'true', 'false', 'kill', 'type', 'help', 'history']);

/** Whether `builtin NAME` finds NAME among bash's builtins. */
export function isBashBuiltin(shell: ShellApi, name: string | undefined): boolean {
  return name !== undefined && (shell.isBuiltin(name) || BUILTIN_PROGRAMS.has(name));
}
