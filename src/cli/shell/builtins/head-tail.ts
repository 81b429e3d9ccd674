import type { Command, CommandContext, CommandResult } from '../../types';
import { isResult, lastValue, parseOptions, readInputs } from './util';

type Which = 'head' | 'tail';

/** `head [-n N | -N] [-c N] [file...]`: the first 10 (or N) lines; `-n -N` drops the last N. */
export const head: Command = (ctx) => headOrTail('head', ctx);

/** `tail [-n N | -N | -n +N] [-c N] [file...]`: the last 10 (or N) lines; `+N` starts at line N. */
export const tail: Command = (ctx) => headOrTail('tail', ctx);

function headOrTail(which: Which, ctx: CommandContext): CommandResult {
  // `-5` is the historical spelling of `-n 5`.
  const args = ctx.argv.map((a, i) => (/^-\d+$/.test(a) && !/^-[nc]$/.test(ctx.argv[i - 1] ?? '') ? `-n${a.slice(1)}` : a));
  const opts = parseOptions(which, args, { flags: 'qvf', values: 'nc', long: { lines: 'n', bytes: 'c', quiet: 'q' } });
  if (isResult(opts)) return opts;
  const bytes = lastValue(opts, 'c');
  const spec = bytes ?? lastValue(opts, 'n') ?? '10';
  const m = /^([+-]?)(\d+)$/.exec(spec);
  if (!m) return { stdout: '', stderr: `${which}: invalid number of ${bytes ? 'bytes' : 'lines'}: '${spec}'\n`, exitCode: 1 };
  const take = (text: string): string => slice(which, text, m[1]!, Number(m[2]), bytes !== undefined);
  const inputs = readInputs(which, ctx, opts.operands);
  const headers = inputs.length > 1 && !opts.flags.has('q');
  let stdout = '';
  let stderr = '';
  inputs.forEach((input, i) => {
    if ('error' in input) {
      const reason = input.error.slice(input.error.lastIndexOf(': ') + 2);
      stderr += `${which}: cannot open '${input.name}' for reading: ${reason}`;
      return;
    }
    if (headers) stdout += `${i > 0 ? '\n' : ''}==> ${input.name === '-' ? 'standard input' : input.name} <==\n`;
    stdout += take(input.content);
  });
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}

/** The selected part of one input, by lines or by characters (`-c`). */
function slice(which: Which, text: string, sign: string, n: number, byChars: boolean): string {
  const units = byChars ? [...text] : text.split(/(?<=\n)/);
  let kept: string[];
  if (which === 'head') kept = sign === '-' ? units.slice(0, Math.max(0, units.length - n)) : units.slice(0, n);
  else kept = sign === '+' ? units.slice(Math.max(0, n - 1)) : n === 0 ? [] : units.slice(-n);
  return kept.join('');
}
