import type { Command, CommandResult } from '../../types';
import { compile, escapeRegExp, PatternError, posixToJs } from './regex';
import { type Input, isResult, lastValue, type ParsedOptions, parseOptions, readInputs, splitLines } from './util';

const USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";

/**
 * `grep [-ivcnEFwxolLqsHhr] [-e PATTERN]... PATTERN [FILE...]`: print lines matching a pattern;
 * `-r` searches every file under the directories named (or the working directory).
 * Exit status 0 when a line was selected, 1 when none was, 2 on a bad pattern or unreadable file.
 */
export const grep: Command = (ctx) => {
  const opts = parseOptions('grep', ctx.argv, {
    flags: 'ivcnEFGwxolLqsHhr',
    values: 'emABC',
    usageExit: 2,
    long: { 'ignore-case': 'i', 'invert-match': 'v', count: 'c', 'line-number': 'n', 'only-matching': 'o', quiet: 'q', 'after-context': 'A', 'before-context': 'B', context: 'C' },
  });
  if (isResult(opts)) return opts;
  const patterns = opts.values.get('e') ?? [];
  if (patterns.length === 0) {
    const first = opts.operands.shift();
    if (first === undefined) return { stdout: '', stderr: USAGE, exitCode: 2 };
    patterns.push(first);
  }
  let regex: RegExp;
  try {
    regex = buildRegex(patterns, opts);
  } catch (e) {
    if (e instanceof PatternError) return { stdout: '', stderr: `grep: ${e.message}\n`, exitCode: 2 };
    throw e;
  }
  const recursive = opts.flags.has('r') || opts.flags.has('R');
  if (!recursive) return search(regex, opts, readInputs('grep', ctx, opts.operands));
  // -r: every file under each directory (the working directory when none is named), names shown.
  const files = (opts.operands.length > 0 ? opts.operands : ['']).flatMap((name) => filesUnder(ctx.host.fs, name));
  if (!opts.flags.has('h')) opts.flags.add('H');
  return search(regex, opts, readInputs('grep', ctx, files));
};

/** `name` itself, or every file below it when it is a directory ('' is the working directory, its files named bare). */
function filesUnder(fs: Parameters<Command>[0]['host']['fs'], name: string): string[] {
  const dir = name === '' ? '.' : name;
  if (!fs.isDir(dir)) return [name];
  return (fs.list(dir) ?? []).flatMap((entry) => filesUnder(fs, name === '' ? entry : `${name.replace(/\/$/, '')}/${entry}`));
}

function buildRegex(patterns: string[], opts: ParsedOptions): RegExp {
  const f = opts.flags;
  // A pattern with newlines is several patterns, any of which may match.
  const alternatives = patterns.flatMap((p) => p.split('\n')).map((p) => (f.has('F') ? escapeRegExp(p) : posixToJs(p, f.has('E'))));
  let source = alternatives.map((a) => `(?:${a})`).join('|');
  if (f.has('w')) source = `(?<![A-Za-z0-9_])(?:${source})(?![A-Za-z0-9_])`;
  if (f.has('x')) source = `^(?:${source})$`;
  return compile(source, f.has('i') ? 'gi' : 'g');
}

/** `-A N`, `-B N`, `-C N`: lines of context after and before each selected line. */
function contextOf(opts: ParsedOptions): { before: number; after: number } {
  const around = Number(lastValue(opts, 'C') ?? 0);
  return { before: Number(lastValue(opts, 'B') ?? around), after: Number(lastValue(opts, 'A') ?? around) };
}

/**
 * Selected lines with their context, as GNU grep prints them: selected lines use `:` after the
 * file name and line number, context lines `-`, and `--` separates groups that do not touch.
 */
function withContext(lines: string[], selected: Set<number>, ctx: { before: number; after: number }, name: string | undefined, numbers: boolean): string {
  const visible = new Set<number>();
  for (const i of selected) for (let j = Math.max(0, i - ctx.before); j <= Math.min(lines.length - 1, i + ctx.after); j++) visible.add(j);
  let out = '';
  let last = -2;
  for (const i of [...visible].sort((a, b) => a - b)) {
    if (last >= 0 && i > last + 1) out += '--\n';
    const sep = selected.has(i) ? ':' : '-';
    out += `${name !== undefined ? name + sep : ''}${numbers ? `${i + 1}${sep}` : ''}${lines[i]}\n`;
    last = i;
  }
  return out;
}

function search(regex: RegExp, opts: ParsedOptions, inputs: Input[]): CommandResult {
  const f = opts.flags;
  const showNames = f.has('H') || (inputs.length > 1 && !f.has('h'));
  const max = lastValue(opts, 'm') === undefined ? Infinity : Number(lastValue(opts, 'm'));
  let stdout = '';
  let stderr = '';
  let selectedAny = false;
  for (const input of inputs) {
    if ('error' in input) {
      if (!f.has('s')) stderr += input.error;
      continue;
    }
    const name = input.name === '-' ? '(standard input)' : input.name;
    const prefix = showNames ? `${name}:` : '';
    const lines = splitLines(input.content);
    const context = contextOf(opts);
    const shown = new Set<number>();
    let count = 0;
    for (const [index, line] of lines.entries()) {
      if (count >= max) break;
      regex.lastIndex = 0;
      if (regex.test(line) === f.has('v')) continue;
      count++;
      if (f.has('q') || f.has('c') || f.has('l') || f.has('L')) continue;
      if (context.before > 0 || context.after > 0) {
        shown.add(index);
        continue;
      }
      const lead = prefix + (f.has('n') ? `${index + 1}:` : '');
      if (f.has('o') && !f.has('v')) {
        regex.lastIndex = 0;
        for (const m of line.matchAll(regex)) if (m[0] !== '') stdout += `${lead}${m[0]}\n`;
      } else stdout += `${lead}${line}\n`;
    }
    if (shown.size > 0) stdout += withContext(lines, shown, context, showNames ? name : undefined, f.has('n'));
    selectedAny ||= count > 0;
    if (f.has('q')) continue;
    if (f.has('c')) stdout += `${prefix}${count}\n`;
    if (f.has('l') && count > 0) stdout += `${name}\n`;
    if (f.has('L') && count === 0) stdout += `${name}\n`;
  }
  if (f.has('q')) stdout = '';
  const exitCode = stderr && !(f.has('q') && selectedAny) ? 2 : selectedAny ? 0 : 1;
  return { stdout, stderr, exitCode };
}
