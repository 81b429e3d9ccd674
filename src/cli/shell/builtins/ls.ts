import type { Command, CommandContext, CommandResult } from '../../types';
import { formatDate, simulationDate } from './date';
import { busyboxColumns, lsColumns } from './ls-columns';
import { isResult, parseOptions } from './util';

interface Entry {
  name: string;
  path: string;
  dir: boolean;
}

/**
 * `ls [-laA1Cd] [path...]`: names in columns on a terminal (as wide as it is, 80 when unknown),
 * one per line into a pipe or file, or with -1. Files named on the command line come first,
 * then each directory's contents (with a heading when there are several operands). Names sort
 * by code point, as in the C locale.
 */
export const ls: Command = (ctx) => list(ctx, 'gnu');

/** busybox's ls: its own column layout on a terminal. */
export const busyboxLs: Command = (ctx) => list(ctx, 'busybox');

function list(ctx: CommandContext, flavour: 'gnu' | 'busybox'): CommandResult {
  const opts = parseOptions('ls', ctx.argv, { flags: 'laA1CdhF', usageExit: 2, long: { all: 'a' } });
  if (isResult(opts)) return opts;
  const { fs } = ctx.host;
  const operands = opts.operands.length ? opts.operands : ['.'];
  let stderr = '';
  const files: Entry[] = [];
  const dirs: Entry[] = [];
  for (const path of operands) {
    if (!fs.exists(path)) stderr += `ls: cannot access '${path}': No such file or directory\n`;
    else (fs.isDir(path) && !opts.flags.has('d') ? dirs : files).push({ name: path, path, dir: fs.isDir(path) });
  }
  const long = opts.flags.has('l');
  const blocks: string[] = [];
  const layout = { flags: opts.flags, flavour };
  if (files.length) blocks.push(render(files.sort(byName), long, ctx, false, layout));
  for (const dir of dirs.sort(byName)) {
    const heading = operands.length > 1 ? `${dir.name}:\n` : '';
    blocks.push(heading + render(contents(dir.path, opts.flags, ctx), long, ctx, true, layout));
  }
  return { stdout: blocks.join('\n'), stderr, exitCode: stderr ? 2 : 0 };
}

const byName = (a: Entry, b: Entry): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function contents(path: string, flags: Set<string>, ctx: CommandContext): Entry[] {
  const { fs } = ctx.host;
  const abs = fs.resolve(path);
  const child = (name: string): string => (abs === '/' ? `/${name}` : `${abs}/${name}`);
  const names = (fs.list(abs) ?? []).filter((n) => flags.has('a') || flags.has('A') || !n.startsWith('.'));
  const entries = names.map((name) => ({ name, path: child(name), dir: fs.isDir(child(name)) }));
  if (flags.has('a')) entries.unshift({ name: '.', path: abs, dir: true }, { name: '..', path: fs.resolve(`${abs}/..`), dir: true });
  return entries.sort(byName);
}

/**
 * Files the simulated components create with mode 0600 (the file system keeps no modes itself):
 * checkpoint archives (CRI-O and containerd write them 0600), kubeadm's private keys and kubeconfigs.
 */
const PRIVATE_FILES = [/^\/var\/lib\/kubelet\/checkpoints\/[^/]+$/, /^\/etc\/kubernetes\/pki\/(.+\/)?[^/]+\.key$/, /^\/etc\/kubernetes\/(admin|super-admin|kubelet|controller-manager|scheduler)\.conf$/];

interface Layout {
  flags: Set<string>;
  flavour: 'gnu' | 'busybox';
}

/** -C, or a terminal without -1: what isatty(1) decides in ls. */
const manyPerLine = (ctx: CommandContext, flags: Set<string>) => flags.has('C') || (ctx.tty === true && !flags.has('1'));

function render(entries: Entry[], long: boolean, ctx: CommandContext, total: boolean, layout: Layout): string {
  if (!long && manyPerLine(ctx, layout.flags)) {
    const names = entries.map((e) => e.name);
    const width = ctx.host.columns ?? 80;
    return layout.flavour === 'busybox' ? busyboxColumns(names, width) : lsColumns(names, width);
  }
  if (!long) return entries.map((e) => `${e.name}\n`).join('');
  const { fs } = ctx.host;
  const rows = entries.map((e) => {
    const subdirs = e.dir ? (fs.list(e.path) ?? []).filter((n) => fs.isDir(`${e.path}/${n}`)).length : 0;
    const size = e.dir ? 4096 : (fs.read(e.path) ?? '').length;
    return { e, links: e.dir ? 2 + subdirs : 1, size };
  });
  const linkWidth = Math.max(...rows.map((r) => String(r.links).length));
  const sizeWidth = Math.max(...rows.map((r) => String(r.size).length));
  // mtimes are not tracked, so every entry shows the current virtual time.
  const when = formatDate(simulationDate(ctx.host), '%b %e %H:%M');
  const lines = rows.map(({ e, links, size }) => {
    const mode = e.dir ? 'drwxr-xr-x' : PRIVATE_FILES.some((re) => re.test(e.path)) ? '-rw-------' : '-rw-r--r--';
    return `${mode} ${String(links).padStart(linkWidth)} root root ${String(size).padStart(sizeWidth)} ${when} ${e.name}\n`;
  });
  const blocks = rows.reduce((sum, r) => sum + Math.ceil(r.size / 4096) * 4, 0);
  return (total ? `total ${blocks}\n` : '') + lines.join('');
}
