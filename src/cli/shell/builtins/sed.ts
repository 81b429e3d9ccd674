/**
 * `sed [-n] [-E] [-i] [-e SCRIPT]... [SCRIPT] [FILE...]`: the stream editor, for the one-liners
 * learners run on kubectl output and manifests (`sed -i 's/nginx:1.27/nginx:1.28/' web.yaml`,
 * `kubectl get pods | sed -n '2,3p'`). Script parsing lives in sed-script.ts.
 */
import type { Command, CommandResult } from '../../types';
import { parseScript, ScriptError, type Address, type SedCommand } from './sed-script';
import { isResult, joinLines, parseOptions, readInputs, splitLines } from './util';

const USAGE = 'Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n';

interface LineState {
  line: string;
  n: number;
  last: boolean;
}

function matches(a: Address, s: LineState): boolean {
  if (a.kind === 'line') return s.n === a.n;
  if (a.kind === 'last') return s.last;
  a.re.lastIndex = 0;
  return a.re.test(s.line);
}

/** Whether a command applies to this line; ranges remember that they are open. */
function selected(c: SedCommand, s: LineState, open: Map<SedCommand, boolean>): boolean {
  let hit: boolean;
  if (!c.from) hit = true;
  else if (!c.to) hit = matches(c.from, s);
  else if (open.get(c)) {
    // A numeric end at or before the current line closes the range on this line.
    hit = true;
    if (c.to.kind === 'line' ? s.n >= c.to.n : matches(c.to, s)) open.set(c, false);
  } else {
    hit = matches(c.from, s);
    if (hit && !(c.to.kind === 'line' && c.to.n <= s.n)) open.set(c, true);
  }
  return hit !== c.negate;
}

/** `&` is the match, `\1`-`\9` the groups, `\n` a newline; other escapes stand for themselves. */
function expand(template: string, match: string, groups: (string | undefined)[]): string {
  return template.replace(/\\(\d)|\\n|\\(.)|&/g, (all, digit: string | undefined, other: string | undefined) => {
    if (digit !== undefined) return groups[Number(digit) - 1] ?? '';
    if (all === '\\n') return '\n';
    if (other !== undefined) return other;
    return match;
  });
}

function substitute(line: string, s: NonNullable<SedCommand['subst']>): { line: string; changed: boolean } {
  let count = 0;
  let changed = false;
  s.re.lastIndex = 0;
  const out = line.replace(s.re, (match: string, ...rest: unknown[]) => {
    count++;
    const take = s.global ? count >= s.occurrence : count === s.occurrence;
    if (!take) return match;
    changed = true;
    const groups = rest.slice(0, -2) as (string | undefined)[];
    return expand(s.replacement, match, groups);
  });
  return { line: out, changed };
}

/** Run the script over one input's lines; `quit` reports a `q` so later inputs are skipped too. */
function run(commands: SedCommand[], lines: string[], quiet: boolean, startAt: number, endsInput: boolean): { out: string[]; quit: boolean } {
  const out: string[] = [];
  const open = new Map<SedCommand, boolean>();
  for (let i = 0; i < lines.length; i++) {
    const state: LineState = { line: lines[i]!, n: startAt + i, last: endsInput && i === lines.length - 1 };
    let deleted = false;
    let quit = false;
    for (const c of commands) {
      if (!selected(c, state, open)) continue;
      if (c.name === 'd') {
        deleted = true;
        break;
      }
      if (c.name === 'p') out.push(state.line);
      else if (c.name === '=') out.push(String(state.n));
      else if (c.name === 'q') {
        quit = true;
        break;
      } else if (c.subst) {
        const r = substitute(state.line, c.subst);
        state.line = r.line;
        if (r.changed && c.subst.print) out.push(state.line);
      }
    }
    if (!deleted && !quiet) out.push(state.line);
    if (quit) return { out, quit: true };
  }
  return { out, quit: false };
}

export const sed: Command = (ctx) => {
  const opts = parseOptions('sed', ctx.argv, { flags: 'nEri', values: 'e', long: { quiet: 'n', silent: 'n', 'regexp-extended': 'E', 'in-place': 'i', expression: 'e' } });
  if (isResult(opts)) return opts;
  const expressions = opts.values.get('e') ?? [];
  if (expressions.length === 0) {
    const script = opts.operands.shift();
    if (script === undefined) return { stdout: '', stderr: USAGE, exitCode: 1 };
    expressions.push(script);
  }
  let commands: SedCommand[];
  try {
    commands = parseScript(expressions, opts.flags.has('E') || opts.flags.has('r'));
  } catch (e) {
    if (e instanceof ScriptError) return { stdout: '', stderr: `sed: ${e.message}\n`, exitCode: 1 };
    throw e;
  }
  const quiet = opts.flags.has('n');
  if (opts.flags.has('i')) return inPlace(ctx.host.fs, commands, quiet, opts.operands);
  const inputs = readInputs('sed', ctx, opts.operands);
  const lines: string[] = [];
  let stderr = '';
  for (const input of inputs) {
    if ('error' in input) stderr += input.error.replace(/^sed: (.*): No such file or directory/, "sed: can't read $1: No such file or directory");
    else lines.push(...splitLines(input.content));
  }
  // Without -i (or -s), sed reads its inputs as one stream: line numbers and `$` span files.
  const { out } = run(commands, lines, quiet, 1, true);
  return { stdout: joinLines(out), stderr, exitCode: stderr ? 2 : 0 };
};

/** `sed -i`: edit each file in place, numbering lines per file. */
function inPlace(fs: Parameters<Command>[0]['host']['fs'], commands: SedCommand[], quiet: boolean, files: string[]): CommandResult {
  if (files.length === 0) return { stdout: '', stderr: 'sed: no input files\n', exitCode: 1 };
  let stderr = '';
  for (const file of files) {
    const content = fs.isDir(file) ? undefined : fs.read(file);
    if (content === undefined) {
      stderr += fs.isDir(file) ? `sed: couldn't edit ${file}: not a regular file\n` : `sed: can't read ${file}: No such file or directory\n`;
      continue;
    }
    fs.write(file, joinLines(run(commands, splitLines(content), quiet, 1, true).out));
  }
  return { stdout: '', stderr, exitCode: stderr ? 2 : 0 };
}
