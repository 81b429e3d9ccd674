import { type Command, type CommandResult, fail, ok } from '../../types';

const SEQ_USAGE = "Try 'seq --help' for more information.\n";

/**
 * GNU `seq [-s SEP] [-w] [FIRST [INCREMENT]] LAST`: numbers from FIRST to LAST, printed with as
 * many decimals as the most precise argument has, as seq does for plain decimal arguments.
 */
export const seq: Command = ({ argv }) => {
  let separator = '\n';
  let equalWidth = false;
  const operands: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-w' || arg === '--equal-width') equalWidth = true;
    else if (arg === '-s' || arg === '--separator') separator = argv[++i] ?? '';
    else if (arg.startsWith('-s') && arg.length > 2) separator = arg.slice(2);
    else operands.push(arg);
  }
  if (operands.length === 0) return fail(`seq: missing operand\n${SEQ_USAGE}`);
  if (operands.length > 3) return fail(`seq: extra operand '${operands[3]}'\n${SEQ_USAGE}`);
  const bad = operands.find((o) => !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(o));
  if (bad !== undefined) return fail(`seq: invalid floating point argument: '${bad}'\n${SEQ_USAGE}`);
  const [first, step, last] = operands.length === 1 ? ['1', '1', operands[0]!] : operands.length === 2 ? [operands[0]!, '1', operands[1]!] : (operands as [string, string, string]);
  if (Number(step) === 0) return fail(`seq: invalid Zero increment value: '${step}'\n${SEQ_USAGE}`);
  const decimals = Math.max(...[first, step].map((n) => (n.includes('.') ? n.length - n.indexOf('.') - 1 : 0)));
  const values: string[] = [];
  const [a, d, b] = [Number(first), Number(step), Number(last)];
  for (let i = 0; values.length < 1_000_000; i++) {
    const v = a + i * d;
    if (d > 0 ? v > b + 1e-9 : v < b - 1e-9) break;
    values.push(v.toFixed(decimals));
  }
  const width = equalWidth ? Math.max(...values.map((v) => v.replace('-', '').length)) : 0;
  const padded = values.map((v) => (v.startsWith('-') ? `-${v.slice(1).padStart(width, '0')}` : v.padStart(width, '0')));
  return ok(padded.length === 0 ? '' : `${padded.join(separator)}\n`);
};

/** Split xargs input into items: blanks and newlines separate, quotes and backslashes group. */
function items(input: string): string[] | string {
  const out: string[] = [];
  let current = '';
  let inItem = false;
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (c === '"' || c === "'") {
      const end = input.indexOf(c, i + 1);
      const newline = input.indexOf('\n', i + 1);
      if (end < 0 || (newline >= 0 && newline < end)) {
        return `xargs: unmatched ${c === '"' ? 'double' : 'single'} quote; by default quotes are special to xargs unless you use the -0 option\n`;
      }
      current += input.slice(i + 1, end);
      inItem = true;
      i = end;
    } else if (c === '\\' && i + 1 < input.length) {
      current += input[++i];
      inItem = true;
    } else if (/\s/.test(c)) {
      if (inItem) out.push(current);
      current = '';
      inItem = false;
    } else {
      current += c;
      inItem = true;
    }
  }
  if (inItem) out.push(current);
  return out;
}

const XARGS_TRY = "Try 'xargs --help' for more information.\n";

interface XargsOptions {
  perRun: number;
  linesPerRun?: number;
  replace?: string;
  delimiter?: string;
  noEmpty: boolean;
  trace: boolean;
  command: string[];
}

/** Options that take a value, short and long. */
const XARGS_VALUE = new Map([['n', 'max-args'], ['I', 'replace'], ['L', 'max-lines'], ['d', 'delimiter'], ['P', 'max-procs'], ['s', 'max-chars'], ['E', 'eof']]);
const XARGS_FLAGS = new Set(['r', 't', '0', 'x', 'p']);

/** getopt over xargs's options: clusters (`-rn1`), attached or separate values, long forms. */
function xargsOptions(argv: string[]): XargsOptions | string {
  const o: XargsOptions = { perRun: Infinity, noEmpty: false, trace: false, command: [] };
  const set = (key: string, value: string): string | undefined => {
    if (key === 'n' || key === 'L') {
      if (!/^\d+$/.test(value)) return `xargs: invalid number "${value}" for -${key} option\n${XARGS_TRY}`;
      if (Number(value) < 1) return `xargs: value ${value} for -${key} option should be >= 1\n${XARGS_TRY}`;
      if (key === 'n') o.perRun = Number(value);
      else o.linesPerRun = Number(value);
    } else if (key === 'I') o.replace = value;
    else if (key === 'd') o.delimiter = value.replace(/^\\n$/, '\n').replace(/^\\t$/, '\t');
    return undefined;
  };
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    if (arg.startsWith('--')) {
      const [name, inline] = arg.includes('=') ? [arg.slice(2, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg.slice(2), undefined];
      const short = [...XARGS_VALUE].find(([, long]) => long === name)?.[0];
      if (name === 'no-run-if-empty') o.noEmpty = true;
      else if (name === 'verbose') o.trace = true;
      else if (name === 'null') o.delimiter = '\0';
      else if (short) {
        const value = inline ?? argv[++i];
        if (value === undefined) return `xargs: option '--${name}' requires an argument\n${XARGS_TRY}`;
        const error = set(short, value);
        if (error) return error;
      } else return `xargs: unrecognized option '${arg}'\n${XARGS_TRY}`;
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const c = arg[j]!;
      if (c === 'i') o.replace = arg.slice(j + 1) || '{}';
      else if (XARGS_VALUE.has(c)) {
        const value = arg.length > j + 1 ? arg.slice(j + 1) : argv[++i];
        if (value === undefined) return `xargs: option requires an argument -- '${c}'\n${XARGS_TRY}`;
        if (c === 'I' && o.perRun !== Infinity) o.perRun = Infinity;
        const error = set(c, value);
        if (error) return error;
      } else if (XARGS_FLAGS.has(c)) {
        if (c === 'r') o.noEmpty = true;
        if (c === 't') o.trace = true;
        if (c === '0') o.delimiter = '\0';
        continue;
      } else return `xargs: invalid option -- '${c}'\n${XARGS_TRY}`;
      break;
    }
  }
  o.command = argv.length > i ? argv.slice(i) : ['echo'];
  return o;
}

