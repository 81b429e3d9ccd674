/**
 * bash's conditional command `[[ EXPR ]]`: its grammar (`!`, `( )`, `&&` and `||` inside, unary
 * file and string tests, binary comparisons) parsed from the tokens between `[[` and `]]`, and
 * its evaluation. Unlike `[`, words are not split or globbed, the right side of `==`/`!=` is a
 * pattern, `=~` an extended regular expression, and the operands of `-eq` and friends arithmetic.
 */
import type { Word } from './ast';
import { ArithmeticError, evaluateArithmetic } from '../../engine/apps/arith';
import { posixToJs, compile, escapeRegExp, PatternError } from './builtins/regex';
import { INTEGER_OPS } from './builtins/test';
import { patternMatches } from './glob';
import { ExpansionError } from './expand';
import { ShellSyntaxError, type Token } from './lexer';
import type { VirtualFs } from '../types';

export type CondExpr =
  | { op: 'and' | 'or'; left: CondExpr; right: CondExpr }
  | { op: 'not'; expr: CondExpr }
  | { op: 'unary'; test: string; arg: Word }
  | { op: 'binary'; test: string; left: Word; right: Word }
  | { op: 'string'; arg: Word };

/** `[[ EXPR ]]` as a command. */
export interface CondCommand {
  kind: 'cond';
  expr: CondExpr;
}

