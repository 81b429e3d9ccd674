import type { AndOr, CaseClause, FunctionDef, ForLoop, Group, IfClause, List, Pipeline, Redirect, ShellCommand, SimpleCommand, WhileLoop, Word } from './ast';
import { parseCond, type CondCommand } from './cond';
import { IncompleteInputError, Lexer, ShellSyntaxError, type Token } from './lexer';
import { isOp, isWord, toAssignment, unexpected, unsupported } from './parse-words';

export { IncompleteInputError, ShellSyntaxError } from './lexer';

/** A parsed script: the complete lines before any error, the error text, and heredoc warnings. */
export interface ParsedScript {
  /** Top-level lines in order; bash runs each one before it parses the next. */
  lines: List[];
  /** The bash message for the first syntax error; lines after it never run. */
  error?: string;
  warnings: string[];
}

const REDIRECT_OPS = new Set(['<', '>', '>>', '>|', '&>', '&>>', '>&', '<&', '<<', '<<-', '<<<']);
/** Compound-command keywords this shell does not run; it says so up front. */
const UNSUPPORTED = new Set(['select']);
/** Reserved words that only continue a compound command: at the start of a command they are bash's syntax error. */
const CONTINUATIONS = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', '}', 'esac', ']]']);
const COMPOUND = new Set(['for', 'while', 'until', 'if']);

/**
 * Parse a whole script as `bash -c` would run it. Never throws: a syntax error or an unexpected
 * end of input becomes `error` (exit status 2), after the lines that parsed cleanly.
 */
export function parseScript(source: string, aliases: ReadonlyMap<string, string> = NO_ALIASES): ParsedScript {
  return parse(source, true, aliases);
}

const NO_ALIASES: ReadonlyMap<string, string> = new Map();

/**
 * True when `source` stops in the middle of a construct (open quote, `$(` or `${`, heredoc
 * without its terminator, trailing `|`, `&&`, `||` or `\`), so a terminal should read another
 * line. A syntax error is complete: running it shows the error.
 */
export function isIncomplete(source: string): boolean {
  try {
    parse(source, false);
    return false;
  } catch (e) {
    if (e instanceof IncompleteInputError) return true;
    throw e;
  }
}

