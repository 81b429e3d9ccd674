import type { List, ParamPart, Word, WordPart } from './ast';

/** Operators the lexer recognises, longest first so `&&` wins over `&`. */
const OPERATORS = ['<<<', '<<-', '&>>', ';;&', '<<', '>>', '>&', '<&', '&>', '>|', '&&', '||', ';;', ';&', '|', '&', ';', '(', ')', '<', '>'];
const META = new Set([' ', '\t', '\n', '|', '&', ';', '(', ')', '<', '>']);
const SPECIAL_PARAMS = new Set(['?', '$', '#', '!', '@', '*', '-', '0']);
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

export type Token =
  | { type: 'word'; word: Word }
  | { type: 'op'; op: string; fd?: number }
  | { type: 'newline' }
  | { type: 'eof' };

/**
 * The input ended in the middle of a construct (an open quote, a heredoc without its terminator,
 * a trailing `|`): an interactive terminal should ask for another line instead of failing.
 */
export class IncompleteInputError extends Error {
  constructor(readonly what: string) {
    super(what);
    this.name = 'IncompleteInputError';
  }
}

/** A grammar violation, reported the way bash does (`syntax error near unexpected token `|'`). */
export class ShellSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShellSyntaxError';
  }
}

/** Parses the body of `$(...)`, leaving the lexer just after the closing parenthesis. */
export type SubParser = (lexer: Lexer) => List;

interface PendingHeredoc {
  delimiter: string;
  quoted: boolean;
  stripTabs: boolean;
  line: number;
  fill: (body: Word) => void;
}

const lit = (text: string, quoted: boolean): WordPart => ({ kind: 'lit', text, quoted });

/**
 * A pull lexer over shell source. The parser asks for one token at a time, which lets `$(...)`
 * re-enter the parser on the same input and lets heredoc bodies be read at the next newline.
 * In lenient mode (running a script) an unterminated heredoc takes the rest of the input, with
 * a warning, as bash does; in strict mode (the terminal's completeness test) it is incomplete.
 */
export class Lexer {
  pos = 0;
  readonly warnings: string[] = [];
  private pending: PendingHeredoc[] = [];

  constructor(
    readonly src: string,
    private readonly subparse: SubParser,
    private readonly lenient: boolean,
  ) {}

  /** Read the next token; a `#` where a token would start begins a comment. */
  next(): Token {
    this.skipBlanks();
    if (this.pos >= this.src.length) {
      this.flushHeredocsAtEof();
      return { type: 'eof' };
    }
    const ch = this.src[this.pos]!;
    if (ch === '#') {
      while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      return this.next();
    }
    if (ch === '\n') {
      this.pos++;
      this.readHeredocBodies();
      return { type: 'newline' };
    }
    const fd = this.ioNumber();
    if (fd !== undefined) return fd;
    if (this.src.startsWith('<(', this.pos)) return this.processSubstitution();
    const op = OPERATORS.find((o) => this.src.startsWith(o, this.pos));
    if (op) {
      this.pos += op.length;
      return { type: 'op', op };
    }
    return { type: 'word', word: this.readWord() };
  }

  /** `<(LIST)` where a word starts: one word whose only part is the substitution. */
  private processSubstitution(): Token {
    const start = this.pos;
    this.pos += 2;
    const body = this.subparse(this);
    return { type: 'word', word: { parts: [{ kind: 'procsub', body, quoted: false }], raw: this.src.slice(start, this.pos) } };
  }

  /**
   * After a command's `(`: when another `(` follows at once, the text up to the matching `))`
   * (an arithmetic command); undefined, reading nothing, when it is a subshell.
   */
  arithmeticCommand(): string | undefined {
    if (this.src[this.pos] !== '(') return undefined;
    let depth = 0;
    for (let i = this.pos + 1; i < this.src.length; i++) {
      const ch = this.src[i];
      if (ch === '(') depth++;
      else if (ch === ')' && depth > 0) depth--;
      else if (ch === ')' && this.src[i + 1] === ')') {
        const expr = this.src.slice(this.pos + 1, i);
        this.pos = i + 2;
        return expr;
      } else if (ch === ')') return undefined;
    }
    throw new IncompleteInputError('))');
  }

  /** Line number (1-based) of the current position, for warnings. */
  line(at = this.pos): number {
    let n = 1;
    for (let i = 0; i < at && i < this.src.length; i++) if (this.src[i] === '\n') n++;
    return n;
  }

