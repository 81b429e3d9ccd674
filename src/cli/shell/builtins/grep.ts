import type { Command, CommandResult } from '../../types';
import { compile, escapeRegExp, PatternError, posixToJs } from './regex';
import { type Input, isResult, lastValue, type ParsedOptions, parseOptions, readInputs, splitLines } from './util';

const USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";

/**
 * `grep [-ivcnEFwxolLqsHh] [-e PATTERN]... PATTERN [FILE...]`: print lines matching a pattern.
 * Exit status 0 when a line was selected, 1 when none was, 2 on a bad pattern or unreadable file.
 */
export const grep: Command = (ctx) => {
  const opts = parseOptions('grep', ctx.argv, {
    flags: 'ivcnEFGwxolLqsHhr',
    values: 'em',
    usageExit: 2,
    long: { 'ignore-case': 'i', 'invert-match': 'v', count: 'c', 'line-number': 'n', 'only-matching': 'o', quiet: 'q' },
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
  return search(regex, opts, readInputs('grep', ctx, opts.operands));
};

function buildRegex(patterns: string[], opts: ParsedOptions): RegExp {
  const f = opts.flags;
  // A pattern with newlines is several patterns, any of which may match.
  const alternatives = patterns.flatMap((p) => p.split('\n')).map((p) => (f.has('F') ? escapeRegExp(p) : posixToJs(p, f.has('E'))));
  let source = alternatives.map((a) => `(?:${a})`).join('|');
  if (f.has('w')) source = `(?<![A-Za-z0-9_])(?:${source})(?![A-Za-z0-9_])`;
  if (f.has('x')) source = `^(?:${source})$`;
  return compile(source, f.has('i') ? 'gi' : 'g');
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
    let count = 0;
    for (const [index, line] of splitLines(input.content).entries()) {
      if (count >= max) break;
      regex.lastIndex = 0;
      if (regex.test(line) === f.has('v')) continue;
      count++;
      if (f.has('q') || f.has('c') || f.has('l') || f.has('L')) continue;
      const lead = prefix + (f.has('n') ? `${index + 1}:` : '');
      if (f.has('o') && !f.has('v')) {
        regex.lastIndex = 0;
        for (const m of line.matchAll(regex)) if (m[0] !== '') stdout += `${lead}${m[0]}\n`;
      } else stdout += `${lead}${line}\n`;
    }
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
