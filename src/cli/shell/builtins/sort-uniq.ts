import type { Command } from '../../types';
import { isResult, joinLines, type ParsedOptions, parseOptions, readInputs, splitLines } from './util';

interface Key {
  start: number;
  end?: number;
  numeric: boolean;
  reverse: boolean;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Leading number of a line, as `sort -n` reads it; text without one sorts as zero. */
function leadingNumber(text: string): number {
  const m = /^\s*(-?\d*\.?\d+)/.exec(text);
  return m ? Number(m[1]) : 0;
}

/**
 * `sort [-nrufb] [-t SEP] [-k N[,M][n][r]] [file...]`: sort lines by code point (the C locale),
 * numerically with `-n`, by fields with `-k`. Equal keys fall back to comparing whole lines, as
 * GNU sort does unless keys are unique.
 */
export const sort: Command = (ctx) => {
  const opts = parseOptions('sort', ctx.argv, {
    flags: 'nrufbs',
    values: 'kt',
    long: { numeric: 'n', reverse: 'r', unique: 'u', 'ignore-case': 'f', key: 'k', 'field-separator': 't' },
  });
  if (isResult(opts)) return opts;
  const keys: Key[] = [];
  for (const spec of opts.values.get('k') ?? []) {
    const m = /^(\d+)(?:\.\d+)?([bnr]*)(?:,(\d+)(?:\.\d+)?([bnr]*))?$/.exec(spec);
    if (!m || m[1] === '0') return { stdout: '', stderr: `sort: invalid number at field start: invalid count at start of '${spec}'\n`, exitCode: 2 };
    const mods = (m[2] ?? '') + (m[4] ?? '');
    keys.push({ start: Number(m[1]), ...(m[3] ? { end: Number(m[3]) } : {}), numeric: mods.includes('n'), reverse: mods.includes('r') });
  }
  const inputs = readInputs('sort', ctx, opts.operands);
  const failed = inputs.find((i) => 'error' in i);
  if (failed && 'error' in failed) return { stdout: '', stderr: failed.error.replace(/^sort: /, 'sort: cannot read: '), exitCode: 2 };
  const lines = inputs.flatMap((i) => ('content' in i ? splitLines(i.content) : []));
  const compare = comparator(keys, opts);
  const sorted = [...lines].sort((a, b) => compare(a, b) || (opts.flags.has('u') || opts.flags.has('s') ? 0 : fallback(a, b, opts)));
  const unique = opts.flags.has('u') ? sorted.filter((line, i) => i === 0 || compare(sorted[i - 1]!, line) !== 0) : sorted;
  return { stdout: joinLines(unique), stderr: '', exitCode: 0 };
};

function comparator(keys: Key[], opts: ParsedOptions): (a: string, b: string) => number {
  const f = opts.flags;
  const sep = opts.values.get('t')?.at(-1);
  const all: Key[] = keys.length ? keys : [{ start: 1, numeric: false, reverse: false }];
  return (a, b) => {
    for (const key of all) {
      const ka = keyText(a, key, sep, keys.length > 0);
      const kb = keyText(b, key, sep, keys.length > 0);
      const numeric = key.numeric || f.has('n');
      let c = numeric ? leadingNumber(ka) - leadingNumber(kb) : compareText(fold(ka, f), fold(kb, f));
      if (key.reverse || f.has('r')) c = -c;
      if (c !== 0) return c;
    }
    return 0;
  };
}

function fallback(a: string, b: string, opts: ParsedOptions): number {
  const c = compareText(a, b);
  return opts.flags.has('r') ? -c : c;
}

const fold = (text: string, flags: Set<string>): string => (flags.has('f') ? text.toUpperCase() : text);

/** The text of a `-k` key: fields start..end (1-based), split on `-t` or on runs of blanks. */
function keyText(line: string, key: Key, sep: string | undefined, keyed: boolean): string {
  if (!keyed) return line;
  const fields = sep === undefined ? line.trim().split(/\s+/) : line.split(sep);
  return fields.slice(key.start - 1, key.end ?? fields.length).join(sep ?? ' ');
}

/** `uniq [-c] [-d] [-u] [-i] [input]`: collapse adjacent equal lines; `-c` prefixes counts. */
export const uniq: Command = (ctx) => {
  const opts = parseOptions('uniq', ctx.argv, { flags: 'cdui', long: { count: 'c', repeated: 'd', unique: 'u', 'ignore-case': 'i' } });
  if (isResult(opts)) return opts;
  const [input] = readInputs('uniq', ctx, opts.operands.slice(0, 1));
  if (!input || 'error' in input) return { stdout: '', stderr: input?.error ?? '', exitCode: 1 };
  const f = opts.flags;
  const same = (a: string, b: string): boolean => (f.has('i') ? a.toLowerCase() === b.toLowerCase() : a === b);
  const groups: { line: string; count: number }[] = [];
  for (const line of splitLines(input.content)) {
    const last = groups[groups.length - 1];
    if (last && same(last.line, line)) last.count++;
    else groups.push({ line, count: 1 });
  }
  const kept = groups.filter((g) => (!f.has('d') || g.count > 1) && (!f.has('u') || g.count === 1));
  return { stdout: joinLines(kept.map((g) => (f.has('c') ? `${String(g.count).padStart(7)} ${g.line}` : g.line))), stderr: '', exitCode: 0 };
};
