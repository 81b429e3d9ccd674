/**
 * bash's `read` builtin: one line of the command's standard input (the loop's, in
 * `... | while read pod; do ...; done`), split on IFS into the names given, the last taking the
 * rest; REPLY when none is given. Status 1 at end of input, even when a last line without a
 * newline was read (and assigned), which is why such a line is skipped by `while read`.
 */
import { type CommandResult, fail, ok } from '../types';
import type { ShellApi, ShellBuiltin } from './shell-builtins';

const USAGE = 'read: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]\n';
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Options that take a value (`-p PROMPT`, `-pPROMPT`). */
const WITH_VALUE = new Set(['a', 'd', 'i', 'n', 'N', 'p', 't', 'u']);

interface Options {
  raw: boolean;
  delimiter: string;
  limit?: number;
  names: string[];
}

function parseOptions(args: string[]): Options | CommandResult {
  const options: Options = { raw: false, delimiter: '\n', names: [] };
  let i = 0;
  for (; i < args.length && args[i]!.startsWith('-') && args[i] !== '-'; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    for (let j = 1; j < arg.length; j++) {
      const flag = arg[j]!;
      if (flag === 'r') options.raw = true;
      else if (flag === 'e' || flag === 's') continue;
      else if (WITH_VALUE.has(flag)) {
        const value = arg.slice(j + 1) || args[++i];
        if (value === undefined) return fail(`bash: read: -${flag}: option requires an argument\n${USAGE}`, 2);
        if (flag === 'a') return fail('bash: read: -a: arrays are not supported in this terminal\n', 2);
        if (flag === 'd') options.delimiter = value[0] ?? '\0';
        if (flag === 'n' || flag === 'N') options.limit = Number(value);
        break;
      } else return fail(`bash: read: -${flag}: invalid option\n${USAGE}`, 2);
    }
  }
  options.names = args.slice(i);
  const bad = options.names.find((n) => !NAME.test(n));
  if (bad !== undefined) return fail(`bash: read: \`${bad}': not a valid identifier\n`);
  return options;
}

export const read: ShellBuiltin = (args, shell) => {
  const parsed = parseOptions(args);
  if (!('names' in parsed)) return parsed;
  const input = shell.input ?? { data: '' };
  const { line, complete } = takeLine(input, parsed);
  if (line === undefined) {
    for (const name of parsed.names.length > 0 ? parsed.names : ['REPLY']) shell.setVar(name, '');
    return fail('');
  }
  assign(shell, parsed.names, line);
  return complete ? ok() : fail('');
};

/** The next line (to the delimiter, or `-n` characters); without -r, backslashes escape and `\\`-newline continues. */
function takeLine(input: { data: string }, options: Options): { line: string | undefined; complete: boolean } {
  if (input.data === '') return { line: undefined, complete: false };
  let line = '';
  let i = 0;
  const data = input.data;
  for (; i < data.length; i++) {
    if (options.limit !== undefined && line.length >= options.limit) break;
    const c = data[i]!;
    if (!options.raw && c === '\\' && i + 1 < data.length) {
      if (data[++i] !== '\n') line += `\u0000${data[i]}`;
      continue;
    }
    if (c === options.delimiter) {
      input.data = data.slice(i + 1);
      return { line, complete: true };
    }
    line += c;
  }
  input.data = data.slice(i);
  return { line, complete: options.limit !== undefined && line.length >= options.limit };
}

/** Split on IFS: whitespace runs and single other IFS characters separate fields; the last name takes the rest. */
function assign(shell: ShellApi, names: string[], escaped: string): void {
  const unescape = (s: string) => s.replace(/\u0000(.)/gs, '$1');
  if (names.length === 0) {
    shell.setVar('REPLY', unescape(escaped));
    return;
  }
  const ifs = shell.getVar('IFS') ?? ' \t\n';
  const isWhite = (c: string) => ifs.includes(c) && ' \t\n'.includes(c);
  const isSep = (c: string) => ifs.includes(c);
  // An escaped character (\0 marker) is never a separator.
  const at = (k: number) => (escaped[k - 1] === '\u0000' ? '' : escaped[k]!);
  let k = 0;
  const skipWhite = () => {
    while (k < escaped.length && isWhite(at(k))) k++;
  };
  skipWhite();
  names.forEach((name, n) => {
    if (n === names.length - 1) {
      let end = escaped.length;
      while (end > k && isWhite(at(end - 1))) end--;
      shell.setVar(name, unescape(escaped.slice(k, end)));
      return;
    }
    const start = k;
    while (k < escaped.length && (escaped[k] === '\u0000' || !isSep(at(k)))) k += escaped[k] === '\u0000' ? 2 : 1;
    shell.setVar(name, unescape(escaped.slice(start, k)));
    skipWhite();
    if (k < escaped.length && isSep(at(k)) && !isWhite(at(k))) k++;
    skipWhite();
  });
}
