import { readTar, type TarEntry } from '../../../engine/cri/tar';
import type { Command, CommandContext, CommandResult } from '../../types';

/** checkpointctl's ByteToString: binary units with one decimal (`10.7 KiB`). */
export function byteToString(b: number): string {
  if (b < 1024) return `${b} B`;
  let div = 1024;
  let exp = 0;
  for (let n = Math.floor(b / 1024); n >= 1024; n = Math.floor(n / 1024)) {
    div *= 1024;
    exp++;
  }
  return `${(b / div).toFixed(1)} ${'KMGTPE'[exp]}iB`;
}

interface ConfigDump {
  id?: string;
  name?: string;
  rootfsImageName?: string;
  runtime?: string;
  createdTime?: string;
}

function fail(msg: string): CommandResult {
  return { stdout: '', stderr: `Error: ${msg}\n`, exitCode: 1 };
}

/** The row `checkpointctl show` prints for one archive, with the headers it adds. */
function describe(entries: TarEntry[]): { header: string[]; row: string[] } | string {
  const byName = new Map(entries.map((e) => [e.name.replace(/^\.\//, ''), e]));
  const config = byName.get('config.dump');
  const spec = byName.get('spec.dump');
  if (!config) return 'failed to read config.dump: no such file or directory';
  if (!spec) return 'failed to read spec.dump: no such file or directory';
  const cfg = JSON.parse(config.content) as ConfigDump;
  const annotations = (JSON.parse(spec.content) as { annotations?: Record<string, string> }).annotations ?? {};
  const crio = annotations['io.container.manager'] === 'cri-o';
  const name = crio ? ((JSON.parse(annotations['io.kubernetes.cri-o.Metadata'] ?? '{}') as { name?: string }).name ?? '') : (annotations['io.kubernetes.cri.container-name'] ?? '');
  const created = crio ? (annotations['io.kubernetes.cri-o.Created'] ?? '') : (cfg.createdTime ?? '').replace(/\.\d+Z$/, 'Z');
  const header = ['Container', 'Image', 'ID', 'Runtime', 'Created', 'Engine'];
  const row = [name, cfg.rootfsImageName ?? '', (cfg.id ?? '').slice(0, 12), cfg.runtime ?? '', created, crio ? 'CRI-O' : 'containerd'];
  const ip = crio ? annotations['io.kubernetes.cri-o.IP.0'] : undefined;
  if (ip) {
    header.push('IP');
    row.push(ip);
  }
  const checkpointSize = entries.filter((e) => e.type === 'file' && e.name.replace(/^\.\//, '').startsWith('checkpoint')).reduce((s, e) => s + e.size, 0);
  header.push('CHKPT Size');
  row.push(byteToString(checkpointSize));
  const diff = byName.get('rootfs-diff.tar');
  if (diff && diff.size > 0) {
    header.push('Root Fs Diff Size');
    row.push(byteToString(diff.size));
  }
  return { header, row };
}

/**
 * olekukonko/tablewriter as checkpointctl configures it (SetRowLine): a border around every row,
 * headers centred, cells left-aligned (numbers right-aligned), one space of padding.
 */
export function borderedTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+\n`;
  const centre = (text: string, w: number) => {
    const left = Math.floor((w - text.length) / 2);
    return ' '.repeat(left) + text + ' '.repeat(w - text.length - left);
  };
  const numeric = (text: string) => /^-?(?:\d{1,3}(?:,\d{3})*|\d+)(?:\.\d+)?$/.test(text);
  const cell = (text: string, w: number) => (numeric(text) ? text.padStart(w) : text.padEnd(w));
  const render = (cells: string[], fmt: (t: string, w: number) => string) => `|${cells.map((c, i) => ` ${fmt(c, widths[i]!)} `).join('|')}|\n`;
  return line + render(header, centre) + line + rows.map((r) => render(r, cell) + line).join('');
}

function show(ctx: CommandContext, files: string[]): CommandResult {
  if (files.length !== 1) return fail(`accepts 1 arg(s), received ${files.length}`);
  const file = files[0]!;
  const content = ctx.host.fs.isDir(file) ? undefined : ctx.host.fs.read(file);
  if (content === undefined) return fail(ctx.host.fs.isDir(file) ? `input ${file} not a regular file` : `stat ${file}: no such file or directory`);
  const entries = readTar(content);
  if (!entries) return fail('archive/tar: invalid tar header');
  if (!entries.some((e) => e.type === 'dir' && e.name.replace(/^\.\//, '').startsWith('checkpoint'))) return fail(`checkpoint directory is missing in the archive file: ${file}`);
  const info = describe(entries);
  if (typeof info === 'string') return fail(info);
  return { stdout: `\nDisplaying container checkpoint data from ${file}\n\n${borderedTable(info.header.map((h) => h.toUpperCase()), [info.row])}`, stderr: '', exitCode: 0 };
}

/** `checkpointctl show ARCHIVE`: what container a checkpoint archive holds. */
export const checkpointctl: Command = (ctx) => {
  const [verb, ...rest] = ctx.argv;
  if (verb === 'show') return show(ctx, rest.filter((a) => !a.startsWith('-')));
  if (verb === 'version' || verb === '--version') return { stdout: 'Version: 1.3.0\n', stderr: '', exitCode: 0 };
  return fail(`unknown command "${verb ?? ''}" for "checkpointctl"\nRun 'checkpointctl --help' for usage.`);
};
