/**
 * `set`: bash's options this shell honours (errexit, nounset, xtrace, pipefail; -e -u -x, -o
 * NAME, + to turn off), `set -o` / `set +o` listing every option as bash 5.2 names them, and
 * `set` alone listing the variables. The others are listed with an interactive bash's settings.
 */
import { fail, ok, type CommandResult } from '../types';
import type { ShellApi } from './shell-builtins';

/** The options that change what this shell does. */
export type ShellOption = 'errexit' | 'nounset' | 'xtrace' | 'pipefail';

const LETTERS: Record<string, ShellOption> = { e: 'errexit', u: 'nounset', x: 'xtrace' };

/** Every option `set -o` lists, in its order, with an interactive bash's defaults. */
const LISTED: readonly [string, boolean][] = [
  ['allexport', false], ['braceexpand', true], ['emacs', true], ['errexit', false], ['errtrace', false], ['functrace', false], ['hashall', true],
  ['histexpand', true], ['history', true], ['ignoreeof', false], ['interactive-comments', true], ['keyword', false], ['monitor', true], ['noclobber', false],
  ['noexec', false], ['noglob', false], ['nolog', false], ['notify', false], ['nounset', false], ['onecmd', false], ['physical', false], ['pipefail', false],
  ['posix', false], ['privileged', false], ['verbose', false], ['vi', false], ['xtrace', false],
];

const HONOURED = new Set<string>(['errexit', 'nounset', 'xtrace', 'pipefail']);
const USAGE = 'set: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n';

const isOn = (shell: ShellApi, name: string, byDefault: boolean) => (HONOURED.has(name) ? shell.options.has(name as ShellOption) : byDefault);

/** `'a b'` where bash's `set` and xtrace would quote a value. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : singleQuoted(value);
}

/** `'it'\''s'`: a value in single quotes, as bash writes one back (`alias` always does). */
export function singleQuoted(value: string): string {
  return `'${value.replace(/'/g, "'\\''")}'`;
}

export function setBuiltin(args: string[], shell: ShellApi): CommandResult {
  if (args.length === 0) return ok(shell.variables().map((v) => `${v.name}=${shellQuote(v.value)}\n`).join(''));
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const rest = arg === '--' || arg === '-' ? args.slice(i + 1) : arg.startsWith('-') || arg.startsWith('+') ? [] : args.slice(i);
    // `set -- a b` (or `set a b`) sets $1, $2, ...; a bare `--` clears them, a bare `-` does not.
    if (rest.length > 0 || arg === '--') {
      shell.setPositional(rest);
      return ok();
    }
    if (arg === '-') return ok();
    const on = arg.startsWith('-');
    if (arg.slice(1) === 'o') {
      const name = args[++i];
      if (name === undefined) return ok(listOptions(shell, on));
      if (!LISTED.some(([n]) => n === name)) return fail(`bash: set: ${name}: invalid option name\n`, 2);
      toggle(shell, name, on);
      continue;
    }
    for (const letter of arg.slice(1)) {
      const name = LETTERS[letter];
      if (!name && !'abfhkmnptvBCEHPT'.includes(letter)) return fail(`bash: set: ${arg[0]}${letter}: invalid option\n${USAGE}`, 2);
      if (name) toggle(shell, name, on);
    }
  }
  return ok();
}

function toggle(shell: ShellApi, name: string, on: boolean): void {
  if (!HONOURED.has(name)) return;
  if (on) shell.options.add(name as ShellOption);
  else shell.options.delete(name as ShellOption);
}

/** `set -o`: a table; `set +o`: the commands that would restore the settings. */
function listOptions(shell: ShellApi, table: boolean): string {
  return LISTED.map(([name, byDefault]) => {
    const value = isOn(shell, name, byDefault);
    return table ? `${name.padEnd(15)}\t${value ? 'on' : 'off'}\n` : `set ${value ? '-' : '+'}o ${name}\n`;
  }).join('');
}
