import { utf8 } from '../../../engine/sim/hash';
import { base64Bytes, base64DecodeText, base64ErrorOffset } from '../../../engine/sim/base64';
import type { Command } from '../../types';
import { isResult, parseOptions, readInputs } from './util';

/**
 * `base64 [-d] [-i] [-w COLS] [FILE]` as GNU coreutils: encodes with lines of 76 characters (0:
 * one line), decodes ignoring newlines; input that is not base64 prints what decoded before it,
 * then `base64: invalid input`, status 1. Text is UTF-8, as the shell's files are.
 */
export const base64: Command = (ctx) => {
  const opts = parseOptions('base64', ctx.argv, { flags: 'di', values: 'w', long: { decode: 'd', 'ignore-garbage': 'i', wrap: 'w' } });
  if (isResult(opts)) return opts;
  if (opts.operands.length > 1) return { stdout: '', stderr: `base64: extra operand '${opts.operands[1]}'\nTry 'base64 --help' for more information.\n`, exitCode: 1 };
  const [input] = readInputs('base64', ctx, opts.operands);
  if (!input) return { stdout: '', stderr: '', exitCode: 0 };
  if ('error' in input) return { stdout: '', stderr: input.error, exitCode: 1 };
  if (opts.flags.has('d')) return decode(input.content, opts.flags.has('i'));
  const wrapText = opts.values.get('w')?.at(-1) ?? '76';
  const wrap = Number(wrapText);
  if (!/^\d+$/.test(wrapText)) return { stdout: '', stderr: `base64: invalid wrap size: '${wrapText}'\n`, exitCode: 1 };
  const encoded = base64Bytes(utf8(input.content));
  if (encoded === '') return { stdout: '', stderr: '', exitCode: 0 };
  // -w 0 writes one line with no newline after it, as GNU's does.
  if (wrap === 0) return { stdout: encoded, stderr: '', exitCode: 0 };
  const lines = encoded.match(new RegExp(`.{1,${wrap}}`, 'g')) ?? [];
  return { stdout: `${lines.join('\n')}\n`, stderr: '', exitCode: 0 };
};

function decode(content: string, ignoreGarbage: boolean): ReturnType<Command> {
  const text = ignoreGarbage ? content.replace(/[^A-Za-z0-9+/=]/g, '') : content.replace(/\n/g, '');
  if (base64ErrorOffset(text) === undefined) return { stdout: base64DecodeText(text), stderr: '', exitCode: 0 };
  // What decodes before the first bad character (or of a short last group) is written, then the complaint.
  const bad = text.search(/[^A-Za-z0-9+/=]/);
  return { stdout: base64DecodeText(text.slice(0, bad >= 0 ? bad : text.length)), stderr: 'base64: invalid input\n', exitCode: 1 };
}
