import type { CommandContext, CommandResult } from '../../types';

/** Short options found on a command line, and the operands left over. */
export interface ParsedOptions {
  flags: Set<string>;
  /** Value-taking options; repeated ones keep every value in order. */
  values: Map<string, string[]>;
  operands: string[];
}

export interface OptionSpec {
  /** Letters of boolean options, e.g. `ivcn`. */
  flags?: string;
  /** Letters of options that take a value, e.g. `nk`. */
  values?: string;
  /** Long option name → the short letter it stands for (`--lines` → `n`). */
  long?: Record<string, string>;
  /** Exit status of a usage error: 1 for most coreutils, 2 for grep and ls. */
  usageExit?: number;
}

/**
 * GNU-style option parsing: bundled flags (`-rf`), attached or separate values (`-n5`, `-n 5`,
 * `--lines=5`), options after operands, `--` to stop, `-` as an operand meaning stdin.
 * Returns the coreutils usage error as a result when an option is unknown.
 */
export function parseOptions(cmd: string, args: readonly string[], spec: OptionSpec): ParsedOptions | CommandResult {
  const parsed: ParsedOptions = { flags: new Set(), values: new Map(), operands: [] };
  const usage = (msg: string): CommandResult => ({
    stdout: '',
    stderr: `${cmd}: ${msg}\nTry '${cmd} --help' for more information.\n`,
    exitCode: spec.usageExit ?? 1,
  });
  const addValue = (letter: string, value: string): void => {
    parsed.values.set(letter, [...(parsed.values.get(letter) ?? []), value]);
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      parsed.operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const [name, value] = splitLong(arg.slice(2));
      const letter = spec.long?.[name];
      if (letter === undefined) return usage(`unrecognized option '${arg}'`);
      if (!(spec.values ?? '').includes(letter)) parsed.flags.add(letter);
      else if (value !== undefined) addValue(letter, value);
      else if (i + 1 < args.length) addValue(letter, args[++i]!);
      else return usage(`option '--${name}' requires an argument`);
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      parsed.operands.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const letter = arg[j]!;
      if ((spec.values ?? '').includes(letter)) {
        const rest = arg.slice(j + 1);
        if (rest !== '') addValue(letter, rest);
        else if (i + 1 < args.length) addValue(letter, args[++i]!);
        else return usage(`option requires an argument -- '${letter}'`);
        break;
      }
      if (!(spec.flags ?? '').includes(letter)) return usage(`invalid option -- '${letter}'`);
      parsed.flags.add(letter);
    }
  }
  return parsed;
}

function splitLong(text: string): [string, string | undefined] {
  const eq = text.indexOf('=');
  return eq < 0 ? [text, undefined] : [text.slice(0, eq), text.slice(eq + 1)];
}

/** True when parseOptions returned a usage error instead of options. */
export function isResult(value: ParsedOptions | CommandResult): value is CommandResult {
  return 'exitCode' in value;
}

/** The last value given for an option (`-n 3 -n 5` means 5). */
export function lastValue(opts: ParsedOptions, letter: string): string | undefined {
  const values = opts.values.get(letter);
  return values?.[values.length - 1];
}

/** One input of a text filter: a file operand, or stdin for `-` and for no operands. */
export type Input = { name: string; content: string } | { name: string; error: string };

/**
 * Read each operand as coreutils filters do: `-` (or no operand) is stdin, a missing file or a
 * directory becomes `cmd: name: reason` while the other inputs are still processed.
 */
export function readInputs(cmd: string, ctx: CommandContext, operands: readonly string[]): Input[] {
  const names = operands.length === 0 ? ['-'] : operands;
  return names.map((name) => {
    if (name === '-') return { name, content: ctx.stdin };
    const { fs } = ctx.host;
    if (fs.isDir(name)) return { name, error: `${cmd}: ${name}: Is a directory\n` };
    const content = fs.read(name);
    if (content === undefined) return { name, error: `${cmd}: ${name}: No such file or directory\n` };
    return { name, content };
  });
}

/** Lines of a text, without their terminators; a final newline does not start an empty line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Lines back to text, each terminated by a newline as GNU tools print them. */
export function joinLines(lines: readonly string[]): string {
  return lines.map((l) => `${l}\n`).join('');
}