const UNARY = new Set(['-a', '-e', '-f', '-d', '-s', '-r', '-w', '-x', '-h', '-L', '-z', '-n', '-v']);
const BINARY = new Set(['==', '=', '!=', '=~', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

const wordOf = (text: string): Word => ({ parts: [{ kind: 'lit', text, quoted: false }], raw: text });

/** A token's text where it can be an operand or operator (`<` and `>` compare strings here). */
function text(t: Token): string | undefined {
  if (t.type === 'word') return t.word.raw;
  return t.type === 'op' ? t.op : undefined;
}

/** A syntax error inside `[[ ]]`, worded as bash's conditional-command parser words it. */
const condError = (message: string) => new ShellSyntaxError(message === '' ? '' : `bash: ${message}`);
const tokenText = (t: Token | undefined) => (t ? (text(t) ?? '') : ']]');

/** Parses the tokens between `[[` and `]]` (both excluded). */
export function parseCond(tokens: readonly Token[]): CondExpr {
  const parser = new CondParser(tokens);
  const expr = parser.or();
  parser.end();
  return expr;
}

class CondParser {
  #pos = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  end(): void {
    if (this.tokens[this.#pos]) throw condError('syntax error in conditional expression');
  }

  or(): CondExpr {
    let left = this.and();
    while (this.#peekText() === '||') {
      this.#pos++;
      left = { op: 'or', left, right: this.and() };
    }
    return left;
  }

  and(): CondExpr {
    let left = this.term();
    while (this.#peekText() === '&&') {
      this.#pos++;
      left = { op: 'and', left, right: this.term() };
    }
    return left;
  }

  /**
   * One term, as bash's cond_term reads it: a unary operator always takes the next word (so
   * `[[ -n == x ]]` is an error, not a comparison); a word and a binary operator take another.
   * A missing term (`[[ ]]`, `[[ a && ]]`) is an error bash reports with no message.
   */
  term(): CondExpr {
    const first = this.tokens[this.#pos];
    if (!first) throw condError('');
    const head = text(first)!;
    if (head === '!' && first.type === 'word') {
      this.#pos++;
      return { op: 'not', expr: this.term() };
    }
    if (head === '(' && first.type === 'op') {
      this.#pos++;
      const inner = this.or();
      const close = this.tokens[this.#pos];
      if (close?.type !== 'op' || close.op !== ')') throw condError(`unexpected token \`${tokenText(close)}', expected \`)'`);
      this.#pos++;
      return inner;
    }
    if (first.type !== 'word') throw condError(`unexpected token \`${head}' in conditional command`);
    const next = this.tokens[this.#pos + 1];
    if (UNARY.has(head)) {
      if (next?.type !== 'word') throw condError(`unexpected argument \`${tokenText(next)}' to conditional unary operator`);
      this.#pos += 2;
      return { op: 'unary', test: head, arg: next.word };
    }
    const op = next ? text(next) : undefined;
    if (op !== undefined && BINARY.has(op)) {
      this.#pos += 2;
      const right = op === '=~' ? this.#regexWord() : this.#operand();
      return { op: 'binary', test: op, left: first.word, right };
    }
    if (next && !(next.type === 'op' && ['&&', '||', ')'].includes(next.op))) throw condError('conditional binary operator expected');
    this.#pos++;
    return { op: 'string', arg: first.word };
  }

  #operand(): Word {
    const t = this.tokens[this.#pos++];
    if (t?.type !== 'word') throw condError(`unexpected argument \`${tokenText(t)}' to conditional binary operator`);
    return t.word;
  }

  /** `=~`'s right side runs to `&&`, `||` or the end, parentheses and `|` included: `^(a|b)$`. */
  #regexWord(): Word {
    const parts: Word['parts'] = [];
    let raw = '';
    let depth = 0;
    for (let t = this.tokens[this.#pos]; t; t = this.tokens[++this.#pos]) {
      const piece = text(t)!;
      if (depth === 0 && (piece === '&&' || piece === '||' || (piece === ')' && t.type === 'op'))) break;
      if (t.type === 'op') depth += piece === '(' ? 1 : piece === ')' ? -1 : 0;
      parts.push(...(t.type === 'word' ? t.word.parts : wordOf(piece).parts));
      raw += piece;
    }
    if (parts.length === 0) throw condError("unexpected argument `]]' to conditional binary operator");
    return { parts, raw };
  }

  #peekText(): string | undefined {
    const t = this.tokens[this.#pos];
    return t && t.type === 'op' ? t.op : undefined;
  }
}

/** What evaluation needs from the shell. */
export interface CondHost {
  /** A word expanded without splitting or globbing. */
  expand(word: Word): string;
  /** A word expanded as a pattern: its quoted characters escaped to match literally. */
  pattern(word: Word): string;
  lookup(name: string): string | undefined;
  setVar(name: string, value: string): void;
  fs: VirtualFs;
}

/** A failure that ends `[[ ]]` with `status` (2: a bad regex, which bash does not report), with bash's message. */
export class CondError extends Error {
  constructor(
    message: string,
    readonly status = 2,
  ) {
    super(message);
  }
}

/** `[[ ]]`'s exit status (0 true, 1 false, else an error's) and the message to print, if any. */
export function runConditional(expr: CondExpr, host: CondHost): { status: number; message?: string } {
  try {
    return { status: evaluateCond(expr, host) ? 0 : 1 };
  } catch (e) {
    // An expansion error ($(( )) in an operand, a bad substitution) is status 1, as for any command.
    if (e instanceof CondError) return { status: e.status, ...(e.message ? { message: e.message } : {}) };
    if (e instanceof ExpansionError) return { status: 1, message: e.message };
    throw e;
  }
}

export function evaluateCond(expr: CondExpr, host: CondHost): boolean {
  switch (expr.op) {
    case 'and':
      return evaluateCond(expr.left, host) && evaluateCond(expr.right, host);
    case 'or':
      return evaluateCond(expr.left, host) || evaluateCond(expr.right, host);
    case 'not':
      return !evaluateCond(expr.expr, host);
    case 'string':
      return host.expand(expr.arg) !== '';
    case 'unary':
      return unary(expr.test, host.expand(expr.arg), host);
    case 'binary':
      return binary(expr, host);
  }
}

function unary(test: string, value: string, host: CondHost): boolean {
  if (test === '-z') return value === '';
  if (test === '-n') return value !== '';
  if (test === '-v') return host.lookup(value) !== undefined;
  const { fs } = host;
  if (value === '' || !fs.exists(value)) return false;
  if (test === '-d') return fs.isDir(value);
  if (test === '-f') return !fs.isDir(value);
  // A directory always has a size; a file needs content.
  if (test === '-s') return fs.isDir(value) || (fs.read(value) ?? '').length > 0;
  // Symbolic links do not exist in this file system.
  return test !== '-h' && test !== '-L';
}

function binary(expr: Extract<CondExpr, { op: 'binary' }>, host: CondHost): boolean {
  const left = host.expand(expr.left);
  switch (expr.test) {
    case '==':
    case '=':
      return patternMatches(host.pattern(expr.right), left);
    case '!=':
      return !patternMatches(host.pattern(expr.right), left);
    case '<':
      return left < host.expand(expr.right);
    case '>':
      return left > host.expand(expr.right);
    case '=~':
      return regexMatch(left, expr.right, host);
    default:
      return INTEGER_OPS[expr.test]!(arithmetic(left, host), arithmetic(host.expand(expr.right), host));
  }
}

/** Quoted parts of the regex match literally; a match sets BASH_REMATCH (the whole match: no arrays here). */
function regexMatch(value: string, right: Word, host: CondHost): boolean {
  const source = right.parts.map((part) => (part.quoted ? escapeRegExp(host.expand({ parts: [part], raw: '' })) : host.expand({ parts: [part], raw: '' }))).join('');
  let re: RegExp;
  try {
    re = compile(posixToJs(source, true), '');
  } catch (e) {
    if (e instanceof PatternError || e instanceof SyntaxError) throw new CondError('');
    throw e;
  }
  const match = re.exec(value);
  host.setVar('BASH_REMATCH', match?.[0] ?? '');
  return match !== null;
}

function arithmetic(text: string, host: CondHost): number {
  try {
    return evaluateArithmetic(text.trim(), (name) => host.lookup(name));
  } catch (e) {
    // An expansion error, not a syntax error: status 1, as bash gives it.
    if (e instanceof ArithmeticError) throw new CondError(`bash: [[: ${e.message}`, 1);
    throw e;
  }
}
