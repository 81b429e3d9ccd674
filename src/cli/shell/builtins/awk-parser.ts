/**
 * A recursive-descent parser for the awk that one-liners use: BEGIN/END, patterns (expressions,
 * regexes, ranges are not supported), print/printf, if/else, while, for and for-in, next, exit,
 * delete, associative arrays, the usual operators and the common built-in functions.
 */
import { AwkSyntaxError, tokenize, type Token } from './awk-lexer';

export type Expr =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 're'; v: string }
  | { k: 'var'; name: string }
  | { k: 'field'; index: Expr }
  | { k: 'index'; name: string; key: Expr[] }
  | { k: 'assign'; op: string; target: Expr; value: Expr }
  | { k: 'incdec'; op: '++' | '--'; prefix: boolean; target: Expr }
  | { k: 'unary'; op: string; arg: Expr }
  | { k: 'binary'; op: string; left: Expr; right: Expr }
  | { k: 'cond'; test: Expr; then: Expr; else: Expr }
  | { k: 'in'; key: Expr[]; name: string }
  | { k: 'call'; name: string; args: Expr[] }
  | { k: 'group'; expr: Expr };

export type Stmt =
  | { k: 'print'; args: Expr[]; printf: boolean }
  | { k: 'expr'; expr: Expr }
  | { k: 'if'; test: Expr; then: Stmt; else?: Stmt }
  | { k: 'while'; test: Expr; body: Stmt }
  | { k: 'for'; init?: Stmt; test?: Expr; step?: Stmt; body: Stmt }
  | { k: 'forin'; key: string; name: string; body: Stmt }
  | { k: 'block'; body: Stmt[] }
  | { k: 'next' }
  | { k: 'exit'; code?: Expr }
  | { k: 'delete'; name: string; key?: Expr[] };

export interface Rule {
  kind: 'begin' | 'end' | 'main';
  pattern?: Expr;
  /** Undefined means `{ print }`. */
  action?: Stmt[];
}

const COMPARISONS = ['<', '<=', '>', '>=', '==', '!='];

