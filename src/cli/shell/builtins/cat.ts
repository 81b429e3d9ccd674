import type { Command } from '../../types';
import { isResult, parseOptions, readInputs } from './util';

/** `cat [-n] [file...]`: concatenate files (or stdin, `-`) to stdout; `-n` numbers lines. */
export const cat: Command = (ctx) => {
  const opts = parseOptions('cat', ctx.argv, { flags: 'nAsuv', long: { number: 'n' } });
  if (isResult(opts)) return opts;
  let stdout = '';
  let stderr = '';
  let line = 0;
  for (const input of readInputs('cat', ctx, opts.operands)) {
    if ('error' in input) {
      stderr += input.error;
      continue;
    }
    if (!opts.flags.has('n')) {
      stdout += input.content;
      continue;
    }
    // GNU cat numbers every line, empty ones too, and keeps counting across files.
    const parts = input.content.split('\n');
    stdout += parts
      .map((text, i) => (i === parts.length - 1 && text === '' ? text : `${String(++line).padStart(6)}\t${text}`))
      .join('\n');
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
};
