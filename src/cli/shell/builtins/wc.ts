import type { Command } from '../../types';
import { isResult, parseOptions, readInputs } from './util';

type Counts = [lines: number, words: number, chars: number];

/**
 * `wc [-lwcm] [file...]`: count lines, words and bytes. Formatting follows GNU coreutils: a
 * single count of a single input is printed bare (`echo a b | wc -w` → `2`); otherwise counts
 * are right-aligned to a common width (7 for stdin, else the digits of the total file size)
 * and each file's line ends with its name, followed by a `total` line when there are several.
 */
export const wc: Command = (ctx) => {
  const opts = parseOptions('wc', ctx.argv, { flags: 'lwcm', long: { lines: 'l', words: 'w', bytes: 'c', chars: 'm' } });
  if (isResult(opts)) return opts;
  const f = opts.flags;
  const none = !f.has('l') && !f.has('w') && !f.has('c') && !f.has('m');
  const shown = [f.has('l') || none, f.has('w') || none, f.has('c') || f.has('m') || none];
  const inputs = readInputs('wc', ctx, opts.operands);
  let stderr = '';
  const rows: { counts: Counts; name?: string }[] = [];
  let stdinUsed = false;
  let totalSize = 0;
  for (const input of inputs) {
    if ('error' in input) {
      stderr += input.error;
      continue;
    }
    stdinUsed ||= input.name === '-';
    totalSize += input.content.length;
    rows.push({ counts: count(input.content), ...(opts.operands.length ? { name: input.name } : {}) });
  }
  if (rows.length > 1) rows.push({ counts: [0, 1, 2].map((i) => rows.reduce((s, r) => s + r.counts[i]!, 0)) as Counts, name: 'total' });
  const single = shown.filter(Boolean).length === 1 && inputs.length === 1;
  const width = single ? 1 : Math.max(stdinUsed ? 7 : 1, String(totalSize).length);
  const stdout = rows
    .map(({ counts, name }) => {
      const cells = counts.filter((_, i) => shown[i]).map((c) => String(c).padStart(width));
      return `${cells.join(' ')}${name === undefined ? '' : ` ${name}`}\n`;
    })
    .join('');
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
};

function count(text: string): Counts {
  const lines = (text.match(/\n/g) ?? []).length;
  const words = text.split(/\s+/).filter(Boolean).length;
  // Bytes as UTF-8, the way a real file is measured.
  return [lines, words, new TextEncoder().encode(text).length];
}
