import type { VirtualFs } from '../types';
import type { Redirect, Word } from './ast';
import { DEV_NULL, dirname } from './memory-fs';
import type { Sink } from './transcript';

/**
 * The open descriptors of one command: standard input as text, and a sink per output
 * descriptor (1 stdout, 2 stderr; `null` once closed with `>&-`).
 */
export interface Descriptors {
  stdin: string;
  out: Map<number, Sink | null>;
}

export interface RedirectHost {
  fs: VirtualFs;
  /** A target word, expanded to exactly one (or an ExpansionError: ambiguous redirect). */
  expand(word: Word): string;
  /** A heredoc body: expanded as one text, never split or globbed. */
  expandText(word: Word): string;
  /** Largest file a redirect may produce, in characters. */
  maxFileSize: number;
  /** Where a failing write says so (`write error: File too large`). */
  err: Sink;
}

const discard: Sink = () => undefined;

/**
 * Apply redirects left to right, as bash does: `> f 2>&1` sends both streams to f while
 * `2>&1 > f` sends stderr to the old stdout. Output files are created or truncated up front,
 * even if the command then fails. Returns the bash error text when a redirect cannot be made.
 */
export function applyRedirects(redirects: readonly Redirect[], base: Descriptors, host: RedirectHost): Descriptors | string {
  const fds: Descriptors = { stdin: base.stdin, out: new Map(base.out) };
  for (const r of redirects) {
    const error = apply(r, fds, host);
    if (error !== undefined) return error;
  }
  return fds;
}

function apply(r: Redirect, fds: Descriptors, host: RedirectHost): string | undefined {
  if (r.kind === 'heredoc') {
    if (r.fd === 0) fds.stdin = host.expandText(r.body);
    return undefined;
  }
  const target = host.expand(r.target);
  if (r.kind === 'dup') return duplicate(r.fd, target, fds);
  if (r.mode === 'read') {
    const content = readInput(target, host.fs);
    if (typeof content !== 'string') return content.error;
    if (r.fd === 0) fds.stdin = content;
    return undefined;
  }
  const sink = openOutput(target, r.mode === 'append', host);
  if (typeof sink !== 'function') return sink.error;
  for (const fd of r.fd === -1 ? [1, 2] : [r.fd]) fds.out.set(fd, sink);
  return undefined;
}

/** `N>&M` copies descriptor M; `N>&-` closes N; `>&file` means `&>file` in bash, unsupported here. */
function duplicate(fd: number, target: string, fds: Descriptors): string | undefined {
  if (fd === 0) return undefined;
  if (target === '-') {
    fds.out.set(fd === -1 ? 1 : fd, null);
    return undefined;
  }
  if (!/^\d+$/.test(target)) return `bash: ${target}: ambiguous redirect`;
  const source = fds.out.get(Number(target));
  if (source === undefined) return `bash: ${target}: Bad file descriptor`;
  fds.out.set(fd === -1 ? 1 : fd, source);
  return undefined;
}

function readInput(path: string, fs: VirtualFs): string | { error: string } {
  if (fs.resolve(path || '.') === DEV_NULL) return '';
  if (path !== '' && fs.isDir(path)) return { error: `bash: ${path}: Is a directory` };
  const content = path === '' ? undefined : fs.read(path);
  return content ?? { error: `bash: ${path}: No such file or directory` };
}

function openOutput(path: string, append: boolean, host: RedirectHost): Sink | { error: string } {
  const { fs } = host;
  if (path === '') return { error: `bash: : No such file or directory` };
  const abs = fs.resolve(path);
  if (abs === DEV_NULL) return discard;
  if (fs.isDir(abs)) return { error: `bash: ${path}: Is a directory` };
  const parent = dirname(abs);
  if (!fs.exists(parent)) return { error: `bash: ${path}: No such file or directory` };
  if (!fs.isDir(parent)) return { error: `bash: ${path}: Not a directory` };
  try {
    if (!append || !fs.exists(abs)) fs.write(abs, '');
  } catch (e) {
    return { error: `bash: ${path}: ${e instanceof Error ? e.message : String(e)}` };
  }
  return (text) => {
    const size = fs.read(abs)?.length ?? 0;
    if (size + text.length > host.maxFileSize) {
      host.err(`bash: write error: File too large\n`);
      return;
    }
    fs.append(abs, text);
  };
}
