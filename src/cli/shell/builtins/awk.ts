/**
 * Messages follow mawk, the awk of Debian-based nodes and images.
 *
 * `awk [-F FS] [-v var=value] 'program' [FILE...]`: the pattern-action language learners use to
 * pick columns out of kubectl tables (`awk '{print $1}'`, `awk 'NR>1 && $3=="Running"'`,
 * `awk '{n[$7]++} END {for (k in n) print k, n[k]}'`). Parsing is in awk-parser.ts.
 */
import type { Command } from '../../types';
import { AwkSyntaxError } from './awk-lexer';
import { parseAwk, type Expr, type Rule, type Stmt } from './awk-parser';
import { sprintf } from './printf';
import { compile, posixToJs } from './regex';
import { isResult, parseOptions, readInputs, splitLines } from './util';

type Value = string | number;
/** Field values and getline input are "strnum": numeric-looking strings compare as numbers. */
const NUMERIC = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;
/** Statements run per record before awk gives up on a runaway loop. */
const MAX_STEPS = 1_000_000;

/** `next` and `exit` unwind the interpreter as exceptions, caught where the record or program ends. */
class Next extends Error {}
class Exit extends Error {
  constructor(readonly code: number) {
    super('exit');
  }
}

function num(v: Value): number {
  if (typeof v === 'number') return v;
  const m = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(v);
  return m ? Number(m[0]) : 0;
}

function str(v: Value): string {
  if (typeof v === 'string') return v;
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(6)));
}

class Interpreter {
  vars = new Map<string, Value>([['OFS', ' '], ['ORS', '\n'], ['NR', 0], ['NF', 0], ['FS', ' '], ['SUBSEP', '\x1c']]);
  arrays = new Map<string, Map<string, Value>>();
  fields: string[] = [''];
  out = '';
  steps = 0;

  constructor(private readonly rules: Rule[]) {}

  setRecord(line: string): void {
    const fs = str(this.vars.get('FS')!);
    const parts = fs === ' ' ? line.trim().split(/[ \t\n]+/).filter(Boolean) : line.split(fs.length === 1 ? fs : new RegExp(fs));
    this.fields = [line, ...(line === '' ? [] : parts)];
    this.vars.set('NF', this.fields.length - 1);
  }

  run(lines: string[]): number {
    try {
      for (const r of this.rules) if (r.kind === 'begin') this.exec(r.action!);
      if (this.rules.some((r) => r.kind !== 'begin')) {
        for (const line of lines) {
          this.vars.set('NR', num(this.vars.get('NR')!) + 1);
          this.setRecord(line);
          this.steps = 0;
          try {
            for (const r of this.rules) if (r.kind === 'main' && (!r.pattern || this.truthy(this.eval(r.pattern)))) this.exec(r.action ?? [{ k: 'print', args: [], printf: false }]);
          } catch (e) {
            if (!(e instanceof Next)) throw e;
          }
        }
      }
      for (const r of this.rules) if (r.kind === 'end') this.exec(r.action!);
      return 0;
    } catch (e) {
      if (e instanceof Exit) return e.code;
      throw e;
    }
  }

  exec(body: Stmt[]): void {
    for (const s of body) this.stmt(s);
  }

  stmt(s: Stmt): void {
    if (++this.steps > MAX_STEPS) throw new AwkSyntaxError('awk: program ran too long (infinite loop?)');
    switch (s.k) {
      case 'print':
        this.out += this.print(s);
        return;
      case 'expr':
        this.eval(s.expr);
        return;
      case 'if':
        if (this.truthy(this.eval(s.test))) this.stmt(s.then);
        else if (s.else) this.stmt(s.else);
        return;
      case 'while':
        while (this.truthy(this.eval(s.test))) this.stmt(s.body);
        return;
      case 'for':
        for (s.init && this.stmt(s.init); !s.test || this.truthy(this.eval(s.test)); s.step && this.stmt(s.step)) this.stmt(s.body);
        return;
      case 'forin':
        for (const key of [...this.array(s.name).keys()]) {
          this.vars.set(s.key, key);
          this.stmt(s.body);
        }
        return;
      case 'block':
        this.exec(s.body);
        return;
      case 'next':
        throw new Next();
      case 'exit':
        throw new Exit(s.code ? num(this.eval(s.code)) : 0);
      case 'delete':
        if (s.key) this.array(s.name).delete(this.key(s.key));
        else this.array(s.name).clear();
    }
  }

