import { evaluateTest, TestError, type FileProbe } from './test-expr';
import { isRootDirectory, rootDirectories, workingDirectory } from './root-fs';
import type { AppKind, ProcessState } from './types';

/** The outcome of one simple command inside a container. */
export interface CommandOutcome {
  stdout: string;
  stderr: string;
  status: number;
  /** Virtual time the command takes (`sleep`). */
  sleepMs: number;
  /** `exit N` ends the whole shell. */
  exit?: boolean;
}

const done = (stdout = '', stderr = '', status = 0): CommandOutcome => ({ stdout, stderr, status, sleepMs: 0 });

/** Absolute path with `.`/`..` folded. */
export function normalizePath(path: string, cwd = '/'): string {
  const parts: string[] = [];
  for (const p of (path.startsWith('/') ? path : `${cwd}/${path}`).split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return `/${parts.join('/')}`;
}

/**
 * Names directly inside directory `dir`, derived from the file paths a process can see, plus the
 * image's own top-level directories (root-fs.ts), which exist even when empty. Undefined when
 * there is no such directory.
 */
export function listDir(files: Record<string, string>, dir: string, kind?: AppKind): string[] | undefined {
  const prefix = dir === '/' ? '/' : `${dir}/`;
  const names = new Set<string>(dir === '/' && kind ? rootDirectories(kind) : []);
  for (const path of Object.keys(files)) {
    if (path.startsWith(prefix)) names.add(path.slice(prefix.length).split('/')[0]!);
  }
  if (names.size === 0 && !(kind && isRootDirectory(kind, dir))) return undefined;
  return [...names].sort();
}

/** `date` as busybox prints it: `Thu Jan  1 00:00:05 UTC 2026`. */
export function busyboxDate(wallMs: number): string {
  const d = new Date(wallMs);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()]!;
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]!;
  const time = d.toISOString().slice(11, 19);
  return `${day} ${mon} ${String(d.getUTCDate()).padStart(2, ' ')} ${time} UTC ${d.getUTCFullYear()}`;
}

/**
 * Images built on Debian, whose cat and ls are GNU coreutils: their errors are worded otherwise
 * than busybox's (`cat: /x: No such file or directory`, `ls: cannot access '/x': ...`, exit 2).
 */
const GNU_USERLAND: ReadonlySet<string> = new Set(['nginx', 'redis', 'dnsutils']);

/**
 * The shell's complaint about a command the image lacks: busybox ash's `sh: x: not found`, or,
 * where /bin/sh is Debian's dash, `sh: 1: x: not found` (the line of the `sh -c` script).
 */
export function commandNotFound(cmd: string, proc: ProcessState): CommandOutcome {
  return done('', GNU_USERLAND.has(proc.kind) ? `sh: 1: ${cmd}: not found\n` : `sh: ${cmd}: not found\n`, 127);
}

function envText(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([k, v]) => `${k}=${v}\n`)
    .join('');
}

/**
 * The busybox applets the simulated images share: echo, cat, ls, env, printenv, hostname, sleep,
 * true/false, date, exit, test and [. Returns undefined for a command this process does not have.
 */
export function coreutil(argv: string[], proc: ProcessState, wallMs: number): CommandOutcome | undefined {
  const [cmd, ...args] = argv;
  switch (cmd) {
    case 'echo': {
      const noNewline = args[0] === '-n';
      const text = (noNewline ? args.slice(1) : args).join(' ');
      return done(noNewline ? text : `${text}\n`);
    }
    case 'true':
    case ':':
      return done();
    case 'false':
      return done('', '', 1);
    case 'hostname':
      return done(`${proc.hostname}\n`);
    case 'env':
      return done(envText(proc.env));
    case 'printenv':
      if (args.length === 0) return done(envText(proc.env));
      return args.every((a) => a in proc.env) ? done(args.map((a) => `${proc.env[a]}\n`).join('')) : done(args.filter((a) => a in proc.env).map((a) => `${proc.env[a]}\n`).join(''), '', 1);
    case 'date':
      return done(`${busyboxDate(wallMs)}\n`);
    case 'sleep':
      return sleep(args);
    case 'exit':
      return { ...done('', '', Number(args[0] ?? 0) & 255), exit: true };
    case 'cat':
      return cat(args, proc);
    case 'ls':
      return ls(args, proc);
    case 'test':
      return testApplet(args, proc, 'test');
    case '[':
      if (args[args.length - 1] !== ']') return done('', 'sh: [: missing ]\n', 2);
      return testApplet(args.slice(0, -1), proc, '[');
    default:
      return undefined;
  }
}

