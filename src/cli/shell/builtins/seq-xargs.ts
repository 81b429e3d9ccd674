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

/**
 * GNU `xargs [-n N] [-I STR] [-r] [-t] [COMMAND [ARGS]]`: run COMMAND (default echo) with the
 * items of standard input as extra arguments. Exit 123 if any run failed, 127 if the command
 * does not exist; like the real one it cannot run shell builtins (`cd`, `export`).
 */
export const xargs: Command = ({ argv, stdin, exec }) => {
  let perRun = Infinity;
  let replace: string | undefined;
  let noEmpty = false;
  let trace = false;
  let i = 0;
  for (; i < argv.length && argv[i]!.startsWith('-'); i++) {
    const arg = argv[i]!;
    if (arg === '-n' || arg === '--max-args') perRun = Number(argv[++i]);
    else if (/^-n\d+$/.test(arg)) perRun = Number(arg.slice(2));
    else if (arg === '-I' || arg === '-i') replace = arg === '-i' ? '{}' : argv[++i];
    else if (arg.startsWith('-I')) replace = arg.slice(2);
    else if (arg === '-r' || arg === '--no-run-if-empty') noEmpty = true;
    else if (arg === '-t' || arg === '--verbose') trace = true;
    else if (arg === '--') {
      i++;
      break;
    } else return fail(`xargs: invalid option -- '${arg.replace(/^-+/, '')}'\nUsage: xargs [OPTION]... COMMAND [INITIAL-ARGS]...\nRun 'xargs --help' for more information.\n`);
  }
  if (!(perRun >= 1)) return fail('xargs: value 0 for -n option should be >= 1\n');
  if (!exec) return fail('xargs: cannot run commands here\n', 126);
  const command = argv.length > i ? argv.slice(i) : ['echo'];
  // -I takes whole lines (leading blanks dropped) and puts each where the string appears.
  const parsed = replace !== undefined ? stdin.split('\n').map((l) => l.replace(/^\s+/, '')).filter((l) => l !== '') : items(stdin);
  if (typeof parsed === 'string') return fail(parsed);
  const runs: string[][] = [];
  if (replace !== undefined) for (const line of parsed) runs.push(command.map((a) => a.split(replace).join(line)));
  else if (parsed.length === 0) {
    if (!noEmpty) runs.push(command);
  } else for (let at = 0; at < parsed.length; at += perRun === Infinity ? parsed.length : perRun) runs.push([...command, ...parsed.slice(at, at + (perRun === Infinity ? parsed.length : perRun))]);
  return runAll(runs, exec, trace);
};

function runAll(runs: string[][], exec: NonNullable<Parameters<Command>[0]['exec']>, trace: boolean): CommandResult {
  const chunks: { stream: 'stdout' | 'stderr'; text: string }[] = [];
  let failed = false;
  for (const argv of runs) {
    if (trace) chunks.push({ stream: 'stderr', text: `${argv.join(' ')}\n` });
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