function parse(source: string, lenient: boolean, aliases: ReadonlyMap<string, string> = NO_ALIASES): ParsedScript {
  const lexer = new Lexer(source, (inner) => new Parser(inner, aliases).substitution(), lenient);
  const parser = new Parser(lexer, aliases);
  const lines: List[] = [];
  try {
    for (let line = parser.line(); line; line = parser.line()) lines.push(line);
    return { lines, warnings: lexer.warnings };
  } catch (e) {
    if (e instanceof ShellSyntaxError) return { lines, error: e.message, warnings: lexer.warnings };
    if (!(e instanceof IncompleteInputError) || !lenient) throw e;
    const error = /^['"}]$/.test(e.what)
      ? `bash: unexpected EOF while looking for matching \`${e.what === '}' ? '}' : e.what}'`
      : 'bash: syntax error: unexpected end of file';
    return { lines, error, warnings: lexer.warnings };
  }
}

/** Recursive-descent parser over the pull lexer, with one token of lookahead. */
class Parser {
  private peeked: Token | undefined;
  /** Tokens of an alias's text, read before the lexer's next ones. */
  private readonly pending: Token[] = [];

  constructor(
    private readonly lexer: Lexer,
    private readonly aliases: ReadonlyMap<string, string> = NO_ALIASES,
  ) {}

  /** The next top-level line (up to a newline), or undefined at the end of input. */
  line(): List | undefined {
    while (this.peek().type === 'newline') this.take();
    if (this.peek().type === 'eof') return undefined;
    return this.list('line');
  }

  /** The body of `$(...)`; consumes the closing parenthesis. */
  substitution(): List {
    const body = this.list(')');
    const close = this.take();
    if (close.type === 'eof') throw new IncompleteInputError(')');
    return body;
  }

  private peek(): Token {
    return (this.peeked ??= this.pending.shift() ?? this.lexer.next());
  }

  /**
   * A command's first word that names an alias (unquoted, not being expanded already) is replaced
   * by the alias's text, read as tokens; its own first word may name another alias.
   */
  private expandAlias(): void {
    const expanding = new Set<string>();
    for (;;) {
      const t = this.peek();
      const name = t.type === 'word' && /^[A-Za-z0-9_.@%+:,!/-]+$/.test(t.word.raw) ? t.word.raw : undefined;
      const text = name === undefined || expanding.has(name) ? undefined : this.aliases.get(name);
      if (name === undefined || text === undefined) return;
      expanding.add(name);
      this.take();
      const lexer = new Lexer(text, (inner) => new Parser(inner, this.aliases).substitution(), true);
      const tokens: Token[] = [];
      for (let next = lexer.next(); next.type !== 'eof'; next = lexer.next()) tokens.push(next);
      this.pending.unshift(...tokens);
    }
  }


  private take(): Token {
    const token = this.peek();
    this.peeked = undefined;
    return token;
  }

  /**
   * And-or lists separated by `;`/`&`. A newline ends a top-level line; a `$(...)` body runs to
   * its `)`, and the parts of a compound command to one of its keywords (`do`, `done`, `then`,
   * `elif`, `else`, `fi`), newlines included. The end itself is left unconsumed.
   */
  private list(end: 'line' | ')' | readonly string[]): List {
    const nested = end !== 'line';
    // An end is a keyword, or (`;;` in a case item) an operator.
    const atEnd = (t: Token) => (end === ')' ? isOp(t, ')') : Array.isArray(end) && ((t.type === 'word' && end.includes(t.word.raw)) || (t.type === 'op' && end.includes(t.op))));
    const list: List = [];
    for (;;) {
      if (nested) while (this.peek().type === 'newline') this.take();
      const t = this.peek();
      if (t.type === 'eof') {
        if (nested) throw new IncompleteInputError(end === ')' ? ')' : end[0]!);
        return list;
      }
      if (atEnd(t)) return list;
      if (!nested && t.type === 'newline') {
        this.take();
        return list;
      }
      list.push(this.andOr());
      const sep = this.peek();
      if (isOp(sep, ';') || isOp(sep, '&')) this.take();
      else if (sep.type !== 'newline' && sep.type !== 'eof' && !atEnd(sep)) throw unexpected(sep);
    }
  }

  /** A non-empty list up to one of `ends`, whose keyword is then taken and returned. */
  private clause(ends: readonly string[]): { body: List; end: string } {
    const body = this.list(ends);
    const end = this.take();
    if (body.length === 0) throw unexpected(end);
    return { body, end: (end as Token & { type: 'word' }).word.raw };
  }

  /** `while`/`until` (already seen) CONDITION `do` BODY `done`. */
  private whileLoop(until: boolean): WhileLoop {
    const condition = this.clause(['do']).body;
    const body = this.clause(['done']).body;
    return { kind: 'while', until, condition, body };
  }

  /** `if` (already seen) CONDITION `then` BODY, then `elif` clauses, an `else`, and `fi`. */
  private ifClause(): IfClause {
    const branches: IfClause['branches'] = [];
    for (;;) {
      const condition = this.clause(['then']).body;
      const { body, end } = this.clause(['elif', 'else', 'fi']);
      branches.push({ condition, body });
      if (end === 'fi') return { kind: 'if', branches };
      if (end === 'else') return { kind: 'if', branches, otherwise: this.clause(['fi']).body };
    }
  }

  /** `for NAME in WORDS; do LIST; done` (the `for` already seen). */
  private forLoop(): ForLoop {
    const name = this.take();
    if (name.type !== 'word') throw unexpected(name);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name.word.raw)) throw new ShellSyntaxError(`bash: \`${name.word.raw}': not a valid identifier`);
    // Without `in WORDS` the loop runs over "$@".
    const words: Word[] = isWord(this.peek(), 'in') ? [] : [{ parts: [{ kind: 'param', name: '@', quoted: true }], raw: '"$@"' }];
    if (isWord(this.peek(), 'in')) {
      this.take();
      while (this.peek().type === 'word') words.push((this.take() as Token & { type: 'word' }).word);
    }
    this.separators();
    const doWord = this.take();
    if (!isWord(doWord, 'do')) throw unexpected(doWord);
    return { kind: 'for', name: name.word.raw, words, body: this.clause(['done']).body };
  }

  /** The `;` or newlines between a loop's word list and its `do`; input may end there for now. */
  private separators(): void {
    if (isOp(this.peek(), ';')) this.take();
    while (this.peek().type === 'newline') this.take();
    if (this.peek().type === 'eof') throw new IncompleteInputError('do');
  }

  private andOr(): AndOr {
    const node: AndOr = { first: this.pipeline(), rest: [] };
    for (let t = this.peek(); isOp(t, '&&') || isOp(t, '||'); t = this.peek()) {
      this.take();
      this.continuation();
      node.rest.push({ op: t.op as '&&' | '||', pipeline: this.pipeline() });
    }
    return node;
  }

  private pipeline(): Pipeline {
    const first = this.peek();
    const negated = first.type === 'word' && first.word.raw === '!';
    if (negated) this.take();
    const commands: ShellCommand[] = [this.command()];
    while (isOp(this.peek(), '|')) {
      this.take();
      this.continuation();
      commands.push(this.command());
    }
    return { negated, commands };
  }

  /** After `|`, `&&` or `||` a command must follow, possibly on a later line. */
  private continuation(): void {
    while (this.peek().type === 'newline') this.take();
    if (this.peek().type === 'eof') throw new IncompleteInputError('operator');
  }

  private command(): ShellCommand {
    if (this.aliases.size > 0) this.expandAlias();
    const first = this.peek();
    if (first.type === 'word' && COMPOUND.has(first.word.raw)) {
      this.take();
      return this.withRedirects(first.word.raw === 'for' ? this.forLoop() : first.word.raw === 'if' ? this.ifClause() : this.whileLoop(first.word.raw === 'until'));
    }
    if (isOp(first, '(') && this.peeked === first) {
      // `((` opens an arithmetic command; the lexer stands right after the first `(`.
      const expr = this.lexer.arithmeticCommand();
      if (expr !== undefined) {
        this.take();
        return this.withRedirects({ kind: 'arith', expr });
      }
    }
    if (isWord(first, '{') || isOp(first, '(')) return this.group(isOp(first, '('));
    if (isWord(first, 'case')) return this.withRedirects(this.caseClause());
    if (isWord(first, 'function')) {
      this.take();
      return this.functionDef(this.take(), true);
    }
    if (isWord(first, '[[')) return this.withRedirects(this.conditional());
    const cmd: SimpleCommand = { assignments: [], words: [], redirects: [] };
    for (;;) {
      const t = this.peek();
      if (t.type === 'word') {
        this.take();
        const assignment = cmd.words.length === 0 ? toAssignment(t.word) : undefined;
        if (assignment) cmd.assignments.push(assignment);
        else if (cmd.words.length === 0 && CONTINUATIONS.has(t.word.raw)) throw unexpected(t);
        else if (cmd.words.length === 0 && UNSUPPORTED.has(t.word.raw)) throw unsupported(t.word.raw);
        else cmd.words.push(t.word);
      } else if (t.type === 'op' && REDIRECT_OPS.has(t.op)) {
        this.take();
        cmd.redirects.push(this.redirect(t.op, t.fd));
      } else break;
    }
    if (cmd.words.length + cmd.assignments.length + cmd.redirects.length === 0) throw unexpected(this.peek());
    // `name() BODY` defines a function; bash wants `)` right after `(`.
    if (cmd.words.length === 1 && cmd.assignments.length === 0 && cmd.redirects.length === 0 && isOp(this.peek(), '(')) {
      return this.functionDef({ type: 'word', word: cmd.words[0]! }, false);
    }
    return cmd;
  }

  /**
   * `name () COMPOUND` or `function name [()] COMPOUND` (the name taken): the body is a compound
   * command, which may start on a later line; its redirects apply at every call.
   */
  private functionDef(name: Token, keyword: boolean): FunctionDef {
    if (name.type !== 'word') throw name.type === 'eof' ? new IncompleteInputError('function') : unexpected(name);
    if (!keyword || isOp(this.peek(), '(')) {
      this.take();
      const close = this.take();
      if (!isOp(close, ')')) throw unexpected(close);
    }
    while (this.peek().type === 'newline') this.take();
    if (this.peek().type === 'eof') throw new IncompleteInputError('function');
    const body = this.command();
    if (!('kind' in body) || body.kind === 'function') throw unexpected(this.peek());
    if (!/^[^$`'"\\=]+$/.test(name.word.raw) || /^\d+$/.test(name.word.raw)) throw new ShellSyntaxError(`bash: \`${name.word.raw}': not a valid identifier`);
    return { kind: 'function', name: name.word.raw, body };
  }

  /** `[[ EXPR ]]`: the tokens up to `]]`, newlines aside, parsed by cond.ts. */
  private conditional(): CondCommand {
    this.take();
    const tokens: Token[] = [];
    for (let t = this.take(); !isWord(t, ']]'); t = this.take()) {
      if (t.type === 'eof') throw new IncompleteInputError(']]');
      if (t.type !== 'newline') tokens.push(t);
    }
    return { kind: 'cond', expr: parseCond(tokens) };
  }

  /** `case WORD in` (case not yet taken), items `PATTERN[|PATTERN]) LIST ;;`, then `esac`. */
  private caseClause(): CaseClause {
    this.take();
    const word = this.take();
    if (word.type !== 'word') throw word.type === 'eof' ? new IncompleteInputError('esac') : unexpected(word);
    this.newlines('esac');
    const inWord = this.take();
    if (!isWord(inWord, 'in')) throw unexpected(inWord);
    const items: CaseClause['items'] = [];
    for (;;) {
      this.newlines('esac');
      if (isWord(this.peek(), 'esac')) {
        this.take();
        return { kind: 'case', word: word.word, items };
      }
      if (isOp(this.peek(), '(')) this.take();
      const patterns: Word[] = [];
      for (;;) {
        const p = this.take();
        if (p.type !== 'word') throw p.type === 'eof' ? new IncompleteInputError('esac') : unexpected(p);
        patterns.push(p.word);
        const next = this.take();
        if (isOp(next, ')')) break;
        if (!isOp(next, '|')) throw next.type === 'eof' ? new IncompleteInputError('esac') : unexpected(next);
      }
      const body = this.list(['esac', ';;', ';&', ';;&']);
      const end = this.peek();
      const terminator = end.type === 'op' && (end.op === ';&' || end.op === ';;&') ? end.op : ';;';
      if (end.type === 'op') this.take();
      items.push({ patterns, body, end: terminator });
    }
  }

  /** Newlines inside a compound command; the input may end there for now. */
  private newlines(end: string): void {
    while (this.peek().type === 'newline') this.take();
    if (this.peek().type === 'eof') throw new IncompleteInputError(end);
  }

  /** `{ LIST; }` or `( LIST )` (the opening one not yet taken), then any redirects. */
  private group(subshell: boolean): Group {
    this.take();
    let body: List;
    if (subshell) {
      body = this.list(')');
      const close = this.take();
      if (close.type === 'eof') throw new IncompleteInputError(')');
      if (body.length === 0) throw unexpected(close);
    } else body = this.clause(['}']).body;
    return { kind: 'group', subshell, body, redirects: this.redirects() };
  }

  /** Redirects after a compound command (`done < file`, `fi 2>/dev/null`) apply to all of it. */
  private redirects(): Redirect[] {
    const redirects: Redirect[] = [];
    for (let t = this.peek(); t.type === 'op' && REDIRECT_OPS.has(t.op); t = this.peek()) {
      this.take();
      redirects.push(this.redirect(t.op, t.fd));
    }
    return redirects;
  }

  private withRedirects<T extends Exclude<ShellCommand, SimpleCommand | Group | FunctionDef>>(command: T): T {
    const redirects = this.redirects();
    return redirects.length > 0 ? { ...command, redirects } : command;
  }

  private redirect(op: string, fd: number | undefined): Redirect {
    const t = this.take();
    if (t.type !== 'word') throw unexpected(t);
    const target = t.word;
    const input = op.startsWith('<');
    const n = fd ?? (op.startsWith('&') ? -1 : input ? 0 : 1);
    if (op === '<<' || op === '<<-') {
      const redirect: Redirect = { kind: 'heredoc', fd: n, body: { parts: [], raw: '' } };
      this.lexer.queueHeredoc(target, op === '<<-', (body) => (redirect.body = body));
      return redirect;
    }
    if (op === '<<<') {
      const body: Word = { parts: [...target.parts, { kind: 'lit', text: '\n', quoted: true }], raw: target.raw };
      return { kind: 'heredoc', fd: n, body };
    }
    if (op === '>&' || op === '<&') return { kind: 'dup', fd: n, target };
    const mode = input ? 'read' : op === '>>' || op === '&>>' ? 'append' : 'write';
    return { kind: 'file', fd: n, mode, target };
  }
}
