import { readTar, type TarEntry } from '../../../engine/cri/tar';
import type { Command, CommandContext, CommandResult } from '../../types';

interface TarOptions {
  mode?: 't' | 'x' | 'c';
  verbose: boolean;
  file?: string;
  dir?: string;
  members: string[];
}

const NOT_RECOVERABLE = 'tar: Error is not recoverable: exiting now\n';

/** GNU tar's option forms: `-tvf F`, `tvf F`, `-t -f F`, `--list --file=F`, `-C DIR`. */
function parse(argv: string[]): TarOptions | string {
  const o: TarOptions = { verbose: false, members: [] };
  const letters = (group: string, rest: string[]): string | undefined => {
    for (let j = 0; j < group.length; j++) {
      const ch = group[j]!;
      if (ch === 't' || ch === 'x' || ch === 'c') o.mode = ch;
      else if (ch === 'v') o.verbose = true;
      else if (ch === 'f' || ch === 'C') {
        const value = group.slice(j + 1) || rest.shift();
        if (ch === 'f') o.file = value;
        else o.dir = value;
        return undefined;
      } else if (ch !== 'z' && ch !== 'p') return `tar: invalid option -- '${ch}'\nTry 'tar --help' or 'tar --usage' for more information.\n`;
    }
    return undefined;
  };
  const args = [...argv];
  let first = true;
  while (args.length > 0) {
    const a = args.shift()!;
    if (a === '--list') o.mode = 't';
    else if (a === '--extract' || a === '--get') o.mode = 'x';
    else if (a === '--verbose') o.verbose = true;
    else if (a.startsWith('--file=')) o.file = a.slice(7);
    else if (a === '--file') o.file = args.shift();
    else if (a.startsWith('--directory=')) o.dir = a.slice(12);
    else if (a === '--directory') o.dir = args.shift();
    else if (a.startsWith('-') && a.length > 1) {
      const err = letters(a.slice(1), args);
      if (err) return err;
    } else if (first && /^[txcvfzpC]+$/.test(a)) {
      const err = letters(a, args);
      if (err) return err;
    } else o.members.push(a);
    first = false;
  }
  return o;
}

function modeString(e: TarEntry): string {
  const bits = ['r', 'w', 'x'];
  let s = e.type === 'dir' ? 'd' : '-';
  for (let i = 8; i >= 0; i--) s += e.mode & (1 << i) ? bits[(8 - i) % 3] : '-';
  return s;
}

/** `tar -tvf` lines: GNU tar widens the owner/size column as it goes (ugswidth starts at 19). */
function verboseLines(entries: TarEntry[]): string {
  let ugswidth = 19;
  return entries
    .map((e) => {
      const size = String(e.size);
      const pad = 'root'.length + 1 + 'root'.length + 1 + size.length;
      if (pad > ugswidth) ugswidth = pad;
      const d = new Date(e.mtime * 1000).toISOString();
      return `${modeString(e)} root/root ${size.padStart(ugswidth - pad + size.length)} ${d.slice(0, 10)} ${d.slice(11, 16)} ${e.name}\n`;
    })
    .join('');
}

function extract(ctx: CommandContext, entries: TarEntry[], dir: string | undefined, verbose: boolean): CommandResult {
  const { fs } = ctx.host;
  const base = fs.resolve(dir ?? '.');
  if (!fs.isDir(base)) return { stdout: '', stderr: `tar: ${dir}: Cannot open: No such file or directory\n${NOT_RECOVERABLE}`, exitCode: 2 };
  for (const e of entries) {
    const path = `${base === '/' ? '' : base}/${e.name.replace(/^\.\//, '').replace(/\/$/, '')}`;
    if (e.type === 'dir') fs.mkdir(path);
    else {
      fs.mkdir(path.slice(0, path.lastIndexOf('/')) || '/');
      fs.write(path, e.content);
    }
  }
  return { stdout: verbose ? entries.map((e) => `${e.name}\n`).join('') : '', stderr: '', exitCode: 0 };
}

/** `tar`: list (-t, -tv) and extract (-x, -C DIR) archives on the node, e.g. checkpoint archives. */
export const tar: Command = (ctx) => {
  const o = parse(ctx.argv);
  if (typeof o === 'string') return { stdout: '', stderr: o, exitCode: 2 };
  if (!o.mode) return { stdout: '', stderr: "tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options\nTry 'tar --help' or 'tar --usage' for more information.\n", exitCode: 2 };
  if (o.mode === 'c') return { stdout: '', stderr: 'tar: creating archives is not supported here\n', exitCode: 2 };
  if (!o.file || o.file === '-') return { stdout: '', stderr: `tar: Refusing to read archive contents from terminal (missing -f option?)\n${NOT_RECOVERABLE}`, exitCode: 2 };
  const content = ctx.host.fs.isDir(o.file) ? undefined : ctx.host.fs.read(o.file);
  if (content === undefined) return { stdout: '', stderr: `tar: ${o.file}: Cannot open: No such file or directory\n${NOT_RECOVERABLE}`, exitCode: 2 };
  const all = readTar(content);
  if (!all) return { stdout: '', stderr: 'tar: This does not look like a tar archive\ntar: Exiting with failure status due to previous errors\n', exitCode: 2 };
  const wanted = o.members.map((m) => m.replace(/\/$/, ''));
  const entries = wanted.length === 0 ? all : all.filter((e) => wanted.some((m) => e.name.replace(/\/$/, '') === m || e.name.startsWith(`${m}/`)));
  const missing = wanted.filter((m) => !all.some((e) => e.name.replace(/\/$/, '') === m || e.name.startsWith(`${m}/`)));
  const notFound = missing.map((m) => `tar: ${m}: Not found in archive\n`).join('') + (missing.length ? 'tar: Exiting with failure status due to previous errors\n' : '');
  const result = o.mode === 'x' ? extract(ctx, entries, o.dir, o.verbose) : { stdout: o.verbose ? verboseLines(entries) : entries.map((e) => `${e.name}\n`).join(''), stderr: '', exitCode: 0 };
  return missing.length ? { ...result, stderr: result.stderr + notFound, exitCode: 2 } : result;
};
