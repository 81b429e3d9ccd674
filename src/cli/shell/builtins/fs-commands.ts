import type { Command, CommandResult } from '../../types';
import { dirname } from '../memory-fs';
import { isResult, parseOptions } from './util';

const missingOperand = (cmd: string): CommandResult => ({
  stdout: '',
  stderr: `${cmd}: missing operand\nTry '${cmd} --help' for more information.\n`,
  exitCode: 1,
});

const result = (stderr: string): CommandResult => ({ stdout: '', stderr, exitCode: stderr ? 1 : 0 });

/** `mkdir [-p] dir...`: create directories; without `-p` the parent must exist and the target must not. */
export const mkdir: Command = (ctx) => {
  const opts = parseOptions('mkdir', ctx.argv, { flags: 'pv', long: { parents: 'p' } });
  if (isResult(opts)) return opts;
  if (opts.operands.length === 0) return missingOperand('mkdir');
  const { fs } = ctx.host;
  let stderr = '';
  for (const dir of opts.operands) {
    const fail = (reason: string): void => void (stderr += `mkdir: cannot create directory '${dir}': ${reason}\n`);
    const abs = fs.resolve(dir);
    const parent = dirname(abs);
    if (fs.exists(abs)) {
      if (!opts.flags.has('p') || !fs.isDir(abs)) fail('File exists');
    } else if (!opts.flags.has('p') && !fs.isDir(parent)) {
      fail(fs.exists(parent) ? 'Not a directory' : 'No such file or directory');
    } else {
      try {
        fs.mkdir(abs);
      } catch {
        fail('Not a directory');
      }
    }
  }
  return result(stderr);
};

/** `rm [-f] [-r] path...`: remove files; directories only with `-r`; `-f` ignores missing paths. */
export const rm: Command = (ctx) => {
  const opts = parseOptions('rm', ctx.argv, { flags: 'frRiv', long: { force: 'f', recursive: 'r' } });
  if (isResult(opts)) return opts;
  const f = opts.flags;
  if (opts.operands.length === 0) return f.has('f') ? result('') : missingOperand('rm');
  const { fs } = ctx.host;
  let stderr = '';
  for (const path of opts.operands) {
    if (!fs.exists(path)) {
      if (!f.has('f')) stderr += `rm: cannot remove '${path}': No such file or directory\n`;
    } else if (fs.isDir(path) && !f.has('r') && !f.has('R')) {
      stderr += `rm: cannot remove '${path}': Is a directory\n`;
    } else if (fs.resolve(path) === '/') {
      stderr += `rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n`;
    } else fs.remove(path);
  }
  return result(stderr);
};

/** `touch file...`: create empty files; existing files are left as they are (no mtimes here). */
export const touch: Command = (ctx) => {
  const opts = parseOptions('touch', ctx.argv, { flags: 'acm' });
  if (isResult(opts)) return opts;
  if (opts.operands.length === 0) return { stdout: '', stderr: "touch: missing file operand\nTry 'touch --help' for more information.\n", exitCode: 1 };
  const { fs } = ctx.host;
  let stderr = '';
  for (const path of opts.operands) {
    if (fs.exists(path)) continue;
    const parent = dirname(fs.resolve(path));
    if (!fs.isDir(parent)) {
      const reason = fs.exists(parent) ? 'Not a directory' : 'No such file or directory';
      stderr += `touch: cannot touch '${path}': ${reason}\n`;
    } else fs.write(path, '');
  }
  return result(stderr);
};
