import { type Command, fail } from '../../types';
import { interpretEscapes } from './echo';

/**
 * `printf FORMAT [arg...]`: `%s`, `%d`, `%i`, `%f`, `%x`, `%o`, `%c`, `%b`, `%%` with optional
 * `-` flag, width and precision; escapes as in `echo -e`. Like bash, the format is reused until
 * every argument is consumed.
 */
export const printf: Command = ({ argv }) => {
  const [format, ...args] = argv;
  if (format === undefined) return fail('printf: usage: printf [-v var] format [arguments]\n', 2);
  let out = '';
  let stderr = '';
  let rest = args;
  do {
    const used = { count: 0 };
    out += formatOnce(format, rest, used, (msg) => (stderr += msg));
    rest = rest.slice(used.count);
    if (used.count === 0) break;
  } while (rest.length > 0);
  return { stdout: out, stderr, exitCode: stderr ? 1 : 0 };
};

/** awk's and printf's shared formatter: one pass of `format` over `args`, missing ones empty. */
export function sprintf(format: string, args: string[]): string {
  return formatOnce(format, args, { count: 0 }, () => {});
}

function formatOnce(format: string, args: string[], used: { count: number }, warn: (msg: string) => void): string {
  const next = (): string | undefined => (used.count < args.length ? args[used.count++] : undefined);
  const spec = /%([-+ 0#]*)(\d*)(?:\.(\d+))?([sdifxXocb%])/g;
  let out = '';
  let last = 0;
  for (const m of format.matchAll(spec)) {
    out += interpretEscapes(format.slice(last, m.index)).value;
    last = m.index + m[0].length;
    const [, flags = '', width = '', precision, conv] = m;
    if (conv === '%') {
      out += '%';
      continue;
    }
    out += pad(convert(conv!, next(), precision, warn), flags, width);
  }
  return out + interpretEscapes(format.slice(last)).value;
}

function convert(conv: string, arg: string | undefined, precision: string | undefined, warn: (msg: string) => void): string {
  if (conv === 's') return precision === undefined ? (arg ?? '') : (arg ?? '').slice(0, Number(precision));
  if (conv === 'b') return interpretEscapes(arg ?? '').value;
  if (conv === 'c') return (arg ?? '').slice(0, 1);
  const n = arg === undefined || arg === '' ? 0 : Number(arg);
  if (Number.isNaN(n)) {
    warn(`bash: printf: ${arg}: invalid number\n`);
    return '0';
  }
  switch (conv) {
    case 'f':
      return n.toFixed(precision === undefined ? 6 : Number(precision));
    case 'x':
      return Math.trunc(n).toString(16);
    case 'X':
      return Math.trunc(n).toString(16).toUpperCase();
    case 'o':
      return Math.trunc(n).toString(8);
    default:
      return String(Math.trunc(n));
  }
}

function pad(text: string, flags: string, width: string): string {
  const w = Number(width || 0);
  if (flags.includes('-')) return text.padEnd(w);
  return flags.includes('0') && /^-?\d/.test(text) ? text.padStart(w, '0') : text.padStart(w);
}
