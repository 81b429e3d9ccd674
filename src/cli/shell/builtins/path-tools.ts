import type { Command, CommandResult } from '../../types';
import { isResult, parseOptions } from './util';

const missingOperand = (cmd: string): CommandResult => ({ stdout: '', stderr: `${cmd}: missing operand\nTry '${cmd} --help' for more information.\n`, exitCode: 1 });

/** The last component of a path as POSIX basename takes it: trailing slashes ignored, `/` for `/`. */
function baseOf(path: string, suffix = ''): string {
  if (path === '') return '';
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  const base = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  return suffix && base !== suffix && base.endsWith(suffix) ? base.slice(0, -suffix.length) : base;
}

function dirOf(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return path.startsWith('/') ? '/' : '.';
  const slash = trimmed.lastIndexOf('/');
  if (slash < 0) return '.';
  return trimmed.slice(0, slash).replace(/\/+$/, '') || '/';
}

/** GNU `basename NAME [SUFFIX]`, `basename -a NAME...`, `-s SUFFIX` (which implies -a). */
export const basename: Command = (ctx) => {
  const opts = parseOptions('basename', ctx.argv, { flags: 'az', values: 's', long: { multiple: 'a', suffix: 's', zero: 'z' } });
  if (isResult(opts)) return opts;
  const names = opts.operands;
  if (names.length === 0) return missingOperand('basename');
  const end = opts.flags.has('z') ? '\0' : '\n';
  const suffixFlag = opts.values.get('s')?.at(-1);
  if (!opts.flags.has('a') && suffixFlag === undefined) {
    if (names.length > 2) return { stdout: '', stderr: `basename: extra operand '${names[2]}'\nTry 'basename --help' for more information.\n`, exitCode: 1 };
    return { stdout: baseOf(names[0]!, names[1]) + end, stderr: '', exitCode: 0 };
  }
  return { stdout: names.map((n) => baseOf(n, suffixFlag) + end).join(''), stderr: '', exitCode: 0 };
};

/** GNU `dirname NAME...`: each name without its last component, `.` when it has none. */
export const dirname: Command = (ctx) => {
  const opts = parseOptions('dirname', ctx.argv, { flags: 'z', long: { zero: 'z' } });
  if (isResult(opts)) return opts;
  if (opts.operands.length === 0) return missingOperand('dirname');
  const end = opts.flags.has('z') ? '\0' : '\n';
  return { stdout: opts.operands.map((n) => dirOf(n) + end).join(''), stderr: '', exitCode: 0 };
};

/** GNU `tee [-a] [FILE...]`: standard input to standard output and to each file (appended with -a). */
export const tee: Command = (ctx) => {
  const opts = parseOptions('tee', ctx.argv, { flags: 'ai', long: { append: 'a', 'ignore-interrupts': 'i' } });
  if (isResult(opts)) return opts;
  const { fs } = ctx.host;
  let stderr = '';
  for (const file of opts.operands) {
    if (file === '-') continue;
    const path = fs.resolve(file);
    try {
      if (fs.isDir(path)) throw new Error('Is a directory');
      if (opts.flags.has('a')) fs.append(path, ctx.stdin);
      else fs.write(path, ctx.stdin);
    } catch (e) {
      const reason = e instanceof Error && e.message === 'Is a directory' ? 'Is a directory' : 'No such file or directory';
      stderr += `tee: ${file}: ${reason}\n`;
    }
  }
  // tee opens its files before it copies: a file it cannot open is reported first.
  const chunks = stderr && ctx.stdin ? { chunks: [{ stream: 'stderr' as const, text: stderr }, { stream: 'stdout' as const, text: ctx.stdin }] } : {};
  return { stdout: ctx.stdin, stderr, exitCode: stderr ? 1 : 0, ...chunks };
};