  print(s: Extract<Stmt, { k: 'print' }>): string {
    const values = s.args.map((a) => this.eval(a));
    if (s.printf) {
      const [format, ...rest] = values;
      return sprintf(str(format ?? ''), rest.map(str));
    }
    const text = values.length === 0 ? this.fields[0]! : values.map(str).join(str(this.vars.get('OFS')!));
    return text + str(this.vars.get('ORS')!);
  }

  array(name: string): Map<string, Value> {
    let a = this.arrays.get(name);
    if (!a) this.arrays.set(name, (a = new Map<string, Value>()));
    return a;
  }

  key(parts: Expr[]): string {
    return parts.map((p) => str(this.eval(p))).join(str(this.vars.get('SUBSEP')!));
  }

  truthy(v: Value): boolean {
    return typeof v === 'number' ? v !== 0 : v !== '';
  }

  get(e: Expr): Value {
    if (e.k === 'var') return e.name === 'length' ? this.fields[0]!.length : (this.vars.get(e.name) ?? '');
    if (e.k === 'field') return this.fields[num(this.eval(e.index))] ?? '';
    if (e.k === 'index') return this.array(e.name).get(this.key(e.key)) ?? '';
    return this.eval(e);
  }

  set(e: Expr, v: Value): Value {
    if (e.k === 'var') this.vars.set(e.name, v);
    else if (e.k === 'index') this.array(e.name).set(this.key(e.key), v);
    else if (e.k === 'field') this.setField(num(this.eval(e.index)), str(v));
    return v;
  }

  setField(i: number, v: string): void {
    if (i === 0) return this.setRecord(v);
    while (this.fields.length <= i) this.fields.push('');
    this.fields[i] = v;
    this.vars.set('NF', this.fields.length - 1);
    this.fields[0] = this.fields.slice(1).join(str(this.vars.get('OFS')!));
  }

  eval(e: Expr): Value {
    switch (e.k) {
      case 'num':
      case 'str':
        return e.v;
      case 're':
        return this.regex(e.v).test(this.fields[0]!) ? 1 : 0;
      case 'var':
      case 'field':
      case 'index':
        return this.get(e);
      case 'group':
        return this.eval(e.expr);
      case 'assign': {
        const value = this.eval(e.value);
        if (e.op === '=') return this.set(e.target, value);
        return this.set(e.target, arithmetic(e.op.slice(0, -1), num(this.get(e.target)), num(value)));
      }
      case 'incdec': {
        const before = num(this.get(e.target));
        const after = e.op === '++' ? before + 1 : before - 1;
        this.set(e.target, after);
        return e.prefix ? after : before;
      }
      case 'unary': {
        const v = this.eval(e.arg);
        return e.op === '!' ? (this.truthy(v) ? 0 : 1) : e.op === '-' ? -num(v) : num(v);
      }
      case 'cond':
        return this.truthy(this.eval(e.test)) ? this.eval(e.then) : this.eval(e.else);
      case 'in':
        return this.array(e.name).has(this.key(e.key)) ? 1 : 0;
      case 'call':
        return this.call(e.name, e.args);
      case 'binary':
        return this.binary(e);
    }
  }

  binary(e: Extract<Expr, { k: 'binary' }>): Value {
    if (e.op === '&&') return this.truthy(this.eval(e.left)) && this.truthy(this.eval(e.right)) ? 1 : 0;
    if (e.op === '||') return this.truthy(this.eval(e.left)) || this.truthy(this.eval(e.right)) ? 1 : 0;
    const left = this.eval(e.left);
    if (e.op === '~' || e.op === '!~') {
      const re = e.right.k === 're' ? this.regex(e.right.v) : this.regex(str(this.eval(e.right)));
      return re.test(str(left)) === (e.op === '~') ? 1 : 0;
    }
    const right = this.eval(e.right);
    if (e.op === 'concat') return str(left) + str(right);
    if (['<', '<=', '>', '>=', '==', '!='].includes(e.op)) return compare(e.op, left, right, this.isStrnum(e.left), this.isStrnum(e.right)) ? 1 : 0;
    return arithmetic(e.op, num(left), num(right));
  }

  /** Constants and computed numbers compare as numbers; fields and variables when they look numeric. */
  isStrnum(e: Expr): boolean {
    return e.k === 'field' || e.k === 'var' || e.k === 'index' || e.k === 'group';
  }

  regex(source: string): RegExp {
    return compile(posixToJs(source, true), '');
  }

