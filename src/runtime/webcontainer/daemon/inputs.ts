import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, posix, relative, resolve } from 'node:path';
import type { VirtualFs } from '../../../cli/types';
import type { RunRequest } from '../protocol';

/** Files larger than this are left for the command to report missing, not copied. */
const MAX_MIRRORED_FILE = 1024 * 1024;
const HOME = '/root';

/**
 * Turn one shim invocation into shell inputs for the lab's own shell, so it lands in the lab's
 * transcript and a saved lab replays it exactly: first the inputs that bring the simulated
 * workstation up to date with the container (the working directory, files the arguments name),
 * then the command itself, its argv quoted, its stdin as a heredoc.
 *
 * The container's work directory maps to `/root`; other absolute paths map to themselves.
 */
export function inputsFor(request: RunRequest, fs: VirtualFs, workdir: string): { sync: string[]; command: string } {
  const cwd = toWorkstation(request.cwd, workdir);
  const sync: string[] = [];
  if (fs.cwd() !== cwd) sync.push(`mkdir -p ${quote(cwd)} && cd ${quote(cwd)}`);
  for (const file of filesNamed(request)) {
    const content = readSmallFile(file);
    const target = toWorkstation(file, workdir);
    if (content !== undefined && fs.read(target) !== content) sync.push(writeFileInput(target, content));
  }
  return { sync, command: commandLine(request.argv, request.stdin) };
}

/** `argv` as one shell line that gives the command exactly these arguments. */
export function commandLine(argv: string[], stdin: string): string {
  const line = argv.map(quote).join(' ');
  return stdin === '' ? line : `${line} ${heredoc(stdin)}`;
}

export function quote(word: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

function heredoc(text: string): string {
  let delimiter = 'CLUSTERLAB_EOF';
  while (text.split('\n').includes(delimiter)) delimiter += '_';
  return `<<'${delimiter}'\n${text.endsWith('\n') ? text : `${text}\n`}${delimiter}`;
}

function writeFileInput(path: string, content: string): string {
  return `mkdir -p ${quote(posix.dirname(path))} && cat > ${quote(path)} ${heredoc(content)}`;
}

export function toWorkstation(path: string, workdir: string): string {
  const rel = relative(workdir, path);
  if (rel === '') return HOME;
  if (rel.startsWith('..') || isAbsolute(rel)) return path;
  return posix.join(HOME, rel);
}

/** Container files the arguments name (`-f web.yaml`, `--filename=dir/x.yaml`), that exist. */
function filesNamed(request: RunRequest): string[] {
  const words = request.argv.slice(1).flatMap((arg) => (arg.includes('=') ? [arg, arg.slice(arg.indexOf('=') + 1)] : [arg]));
  const files = new Set<string>();
  for (const word of words) {
    if (word === '' || word === '-' || word.startsWith('-') || word.length > 4096) continue;
    const path = resolve(request.cwd, word);
    if (isSmallFile(path)) files.add(path);
  }
  return [...files];
}

function isSmallFile(path: string): boolean {
  try {
    const stat = statSync(path);
    return stat.isFile() && stat.size <= MAX_MIRRORED_FILE;
  } catch {
    return false;
  }
}

function readSmallFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