/**
 * GNU `xargs [-n N] [-L N] [-I STR] [-d DELIM] [-0] [-r] [-t] [COMMAND [ARGS]]`: run COMMAND
 * (default echo) with the items of standard input as extra arguments. Exit 123 if any run
 * failed, 127 if the command does not exist; like the real one it cannot run shell builtins
 * (`cd`, `export`). -P and -s are accepted; runs happen one after another.
 */
export const xargs: Command = ({ argv, stdin, exec }) => {
  const o = xargsOptions(argv);
  if (typeof o === 'string') return fail(o);
  if (!exec) return fail('xargs: cannot run commands here\n', 126);
  const warning = o.replace !== undefined && argv.some((a) => /^-[^-]*n|^--max-args/.test(a)) ? 'xargs: warning: options --max-args and --replace/-I/-i are mutually exclusive, ignoring previous --max-args value\n' : '';
  // -I and -L take whole lines (-I drops leading blanks); -d and -0 split on their delimiter only.
  const lines = stdin.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1);
  const parsed =
    o.delimiter !== undefined ? stdin.split(o.delimiter).filter((x, i, all) => x !== '' || i < all.length - 1)
    : o.replace !== undefined ? lines.map((l) => l.replace(/^\s+/, '')).filter((l) => l !== '')
    : items(stdin);
  if (typeof parsed === 'string') return fail(parsed);
  const runs: string[][] = [];
  if (o.replace !== undefined) for (const line of parsed) runs.push(o.command.map((a) => a.split(o.replace!).join(line)));
  else if (o.linesPerRun !== undefined) {
    const byLine = lines.map((l) => items(l)).filter((x): x is string[] => typeof x !== 'string' && x.length > 0);
    for (let at = 0; at < byLine.length; at += o.linesPerRun) runs.push([...o.command, ...byLine.slice(at, at + o.linesPerRun).flat()]);
  } else if (parsed.length === 0) {
    if (!o.noEmpty) runs.push(o.command);
  } else {
    const size = o.perRun === Infinity ? parsed.length : o.perRun;
    for (let at = 0; at < parsed.length; at += size) runs.push([...o.command, ...parsed.slice(at, at + size)]);
  }
  const result = runAll(runs, exec, o.trace);
  return warning ? { ...result, stderr: warning + result.stderr, chunks: [{ stream: 'stderr', text: warning }, ...(result.chunks ?? [])] } : result;
};

/** An argument as xargs -t shows it: quoted for a shell when it needs to be (gnulib's shell-escape style). */
function shellQuote(arg: string): string {
  if (arg === '') return "''";
  const special = /[\s!"$&()*;<=>?[\\^`|']/.test(arg) || /^[#~]/.test(arg) || arg === '{' || arg === '}';
  return special ? `'${arg.replace(/'/g, "'\\''")}'` : arg;
}

function runAll(runs: string[][], exec: NonNullable<Parameters<Command>[0]['exec']>, trace: boolean): CommandResult {
  const chunks: { stream: 'stdout' | 'stderr'; text: string }[] = [];
  let failed = false;
  for (const argv of runs) {
    if (trace) chunks.push({ stream: 'stderr', text: `${argv.map(shellQuote).join(' ')}\n` });
    const result = exec(argv, '');
    if (!result) {
      chunks.push({ stream: 'stderr', text: `xargs: ${argv[0]}: No such file or directory\n` });
      return collect(chunks, 127);
    }
    chunks.push(...(result.chunks ?? [{ stream: 'stdout' as const, text: result.stdout }, { stream: 'stderr' as const, text: result.stderr }]));
    if (result.exitCode === 255) {
      chunks.push({ stream: 'stderr', text: `xargs: ${argv[0]}: exited with status 255; aborting\n` });
      return collect(chunks, 124);
    }
    if (result.exitCode !== 0) failed = true;
  }
  return collect(chunks, failed ? 123 : 0);
}

function collect(chunks: { stream: 'stdout' | 'stderr'; text: string }[], exitCode: number): CommandResult {
  const kept = chunks.filter((c) => c.text !== '');
  const text = (stream: 'stdout' | 'stderr') => kept.filter((c) => c.stream === stream).map((c) => c.text).join('');
  return { stdout: text('stdout'), stderr: text('stderr'), exitCode, chunks: kept };
}