/** `test` and `[`: status 0 true, 1 false, 2 for an expression it cannot read (test-expr.ts). */
function testApplet(args: string[], proc: ProcessState, name: string): CommandOutcome {
  const cwd = workingDirectory(proc.kind);
  const at = (path: string) => normalizePath(path, cwd);
  const files: FileProbe = {
    exists: (path) => proc.files[at(path)] !== undefined || listDir(proc.files, at(path), proc.kind) !== undefined,
    isDir: (path) => proc.files[at(path)] === undefined && listDir(proc.files, at(path), proc.kind) !== undefined,
    size: (path) => proc.files[at(path)]?.length ?? 0,
  };
  try {
    return evaluateTest(args, files) ? done() : done('', '', 1);
  } catch (e) {
    if (e instanceof TestError) return done('', `sh: ${name}: ${e.message}\n`, 2);
    throw e;
  }
}

/** `sleep infinity`: a hundred years of virtual time, far past any lab, and still JSON in a snapshot. */
const FOREVER_MS = 100 * 365 * 86_400_000;

function sleep(args: string[]): CommandOutcome {
  if (/^inf(inity)?$/i.test(args[0] ?? '')) return { ...done(), sleepMs: FOREVER_MS };
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(args[0] ?? '');
  if (!m) return done('', `sleep: invalid number '${args[0] ?? ''}'\n`, 1);
  const unit = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2]!]!;
  return { ...done(), sleepMs: Math.round(Number(m[1]) * unit) };
}

function cat(args: string[], proc: ProcessState): CommandOutcome {
  const gnu = GNU_USERLAND.has(proc.kind);
  let out = '';
  let err = '';
  for (const a of args) {
    const path = normalizePath(a, workingDirectory(proc.kind));
    const content = proc.files[path];
    if (content !== undefined) out += content;
    else if (listDir(proc.files, path, proc.kind)) err += gnu ? `cat: ${a}: Is a directory\n` : 'cat: read error: Is a directory\n';
    else err += gnu ? `cat: ${a}: No such file or directory\n` : `cat: can't open '${a}': No such file or directory\n`;
  }
  return done(out, err, err ? 1 : 0);
}

/**
 * ls without a terminal: one name per line. As in GNU and busybox ls, files named on the command
 * line come first, then each directory's entries, under a `dir:` heading when more than one
 * operand was given.
 */
function ls(args: string[], proc: ProcessState): CommandOutcome {
  const operands = args.filter((a) => !a.startsWith('-'));
  const given = operands.length ? operands : ['.'];
  const files: string[] = [];
  const dirs: [string, string[]][] = [];
  let err = '';
  for (const a of given) {
    const path = normalizePath(a, workingDirectory(proc.kind));
    if (proc.files[path] !== undefined) {
      files.push(a);
      continue;
    }
    const names = listDir(proc.files, path, proc.kind);
    if (names) dirs.push([a, names]);
    else err += GNU_USERLAND.has(proc.kind) ? `ls: cannot access '${a}': No such file or directory\n` : `ls: ${a}: No such file or directory\n`;
  }
  const headed = given.length > 1;
  const groups = files.length ? [files.sort().map((f) => `${f}\n`).join('')] : [];
  for (const [a, names] of dirs.sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) groups.push(`${headed ? `${a}:\n` : ''}${names.map((n) => `${n}\n`).join('')}`);
  const out = groups.join('\n');
  // GNU ls exits 2 when a command-line argument cannot be accessed; busybox exits 1.
  return done(out, err, err ? (GNU_USERLAND.has(proc.kind) ? 2 : 1) : 0);
}
