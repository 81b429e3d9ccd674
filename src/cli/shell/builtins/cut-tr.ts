import type { Command, CommandResult } from '../../types';
import { isResult, joinLines, lastValue, parseOptions, readInputs, splitLines } from './util';

const usage = (cmd: string, message: string): CommandResult => ({
  stdout: '',
  stderr: `${cmd}: ${message}\nTry '${cmd} --help' for more information.\n`,
  exitCode: 1,
});

/** A `cut` list (`1,3`, `2-4`, `3-`, `-2`) as a membership test on 1-based positions. */
function parseList(list: string): ((n: number) => boolean) | string {
  const ranges: [number, number][] = [];
  for (const item of list.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(item);
    if (!m || (m[1] === '' && m[3] === '')) return `invalid field range`;
    const from = m[1] === '' ? 1 : Number(m[1]);
    const to = m[2] === '' ? from : m[3] === '' ? Infinity : Number(m[3]);
    if (from === 0 || to === 0) return 'fields are numbered from 1';
    if (to < from) return 'invalid decreasing range';
    ranges.push([from, to]);
  }
  return (n) => ranges.some(([from, to]) => n >= from && n <= to);
}

/** `cut -d DELIM -f LIST [-s]` or `cut -c LIST`: select fields or characters of each line. */
export const cut: Command = (ctx) => {
  const opts = parseOptions('cut', ctx.argv, { flags: 's', values: 'dfcb', long: { delimiter: 'd', fields: 'f', characters: 'c' } });
  if (isResult(opts)) return opts;
  const fields = lastValue(opts, 'f');
  const chars = lastValue(opts, 'c') ?? lastValue(opts, 'b');
  const spec = fields ?? chars;
  if (spec === undefined) return usage('cut', 'you must specify a list of bytes, characters, or fields');
  const delim = lastValue(opts, 'd') ?? '\t';
  if ([...delim].length !== 1) return usage('cut', 'the delimiter must be a single character');
  const selected = parseList(spec);
  if (typeof selected === 'string') return usage('cut', selected);
  let stdout = '';
  let stderr = '';
  for (const input of readInputs('cut', ctx, opts.operands)) {
    if ('error' in input) {
      stderr += input.error;
      continue;
    }
    const lines = splitLines(input.content).flatMap((line) => {
      if (fields === undefined) return [[...line].filter((_, i) => selected(i + 1)).join('')];
      // A line without the delimiter is printed whole, unless -s asks to drop it.
      if (!line.includes(delim)) return opts.flags.has('s') ? [] : [line];
      return [line.split(delim).filter((_, i) => selected(i + 1)).join(delim)];
    });
    stdout += joinLines(lines);
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
};

const CLASSES: Record<string, string> = {
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  digit: '0123456789',
  space: ' \t\n\r\f\v',
  blank: ' \t',
};
CLASSES.alpha = CLASSES.upper! + CLASSES.lower!;
CLASSES.alnum = CLASSES.alpha + CLASSES.digit!;
CLASSES.punct = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', f: '\f', v: '\v', a: '\x07', b: '\b' };

/** Expand a `tr` set: escapes, `a-z` ranges and `[:upper:]`-style classes, into its characters. */
export function expandSet(set: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < set.length; i++) {
    const cls = /^\[:([a-z]+):\]/.exec(set.slice(i));
    if (cls && CLASSES[cls[1]!] !== undefined) {
      out.push(...CLASSES[cls[1]!]!);
      i += cls[0].length - 1;
      continue;
    }
    let ch = set[i]!;
    if (ch === '\\' && i + 1 < set.length) {
      const octal = /^[0-7]{1,3}/.exec(set.slice(i + 1))?.[0];
      ch = octal ? String.fromCharCode(parseInt(octal, 8)) : (ESCAPES[set[i + 1]!] ?? set[i + 1]!);
      i += octal ? octal.length : 1;
    }
    if (set[i + 1] === '-' && i + 2 < set.length) {
      const end = set[i + 2]!;
      for (let c = ch.charCodeAt(0); c <= end.charCodeAt(0); c++) out.push(String.fromCharCode(c));
      i += 2;
    } else out.push(ch);
  }
  return out;
}

/** `tr [-d] [-s] [-c] SET1 [SET2]`: translate, delete or squeeze characters of stdin. */
export const tr: Command = (ctx) => {
  const opts = parseOptions('tr', ctx.argv, { flags: 'dscC', long: { delete: 'd', 'squeeze-repeats': 's' } });
  if (isResult(opts)) return opts;
  const f = opts.flags;
  const [first, second] = opts.operands;
  if (first === undefined) return usage('tr', 'missing operand');
  const translating = !f.has('d') && second !== undefined;
  if (!f.has('d') && !f.has('s') && second === undefined) {
    return usage('tr', `missing operand after '${first}'\nTwo strings must be given when translating.`);
  }
  const set1 = new Set(expandSet(first));
  const complement = f.has('c') || f.has('C');
  const inSet1 = (c: string): boolean => set1.has(c) !== complement;
  const list1 = expandSet(first);
  const list2 = second === undefined ? [] : expandSet(second);
  const map = new Map<string, string>();
  if (translating) list1.forEach((c, i) => map.set(c, list2[Math.min(i, list2.length - 1)] ?? c));
  const squeeze = new Set(f.has('s') ? (second !== undefined ? list2 : list1) : []);
  let out = '';
  for (const c of ctx.stdin) {
    if (f.has('d') && inSet1(c)) continue;
    const t = translating ? (map.get(c) ?? c) : c;
    if (squeeze.has(t) && out.endsWith(t)) continue;
    out += t;
  }
  return { stdout: out, stderr: '', exitCode: 0 };
};