  /** Register a heredoc whose body starts after the next newline. */
  queueHeredoc(delimiter: Word, stripTabs: boolean, fill: (body: Word) => void): void {
    const quoted = /['"\\]/.test(delimiter.raw);
    const text = delimiter.raw.replace(/['"\\]/g, '');
    this.pending.push({ delimiter: text, quoted, stripTabs, line: this.line(), fill });
  }

  private skipBlanks(): void {
    for (;;) {
      const ch = this.src[this.pos];
      if (ch === ' ' || ch === '\t') this.pos++;
      else if (ch === '\\' && this.src[this.pos + 1] === '\n') this.pos += 2;
      else return;
    }
  }

  /** `2>`, `2>>`, `1>&2`: digits immediately followed by a redirect operator name a descriptor. */
  private ioNumber(): Token | undefined {
    const m = /^(\d+)(>>|>&|>\||>|<<<|<<-|<<|<&|<)/.exec(this.src.slice(this.pos, this.pos + 16));
    if (!m) return undefined;
    this.pos += m[0].length;
    return { type: 'op', op: m[2]!, fd: Number(m[1]) };
  }

  private readWord(): Word {
    const start = this.pos;
    const parts: WordPart[] = [];
    while (this.pos < this.src.length && !META.has(this.src[this.pos]!)) {
      const ch = this.src[this.pos]!;
      if (ch === "'") parts.push(this.readSingleQuoted());
      else if (ch === '$' && this.src[this.pos + 1] === "'") parts.push(this.readAnsiC());
      else if (ch === '"') {
        this.pos++;
        // `""` is an empty word, not no word: keep an empty quoted part.
        parts.push(lit('', true), ...this.readExpanding('"', true));
        this.pos++;
      } else if (ch === '\\') this.readBackslash(parts);
      else if (ch === '$') parts.push(this.readDollar(false));
      else {
        parts.push(lit(ch, false));
        this.pos++;
      }
    }
    return { parts: mergeLiterals(parts), raw: this.src.slice(start, this.pos) };
  }

  private readSingleQuoted(): WordPart {
    const end = this.src.indexOf("'", this.pos + 1);
    if (end < 0) this.incomplete("'");
    const text = this.src.slice(this.pos + 1, end);
    this.pos = end + 1;
    return lit(text, true);
  }

  /** `$'...'`, bash's ANSI-C quoting: a quoted string with backslash escapes (`IFS=$'\n'`). */
  private readAnsiC(): WordPart {
    let i = this.pos + 2;
    while (i < this.src.length && this.src[i] !== "'") i += this.src[i] === '\\' ? 2 : 1;
    if (i >= this.src.length) this.incomplete("'");
    const body = this.src.slice(this.pos + 2, i);
    this.pos = i + 1;
    return lit(ansiC(body), true);
  }

  private readBackslash(parts: WordPart[]): void {
    const next = this.src[this.pos + 1];
    if (next === undefined) {
      // A trailing backslash asks for a continuation line; a script keeps it literally.
      if (!this.lenient) throw new IncompleteInputError('\\');
      parts.push(lit('\\', false));
      this.pos++;
      return;
    }
    this.pos += 2;
    if (next !== '\n') parts.push(lit(next, true));
  }

  /**
   * Text with `$` expansions until `close` (`"` or `}`, or a `/` for a `${x/pat/rep}` pattern), or
   * to the end for heredoc bodies (null).
   * Backslash escapes only `$`, `` ` ``, `"`, `\` and newline, as inside double quotes.
   */
  readExpanding(close: '"' | '}' | null, quoted: boolean, stopAtSlash = false): WordPart[] {
    const parts: WordPart[] = [];
    for (;;) {
      const ch = this.src[this.pos];
      if (ch === undefined) {
        if (close === null) break;
        this.incomplete(close === '"' ? '"' : '}');
      }
      if (ch === close || (stopAtSlash && ch === '/')) break;
      const escaped = this.src[this.pos + 1];
      if (ch === '\\' && escaped !== undefined && escapable(close).includes(escaped)) {
        if (escaped !== '\n') parts.push(lit(escaped, true));
        this.pos += 2;
      } else if (ch === '$') parts.push(this.readDollar(quoted));
      else {
        parts.push(lit(ch, quoted));
        this.pos++;
      }
    }
    return mergeLiterals(parts);
  }

  private readDollar(quoted: boolean): WordPart {
    const next = this.src[this.pos + 1];
    if (next === '{') return this.readBraced(quoted);
    if (next === '(' && this.src[this.pos + 2] === '(') return this.readArithmetic(quoted);
    if (next === '(') {
      this.pos += 2;
      return { kind: 'cmdsub', body: this.subparse(this), quoted };
    }
    if (next !== undefined && (NAME_START.test(next) || /\d/.test(next) || SPECIAL_PARAMS.has(next))) {
      let end = this.pos + 2;
      if (NAME_START.test(next)) while (end < this.src.length && NAME_CHAR.test(this.src[end]!)) end++;
      const name = this.src.slice(this.pos + 1, end);
      this.pos = end;
      return { kind: 'param', name, quoted };
    }
    this.pos++;
    return lit('$', quoted);
  }

  /** `$(( ... ))` up to the `))` that closes it, parentheses inside balanced. */
  private readArithmetic(quoted: boolean): WordPart {
    const start = this.pos + 3;
    let depth = 0;
    for (let i = start; i < this.src.length; i++) {
      const ch = this.src[i];
      if (ch === '(') depth++;
      else if (ch === ')' && depth > 0) depth--;
      else if (ch === ')' && this.src[i + 1] === ')') {
        this.pos = i + 2;
        return { kind: 'arith', expr: this.src.slice(start, i), quoted };
      }
    }
    return this.incomplete('))');
  }

  /** `${NAME}`, `${#NAME}`, `${NAME:-word}` and the other operators of ParamOp. */
  private readBraced(quoted: boolean): WordPart {
    const start = this.pos;
    this.pos += 2;
    const length = this.src[this.pos] === '#' && this.src[this.pos + 1] !== '}';
    if (length) this.pos++;
    const m = /^([A-Za-z_][A-Za-z0-9_]*|\d+|[?$#!@*0-])/.exec(this.src.slice(this.pos, this.pos + 256));
    const name = m?.[1] ?? '';
    this.pos += name.length;
    const part: ParamPart = { kind: 'param', name, quoted, ...(length ? { op: '#' as const } : {}) };
    const op = /^(:-|:=|:\+|:\?|:|-|=|\+|\?|##|#|%%|%|\/\/|\/#|\/%|\/|\^\^|\^|,,|,)/.exec(this.src.slice(this.pos, this.pos + 2))?.[1];
    if (op && name && !length) {
      this.pos += op.length;
      part.op = op === '#' ? 'prefix' : op === '##' ? 'prefix-longest' : (op as ParamPart['op']);
      const replaces = op.startsWith('/');
      // A pattern's `*` and `?` match even inside double quotes: read its text as unquoted.
      const pattern = /^(#|%|\/)/.test(op);
      part.arg = this.readExpanding('}', quoted && !pattern, replaces);
      if (replaces && this.src[this.pos] === '/') {
        this.pos++;
        part.replacement = this.readExpanding('}', quoted);
      }
    }
    if (this.src[this.pos] === '}' && name) {
      this.pos++;
      return part;
    }
    const close = this.src.indexOf('}', this.pos);
    if (close < 0) this.incomplete('}');
    this.pos = close + 1;
    return { kind: 'bad', text: this.src.slice(start, this.pos), quoted };
  }

  private readHeredocBodies(): void {
    const pending = this.pending;
    this.pending = [];
    for (const doc of pending) {
      const lines: string[] = [];
      let found = false;
      while (this.pos < this.src.length) {
        const nl = this.src.indexOf('\n', this.pos);
        const end = nl < 0 ? this.src.length : nl;
        let line = this.src.slice(this.pos, end);
        this.pos = nl < 0 ? end : end + 1;
        if (doc.stripTabs) line = line.replace(/^\t+/, '');
        if (line === doc.delimiter) {
          found = true;
          break;
        }
        lines.push(line);
      }
      if (!found) this.unterminatedHeredoc(doc);
      const body = lines.map((l) => l + '\n').join('');
      doc.fill(this.heredocWord(body, doc.quoted));
    }
  }

  private flushHeredocsAtEof(): void {
    if (this.pending.length > 0) this.readHeredocBodies();
  }

  private unterminatedHeredoc(doc: PendingHeredoc): void {
    if (!this.lenient) throw new IncompleteInputError(`heredoc ${doc.delimiter}`);
    this.warnings.push(
      `bash: warning: here-document at line ${doc.line} delimited by end-of-file (wanted \`${doc.delimiter}')`,
    );
  }

  private heredocWord(body: string, quoted: boolean): Word {
    if (quoted) return { parts: [lit(body, true)], raw: body };
    const sub = new Lexer(body, this.subparse, this.lenient);
    return { parts: sub.readExpanding(null, true), raw: body };
  }

  private incomplete(what: string): never {
    throw new IncompleteInputError(what);
  }
}

/** Characters a backslash escapes: inside `"..."`, inside `${...}`, in a heredoc body. */
function escapable(close: '"' | '}' | null): string {
  if (close === '"') return '$`"\\\n';
  return close === '}' ? '$`\\\n}' : '$`\\\n';
}

/** Join adjacent literal parts with the same quoting, so words stay small and easy to test. */
function mergeLiterals(parts: WordPart[]): WordPart[] {
  const out: WordPart[] = [];
  for (const part of parts) {
    const prev = out[out.length - 1];
    if (part.kind === 'lit' && prev?.kind === 'lit' && prev.quoted === part.quoted) {
      out[out.length - 1] = lit(prev.text + part.text, part.quoted);
    } else out.push(part);
  }
  return out;
}

const SIMPLE_ESCAPES: Record<string, string> = { a: '\u0007', b: '\b', e: '\u001b', E: '\u001b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };

/** The escapes of `$'...'`: \n \t ..., \NNN octal, \xHH, \uHHHH, \UHHHHHHHH, \cX; others stay as written. */
function ansiC(body: string): string {
  return body.replace(/\\(?:([abeEfnrtv\\'"?])|([0-7]{1,3})|x([0-9a-fA-F]{1,2})|u([0-9a-fA-F]{1,4})|U([0-9a-fA-F]{1,8})|c(.))/g, (m, simple?: string, oct?: string, hex?: string, u?: string, bigU?: string, ctl?: string) => {
    if (simple) return SIMPLE_ESCAPES[simple]!;
    if (ctl) return String.fromCharCode(ctl.toUpperCase().charCodeAt(0) & 0x1f);
    const code = oct ? parseInt(oct, 8) : parseInt((hex ?? u ?? bigU)!, 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}