class Parser {
  i = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)]!;
  }

  is(v: string): boolean {
    const t = this.peek();
    return t.t === 'op' && t.v === v;
  }

  take(v: string): boolean {
    if (!this.is(v)) return false;
    this.i++;
    return true;
  }

  expect(v: string): void {
    if (!this.take(v)) this.fail();
  }

  fail(): never {
    const t = this.peek();
    const near = t.t === 'eof' ? 'end of file' : t.t === 'nl' ? 'newline' : String(t.v);
    if (t.t === 'eof') throw new AwkSyntaxError('awk: line 1: missing } near end of file');
    throw new AwkSyntaxError(`awk: line 1: syntax error at or near ${near}`);
  }

  skipTerminators(): void {
    while (this.peek().t === 'nl' || this.is(';')) this.i++;
  }

  skipNewlines(): void {
    while (this.peek().t === 'nl') this.i++;
  }

  program(): Rule[] {
    const rules: Rule[] = [];
    this.skipTerminators();
    while (this.peek().t !== 'eof') {
      if (this.take('BEGIN')) rules.push({ kind: 'begin', action: this.block() });
      else if (this.take('END')) rules.push({ kind: 'end', action: this.block() });
      else if (this.is('{')) rules.push({ kind: 'main', action: this.block() });
      else {
        const pattern = this.expr();
        rules.push(this.is('{') ? { kind: 'main', pattern, action: this.block() } : { kind: 'main', pattern });
      }
      this.skipTerminators();
    }
    return rules;
  }

  block(): Stmt[] {
    this.skipNewlines();
    this.expect('{');
    const body: Stmt[] = [];
    this.skipTerminators();
    while (!this.take('}')) {
      body.push(this.statement());
      this.skipTerminators();
    }
    return body;
  }

  statement(): Stmt {
    if (this.is('{')) return { k: 'block', body: this.block() };
    if (this.take('if')) {
      this.expect('(');
      const test = this.expr();
      this.expect(')');
      this.skipNewlines();
      const then = this.statement();
      const save = this.i;
      this.skipTerminators();
      if (this.take('else')) {
        this.skipNewlines();
        return { k: 'if', test, then, else: this.statement() };
      }
      this.i = save;
      return { k: 'if', test, then };
    }
    if (this.take('while')) {
      this.expect('(');
      const test = this.expr();
      this.expect(')');
      this.skipNewlines();
      return { k: 'while', test, body: this.statement() };
    }
    if (this.take('for')) return this.forStatement();
    if (this.take('next')) return { k: 'next' };
    if (this.take('exit')) return { k: 'exit', ...(this.atEnd() ? {} : { code: this.expr() }) };
    if (this.take('delete')) {
      const name = this.name();
      return this.take('[') ? { k: 'delete', name, key: this.keyList() } : { k: 'delete', name };
    }
    if (this.is('print') || this.is('printf')) {
      const printf = this.peek().t === 'op' && (this.peek() as { v: string }).v === 'printf';
      this.i++;
      const args = this.atEnd() ? [] : this.exprList(true);
      return { k: 'print', args, printf };
    }
    return { k: 'expr', expr: this.expr() };
  }

  forStatement(): Stmt {
    this.expect('(');
    if (this.peek().t === 'name' && this.peek(1).t === 'op' && (this.peek(1) as { v: string }).v === 'in') {
      const key = this.name();
      this.expect('in');
      const name = this.name();
      this.expect(')');
      this.skipNewlines();
      return { k: 'forin', key, name, body: this.statement() };
    }
    const init = this.is(';') ? undefined : ({ k: 'expr', expr: this.expr() } as Stmt);
    this.expect(';');
    const test = this.is(';') ? undefined : this.expr();
    this.expect(';');
    const step = this.is(')') ? undefined : ({ k: 'expr', expr: this.expr() } as Stmt);
    this.expect(')');
    this.skipNewlines();
    return { k: 'for', init, test, step, body: this.statement() };
  }

  atEnd(): boolean {
    const t = this.peek();
    return t.t === 'nl' || t.t === 'eof' || this.is(';') || this.is('}');
  }

  name(): string {
    const t = this.peek();
    if (t.t !== 'name') this.fail();
    this.i++;
    return t.v;
  }

  keyList(): Expr[] {
    const key = [this.expr()];
    while (this.take(',')) key.push(this.expr());
    this.expect(']');
    return key;
  }

  /** print's arguments: `>` there is redirection, which we refuse, so comparisons need parentheses. */
  exprList(inPrint = false): Expr[] {
    const list = [inPrint ? this.ternary(true) : this.expr()];
    while (this.take(',')) list.push(inPrint ? this.ternary(true) : this.expr());
    if (inPrint && (this.is('>') || this.is('>>'))) throw new AwkSyntaxError('awk: output redirection is not supported in this shell');
    return list;
  }

  expr(): Expr {
    return this.ternary(false);
  }

  ternary(noGt: boolean): Expr {
    const test = this.assignment(noGt);
    if (!this.take('?')) return test;
    const then = this.ternary(noGt);
    this.expect(':');
    return { k: 'cond', test, then, else: this.ternary(noGt) };
  }

  assignment(noGt: boolean): Expr {
    const left = this.or(noGt);
    const t = this.peek();
    if (t.t === 'op' && ['=', '+=', '-=', '*=', '/=', '%=', '^='].includes(t.v) && ['var', 'field', 'index'].includes(left.k)) {
      this.i++;
      return { k: 'assign', op: t.v, target: left, value: this.ternary(noGt) };
    }
    return left;
  }

  or(noGt: boolean): Expr {
    let left = this.and(noGt);
    while (this.take('||')) left = { k: 'binary', op: '||', left, right: this.and(noGt) };
    return left;
  }

  and(noGt: boolean): Expr {
    let left = this.inExpr(noGt);
    while (this.take('&&')) left = { k: 'binary', op: '&&', left, right: this.inExpr(noGt) };
    return left;
  }

  inExpr(noGt: boolean): Expr {
    const left = this.match(noGt);
    if (this.take('in')) return { k: 'in', key: [left], name: this.name() };
    return left;
  }

  match(noGt: boolean): Expr {
    let left = this.comparison(noGt);
    while (this.is('~') || this.is('!~')) {
      const op = (this.peek() as { v: string }).v;
      this.i++;
      left = { k: 'binary', op, left, right: this.comparison(noGt) };
    }
    return left;
  }

  comparison(noGt: boolean): Expr {
    const left = this.concat();
    const t = this.peek();
    if (t.t === 'op' && COMPARISONS.includes(t.v) && !(noGt && t.v === '>')) {
      this.i++;
      return { k: 'binary', op: t.v, left, right: this.concat() };
    }
    return left;
  }

  /** Juxtaposition concatenates: `$1 " " $2`. */
  concat(): Expr {
    let left = this.additive();
    while (this.startsOperand()) left = { k: 'binary', op: 'concat', left, right: this.additive() };
    return left;
  }

  startsOperand(): boolean {
    const t = this.peek();
    if (t.t === 'num' || t.t === 'str' || t.t === 'name' || t.t === 'func' || t.t === 're') return true;
    return t.t === 'op' && ['$', '(', '!', '-', '++', '--'].includes(t.v) && !(t.v === '-' || t.v === '!');
  }

  additive(): Expr {
    let left = this.multiplicative();
    while (this.is('+') || this.is('-')) {
      const op = (this.peek() as { v: string }).v;
      this.i++;
      left = { k: 'binary', op, left, right: this.multiplicative() };
    }
    return left;
  }

  multiplicative(): Expr {
    let left = this.unary();
    while (this.is('*') || this.is('/') || this.is('%')) {
      const op = (this.peek() as { v: string }).v;
      this.i++;
      left = { k: 'binary', op, left, right: this.unary() };
    }
    return left;
  }

  unary(): Expr {
    if (this.take('!')) return { k: 'unary', op: '!', arg: this.unary() };
    if (this.take('-')) return { k: 'unary', op: '-', arg: this.unary() };
    if (this.take('+')) return { k: 'unary', op: '+', arg: this.unary() };
    return this.power();
  }

  power(): Expr {
    const base = this.postfix();
    if (this.take('^')) return { k: 'binary', op: '^', left: base, right: this.unary() };
    return base;
  }

  postfix(): Expr {
    if (this.is('++') || this.is('--')) {
      const op = (this.peek() as { v: '++' | '--' }).v;
      this.i++;
      return { k: 'incdec', op, prefix: true, target: this.primary() };
    }
    const e = this.primary();
    if ((this.is('++') || this.is('--')) && ['var', 'field', 'index'].includes(e.k)) {
      const op = (this.peek() as { v: '++' | '--' }).v;
      this.i++;
      return { k: 'incdec', op, prefix: false, target: e };
    }
    return e;
  }

  primary(): Expr {
    const t = this.peek();
    this.i++;
    if (t.t === 'num') return { k: 'num', v: t.v };
    if (t.t === 'str') return { k: 'str', v: t.v };
    if (t.t === 're') return { k: 're', v: t.v };
    if (t.t === 'func') {
      this.expect('(');
      const args = this.is(')') ? [] : this.exprList();
      this.expect(')');
      return { k: 'call', name: t.v, args };
    }
    if (t.t === 'name') return this.take('[') ? { k: 'index', name: t.v, key: this.keyList() } : { k: 'var', name: t.v };
    if (t.t === 'op' && t.v === '$') return { k: 'field', index: this.postfixOperand() };
    if (t.t === 'op' && t.v === '(') {
      const expr = this.expr();
      this.expect(')');
      return { k: 'group', expr };
    }
    this.i--;
    return this.fail();
  }

  /** `$NF`, `$(NF-1)`, `$i++` binds the field, not the increment. */
  postfixOperand(): Expr {
    if (this.take('-')) return { k: 'unary', op: '-', arg: this.primary() };
    return this.primary();
  }
}

export function parseAwk(source: string): Rule[] {
  return new Parser(tokenize(source)).program();
}
