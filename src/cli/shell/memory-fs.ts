import type { VirtualFs } from '../types';

/** Home directory of the learner's user; `~` expands to it. */
export const HOME_DIR = '/root';

/** The bit bucket: reads as empty, swallows writes. */
export const DEV_NULL = '/dev/null';

/**
 * A file-system failure, carrying the reason text bash and coreutils print after the path
 * (`No such file or directory`), so callers can format `bash: /nope/x: No such file or directory`.
 */
export class FsError extends Error {
  constructor(
    readonly path: string,
    readonly reason: 'No such file or directory' | 'Not a directory' | 'Is a directory' | 'File exists',
  ) {
    super(`${path}: ${reason}`);
    this.name = 'FsError';
  }
}

/** Snapshot of a {@link MemoryFs}: plain JSON, so lab state can be persisted and restored. */
export interface MemoryFsJson {
  cwd: string;
  /** Every directory, absolute, including empty ones. */
  dirs: string[];
  /** Absolute path → file content. */
  files: Record<string, string>;
}

interface DirNode {
  kind: 'dir';
  children: Map<string, Node>;
}
interface FileNode {
  kind: 'file';
  content: string;
}
type Node = DirNode | FileNode;

const newDir = (): DirNode => ({ kind: 'dir', children: new Map() });

/** Normalise an absolute path: collapse `//`, `.` and `..` (`..` at the root stays at the root). */
export function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return '/' + parts.join('/');
}

/** Parent directory of an absolute, normalised path (`/` is its own parent). */
export function dirname(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
}

/** Last component of a path, ignoring trailing slashes. */
export function basename(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1) || '/';
}

/**
 * An in-memory file system for one simulated host. Starts with `/root` (the working directory),
 * `/tmp` and `/dev/null`. Like a real kernel it refuses to create a file inside a missing directory;
 * `mkdir` creates missing parents (the `mkdir` command checks them itself when `-p` is absent).
 */
export class MemoryFs implements VirtualFs {
  private readonly root: DirNode = newDir();
  private current = HOME_DIR;

  constructor() {
    for (const dir of [HOME_DIR, '/tmp', '/dev']) this.mkdir(dir);
    // /dev/null exists as a file, but read() and write() treat it specially.
    (this.lookup('/dev') as DirNode).children.set('null', { kind: 'file', content: '' });
  }

  /** Rebuild a file system from {@link MemoryFs.toJSON} output. */
  static fromJSON(json: MemoryFsJson): MemoryFs {
    const fs = new MemoryFs();
    for (const dir of json.dirs) fs.mkdir(dir);
    for (const [path, content] of Object.entries(json.files)) {
      fs.mkdir(dirname(normalizePath(path)));
      fs.write(path, content);
    }
    fs.current = fs.isDir(json.cwd) ? normalizePath(json.cwd) : HOME_DIR;
    return fs;
  }

  /** Plain-JSON snapshot; directories and files listed in sorted order, so snapshots compare stably. */
  toJSON(): MemoryFsJson {
    const dirs: string[] = [];
    const files: Record<string, string> = {};
    const walk = (dir: DirNode, path: string): void => {
      for (const name of [...dir.children.keys()].sort()) {
        const node = dir.children.get(name)!;
        const child = path === '/' ? `/${name}` : `${path}/${name}`;
        if (node.kind === 'dir') {
          dirs.push(child);
          walk(node, child);
        } else files[child] = node.content;
      }
    };
    walk(this.root, '/');
    return { cwd: this.current, dirs, files };
  }

  cwd(): string {
    return this.current;
  }

  /** @throws FsError when the target is missing or not a directory. */
  chdir(path: string): void {
    const abs = this.resolve(path);
    const node = this.lookup(abs);
    if (!node) throw new FsError(path, 'No such file or directory');
    if (node.kind !== 'dir') throw new FsError(path, 'Not a directory');
    this.current = abs;
  }

  /** `~`, `~/x`, relative and absolute paths, normalised against the working directory. */
  resolve(path: string): string {
    let p = path;
    if (p === '~' || p.startsWith('~/')) p = HOME_DIR + p.slice(1);
    return normalizePath(p.startsWith('/') ? p : `${this.current}/${p}`);
  }

  read(path: string): string | undefined {
    const abs = this.resolve(path);
    if (abs === DEV_NULL) return '';
    const node = this.lookup(abs);
    return node?.kind === 'file' ? node.content : undefined;
  }

  /** @throws FsError when the parent directory is missing or the target is a directory. */
  write(path: string, content: string): void {
    const abs = this.resolve(path);
    if (abs === DEV_NULL) return;
    const parent = this.parentDir(path, abs);
    const name = basename(abs);
    if (parent.children.get(name)?.kind === 'dir') throw new FsError(path, 'Is a directory');
    parent.children.set(name, { kind: 'file', content });
  }

  /** @throws FsError as {@link MemoryFs.write} does. */
  append(path: string, content: string): void {
    this.write(path, (this.read(path) ?? '') + content);
  }

  exists(path: string): boolean {
    const abs = this.resolve(path);
    return this.lookup(abs) !== undefined;
  }

  isDir(path: string): boolean {
    return this.lookup(this.resolve(path))?.kind === 'dir';
  }

  list(path: string): string[] | undefined {
    const node = this.lookup(this.resolve(path));
    if (node?.kind !== 'dir') return undefined;
    return [...node.children.keys()].sort();
  }

  /** Create a directory and any missing parents; an existing directory is left as is. */
  mkdir(path: string): void {
    let dir = this.root;
    for (const part of this.resolve(path).split('/').filter(Boolean)) {
      let next = dir.children.get(part);
      if (!next) dir.children.set(part, (next = newDir()));
      if (next.kind !== 'dir') throw new FsError(path, 'Not a directory');
      dir = next;
    }
  }

  /** Remove a file or a whole directory tree; false when nothing was there. */
  remove(path: string): boolean {
    const abs = this.resolve(path);
    if (abs === '/') return false;
    const parent = this.lookup(dirname(abs));
    if (parent?.kind !== 'dir') return false;
    const removed = parent.children.delete(basename(abs));
    // Removing the working directory (or an ancestor) leaves the shell in a deleted directory;
    // falling back to the root keeps every later relative path meaningful.
    if (removed && (this.current === abs || this.current.startsWith(abs + '/'))) this.current = '/';
    return removed;
  }

  private lookup(abs: string): Node | undefined {
    let node: Node = this.root;
    for (const part of abs.split('/').filter(Boolean)) {
      if (node.kind !== 'dir') return undefined;
      const next: Node | undefined = node.children.get(part);
      if (!next) return undefined;
      node = next;
    }
    return node;
  }

  private parentDir(path: string, abs: string): DirNode {
    const parent = this.lookup(dirname(abs));
    if (!parent) throw new FsError(path, 'No such file or directory');
    if (parent.kind !== 'dir') throw new FsError(path, 'Not a directory');
    return parent;
  }
}