  call(name: string, args: Expr[]): Value {
    const a = (i: number) => (args[i] ? this.eval(args[i]) : '');
    switch (name) {
      case 'length':
      {
        const arg = args[0];
        if (!arg) return this.fields[0]!.length;
        return arg.k === 'var' && this.arrays.has(arg.name) ? this.array(arg.name).size : str(a(0)).length;
      }
      case 'substr': {
        const s = str(a(0));
        const start = Math.round(num(a(1)));
        const len = args.length > 2 ? Math.round(num(a(2))) : Infinity;
        const from = Math.max(start, 1);
        const to = Math.min(start + len, s.length + 1);
        return to > from ? s.slice(from - 1, to - 1) : '';
      }
      case 'index':
        return str(a(0)).indexOf(str(a(1))) + 1;
      case 'toupper':
        return str(a(0)).toUpperCase();
      case 'tolower':
        return str(a(0)).toLowerCase();
      case 'int':
        return Math.trunc(num(a(0)));
      case 'sprintf':
        return sprintf(str(a(0)), args.slice(1).map((x) => str(this.eval(x))));
      case 'split': {
        const parts = str(a(0)).split(args.length > 2 ? str(a(2)) : /[ \t]+/).filter((p, i, all) => p !== '' || (i > 0 && i < all.length - 1));
        const target = args[1]?.k === 'var' ? args[1].name : '';
        const arr = this.array(target);
        arr.clear();
        parts.forEach((p, i) => arr.set(String(i + 1), p));
        return parts.length;
      }
      case 'sub':
      case 'gsub':
        return this.substitute(name === 'gsub', args);
      case 'match': {
        const m = this.regex(args[1]?.k === 're' ? args[1].v : str(a(1))).exec(str(a(0)));
        this.vars.set('RSTART', m ? m.index + 1 : 0);
        this.vars.set('RLENGTH', m ? m[0].length : -1);
        return m ? m.index + 1 : 0;
      }
    }
    return '';
  }

  substitute(global: boolean, args: Expr[]): number {
    const source = args[0]?.k === 're' ? args[0].v : str(this.eval(args[0]!));
    const re = compile(posixToJs(source, true), global ? 'g' : '');
    const whole: Expr = { k: 'field', index: { k: 'num', v: 0 } };
    const target = args[2] ?? whole;
    const replacement = str(this.eval(args[1]!));
    let count = 0;
    const result = str(this.get(target)).replace(re, (m) => {
      count++;
      return replacement.replace(/\\&|&/g, (x) => (x === '&' ? m : '&'));
    });
    if (count > 0) this.set(target, result);
    return count;
  }
}

function arithmetic(op: string, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '%':
      return a % b;
    default:
      return a ** b;
  }
}

function compare(op: string, a: Value, b: Value, aStrnum: boolean, bStrnum: boolean): boolean {
  const numeric = (v: Value, strnum: boolean) => typeof v === 'number' || (strnum && NUMERIC.test(v));
  const both = numeric(a, aStrnum) && numeric(b, bStrnum);
  const x = both ? num(a) : str(a);
  const y = both ? num(b) : str(b);
  switch (op) {
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    case '>=':
      return x >= y;
    case '==':
      return x === y;
    default:
      return x !== y;
  }
}

export const awk: Command = (ctx) => {
  const opts = parseOptions('awk', ctx.argv, { values: 'Fv', long: { 'field-separator': 'F', assign: 'v' }, usageExit: 2 });
  if (isResult(opts)) return opts;
  const program = opts.operands.shift();
  if (program === undefined) return { stdout: '', stderr: "usage: awk [-F fs][-v var=value][prog | -f progfile][file ...]\n", exitCode: 2 };
  let rules: Rule[];
  try {
    rules = parseAwk(program);
  } catch (e) {
    if (e instanceof AwkSyntaxError) return { stdout: '', stderr: `${e.message}\n`, exitCode: 2 };
    throw e;
  }
  const vm = new Interpreter(rules);
  const fs = opts.values.get('F')?.at(-1);
  if (fs !== undefined) vm.vars.set('FS', fs === 't' ? '\t' : fs);
  for (const assignment of opts.values.get('v') ?? []) {
    const eq = assignment.indexOf('=');
    if (eq > 0) vm.vars.set(assignment.slice(0, eq), assignment.slice(eq + 1));
  }
  let stderr = '';
  const lines: string[] = [];
  for (const input of readInputs('awk', ctx, opts.operands)) {
    if ('error' in input) stderr += input.error.replace(/^awk: (.*): No such file or directory/, 'awk: cannot open $1 (No such file or directory)');
    else lines.push(...splitLines(input.content));
  }
  if (stderr) return { stdout: '', stderr, exitCode: 2 };
  try {
    const code = vm.run(lines);
    return { stdout: vm.out, stderr: '', exitCode: code };
  } catch (e) {
    if (e instanceof AwkSyntaxError) return { stdout: vm.out, stderr: `${e.message}\n`, exitCode: 2 };
    throw e;
  }
};
