/**
 * A small POSIX-sh subset for busybox containers, `sh -c` in exec and exec hooks: simple commands,
 * `;`, `&&`, `||`, `while`/`until`, `if ...; then ...; [else ...;] fi`, `for NAME in WORDS; do
 * ...; done`, `NAME=value`, quotes, `$VAR`, `$((...))` and `$(...)` (or backquotes). Scripts
 * compile to a flat instruction list with jumps, so a running script is plain data (a program
 * counter, variables, loop positions) that survives snapshots and can pause in `sleep` for
 * virtual time.
 */

/**
 * A word's parts: literal text; `[name]` for a quoted `$name` (`[name, 1]` unquoted, split into
 * fields); `{ arith }` for `$((expr))`; `{ sub }` for `$(script)` (`unquoted` when it is split too).
 */
export type WordPart = string | [string] | [string, 1] | { arith: string } | { sub: string; split?: 1 } | ParamOp;

/**
 * `${#name}` (op `#`) and `${name:-word}`, `-`, `:=`, `=`, `:+`, `+`: `word` is expanded as a
 * double-quoted string when it is used. `split` as for `$name`.
 */
export interface ParamOp {
  param: string;
  op: '#' | ':-' | '-' | ':=' | '=' | ':+' | '+';
  word?: string;
  split?: 1;
}
export type Word = WordPart[];

export type Instruction =
  /** A command; `env` holds `NAME=value` words before it, set in its environment only. */
  | { op: 'run'; words: Word[]; env?: [string, Word][] }
  /** `NAME=value`: a shell variable. */
  | { op: 'set'; name: string; value: Word }
  /** `for NAME in WORDS`: expand the words, then go to the first turn (`next`). */
  | { op: 'for'; name: string; words: Word[] }
  /** The next turn of the `for` at `loop`: set its variable, or jump past the loop when done. */
  | { op: 'next'; loop: number; to: number }
  | { op: 'jmp'; to: number }
  /** Jump when the last status is non-zero. */
  | { op: 'jf'; to: number }
  /** Jump when the last status is zero. */
  | { op: 'jt'; to: number };

export type Program = Instruction[];

type Token = { kind: 'word'; word: Word; bare: string } | { kind: 'op'; op: string };

/** Split a script into words and operators, honouring quotes. */
export function tokenize(text: string): Token[] | string {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '\t') {
      i++;
    } else if (ch === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (ch === '\n' || ch === ';') {
      tokens.push({ kind: 'op', op: ';' });
      i++;
    } else if (text.startsWith('&&', i) || text.startsWith('||', i)) {
      tokens.push({ kind: 'op', op: text.slice(i, i + 2) });
      i += 2;
    } else {
      const read = readWord(text, i);
      if (typeof read === 'string') return read;
      tokens.push({ kind: 'word', word: read.word, bare: read.bare });
      i = read.end;
    }
  }
  return tokens;
}

function readWord(text: string, start: number): { word: Word; bare: string; end: number } | string {
  const word: Word = [];
  let bare = '';
  let i = start;
  const lit = (s: string) => {
    if (typeof word[word.length - 1] === 'string') word[word.length - 1] = (word[word.length - 1] as string) + s;
    else word.push(s);
  };
  while (i < text.length && !' \t\n;'.includes(text[i]!) && !text.startsWith('&&', i) && !text.startsWith('||', i)) {
    const ch = text[i]!;
    if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) return `sh: syntax error: unterminated quoted string`;
      lit(text.slice(i + 1, end));
      bare += '\u0000';
      i = end + 1;
    } else if (ch === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        const next = readUnquoted(text, i, word, lit, true);
        if (typeof next === 'string') return next;
        i = next;
      }
      if (i >= text.length) return `sh: syntax error: unterminated quoted string`;
      bare += '\u0000';
      i++;
    } else if (ch === '`') {
      const end = text.indexOf('`', i + 1);
      if (end < 0) return 'sh: syntax error: unterminated quoted string';
      word.push({ sub: text.slice(i + 1, end), split: 1 });
      bare += '`';
      i = end + 1;
    } else {
      bare += ch;
      const next = readUnquoted(text, i, word, lit, false);
      if (typeof next === 'string') return next;
      i = next;
    }
  }
  return { word: word.length ? word : [''], bare, end: i };
}

/** Where the `)` closing a `(` at `open` is (nested parentheses counted), or -1. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

/** One character, `$NAME`, `$((...))` or `$(...)` of unquoted or double-quoted text. */
function readUnquoted(text: string, i: number, word: Word, lit: (s: string) => void, quoted: boolean): number | string {
  const ch = text[i]!;
  if (ch === '\\' && i + 1 < text.length) {
    lit(text[i + 1]!);
    return i + 2;
  }
  if (ch === '$' && text[i + 1] === '(') {
    const end = closing(text, i + 1);
    if (end < 0) return 'sh: syntax error: unterminated quoted string';
    const inner = text.slice(i + 2, end);
    // `$((expr))`: the inner text is itself one parenthesised expression.
    if (inner.startsWith('(') && inner.endsWith(')') && closing(inner, 0) === inner.length - 1) word.push({ arith: inner.slice(1, -1) });
    else word.push(quoted ? { sub: inner } : { sub: inner, split: 1 });
    return end + 1;
  }
  if (ch === '$' && text[i + 1] === '{') {
    const op = /^\$\{(?:#([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*)(:-|-|:=|=|:\+|\+)([^}]*)\})/.exec(text.slice(i));
    if (op) {
      const part: ParamOp = op[1] ? { param: op[1], op: '#' } : { param: op[2]!, op: op[3] as ParamOp['op'], word: op[4]! };
      word.push(quoted ? part : { ...part, split: 1 });
      return i + op[0].length;
    }
  }
  if (ch === '$') {
    const m = /^\{([A-Za-z_][A-Za-z0-9_]*)\}|^([A-Za-z_][A-Za-z0-9_]*|[?#$0-9])/.exec(text.slice(i + 1));
    if (m) {
      word.push(quoted ? [m[1] ?? m[2]!] : [m[1] ?? m[2]!, 1]);
      return i + 1 + m[0].length;
    }
  }
  if (quoted && ch === '`') {
    const end = text.indexOf('`', i + 1);
    if (end < 0) return 'sh: syntax error: unterminated quoted string';
    word.push({ sub: text.slice(i + 1, end) });
    return end + 1;
  }
  if (!quoted || ch !== '"') lit(ch);
  return i + 1;
}

/** Compile a script; a string result is the syntax error sh would print. */
export function compile(text: string): Program | string {
  const tokens = tokenize(text);
  if (typeof tokens === 'string') return tokens;
  const parser = new Parser(tokens);
  const prog: Program = [];
  const err = parser.list(prog, []);
  if (err) return err;
  if (parser.pos < tokens.length) return `sh: syntax error: unexpected "${describe(tokens[parser.pos]!)}"`;
  return prog;
}

function describe(t: Token): string {
  return t.kind === 'op' ? t.op : t.bare;
}

/** An enclosing loop while its body compiles: where `continue` goes, and the `break` jumps to patch. */
interface LoopFrame {
  continueTo: number;
  breaks: { op: 'jmp'; to: number }[];
}

class Parser {
  pos = 0;
  readonly #loops: LoopFrame[] = [];
  constructor(private readonly tokens: Token[]) {}

  #peekWord(): string | undefined {
    const t = this.tokens[this.pos];
    return t?.kind === 'word' ? t.bare : undefined;
  }

  #skipSeparators(): void {
    while (this.tokens[this.pos]?.kind === 'op' && (this.tokens[this.pos] as { op: string }).op === ';') this.pos++;
  }

  /** Parse commands until one of `stops` (a keyword) or the end. */
  list(prog: Program, stops: string[]): string | undefined {
    this.#skipSeparators();
    while (this.pos < this.tokens.length && !stops.includes(this.#peekWord() ?? '')) {
      const err = this.#andOr(prog);
      if (err) return err;
      this.#skipSeparators();
    }
    return undefined;
  }

  #andOr(prog: Program): string | undefined {
    let err = this.#command(prog);
    const patches: Instruction[] = [];
    while (!err) {
      const t = this.tokens[this.pos];
      if (t?.kind !== 'op' || (t.op !== '&&' && t.op !== '||')) break;
      this.pos++;
      const jump: Instruction = { op: t.op === '&&' ? 'jf' : 'jt', to: -1 };
      prog.push(jump);
      patches.push(jump);
      err = this.#command(prog);
    }
    for (const j of patches) (j as { to: number }).to = prog.length;
    return err;
  }

  #command(prog: Program): string | undefined {
    const word = this.#peekWord();
    if (word === 'while' || word === 'until') return this.#loop(prog, word);
    if (word === 'if') return this.#if(prog);
    if (word === 'for') return this.#for(prog);
    if (word === 'break' || word === 'continue') return this.#jump(prog, word);
    const words: Word[] = [];
    const assignments: Instruction[] = [];
    for (let t = this.tokens[this.pos]; t?.kind === 'word'; t = this.tokens[++this.pos]) {
      const assignment = words.length === 0 ? assignmentOf(t.word) : undefined;
      if (assignment) assignments.push(assignment);
      else words.push(t.word);
    }
    if (words.length === 0 && assignments.length === 0) return `sh: syntax error: unexpected "${describe(this.tokens[this.pos]!)}"`;
    if (words.length === 0) prog.push(...assignments);
    else {
      // Before a command they are only its environment's (`A=1 env`).
      const env = assignments.map((a) => (a.op === 'set' ? ([a.name, a.value] as [string, Word]) : undefined)).filter((a) => a !== undefined);
      prog.push(env.length > 0 ? { op: 'run', words, env } : { op: 'run', words });
    }
    return undefined;
  }

  /** `for NAME in WORDS; do LIST; done` (`for NAME; do` loops over nothing here: there are no $1...). */
  #for(prog: Program): string | undefined {
    this.pos++;
    const name = this.tokens[this.pos];
    if (name?.kind !== 'word' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name.bare)) return `sh: syntax error: bad for loop variable`;
    this.pos++;
    const words: Word[] = [];
    if (this.#peekWord() === 'in') {
      this.pos++;
      for (let t = this.tokens[this.pos]; t?.kind === 'word'; t = this.tokens[++this.pos]) words.push(t.word);
    }
    this.#skipSeparators();
    const head = prog.length;
    prog.push({ op: 'for', name: name.bare, words });
    const next: Instruction = { op: 'next', loop: head, to: -1 };
    prog.push(next);
    const err = this.#expect('do') ?? this.#body(prog, head + 1);
    if (err) return err;
    prog.push({ op: 'jmp', to: head + 1 });
    (next as { to: number }).to = prog.length;
    this.#endLoop(prog);
    return undefined;
  }

  #expect(keyword: string): string | undefined {
    if (this.#peekWord() !== keyword) return `sh: syntax error: unexpected ${this.pos < this.tokens.length ? `"${describe(this.tokens[this.pos]!)}"` : 'end of file'} (expecting "${keyword}")`;
    this.pos++;
    return undefined;
  }

  #loop(prog: Program, keyword: string): string | undefined {
    this.pos++;
    const top = prog.length;
    const err = this.list(prog, ['do']) ?? this.#expect('do');
    if (err) return err;
    const exit: Instruction = { op: keyword === 'while' ? 'jf' : 'jt', to: -1 };
    prog.push(exit);
    const bodyErr = this.#body(prog, top);
    if (bodyErr) return bodyErr;
    prog.push({ op: 'jmp', to: top });
    (exit as { to: number }).to = prog.length;
    this.#endLoop(prog);
    return undefined;
  }

  /** A loop's body up to `done`, with `continue` going to `continueTo`. */
  #body(prog: Program, continueTo: number): string | undefined {
    this.#loops.push({ continueTo, breaks: [] });
    return this.list(prog, ['done']) ?? this.#expect('done');
  }

  /** A loop's end (status 0): where its breaks land. */
  #endLoop(prog: Program): void {
    for (const jump of this.#loops.pop()?.breaks ?? []) jump.to = prog.length;
    prog.push({ op: 'run', words: [['true']] });
  }

  /** `break [n]` and `continue [n]`: a jump out of, or to the next turn of, the n-th enclosing loop. Outside a loop, nothing. */
  #jump(prog: Program, keyword: 'break' | 'continue'): string | undefined {
    this.pos++;
    const arg = this.tokens[this.pos];
    let levels = 1;
    if (arg?.kind === 'word' && /^\d+$/.test(arg.bare)) {
      levels = Math.max(1, Number(arg.bare));
      this.pos++;
    }
    const frame = this.#loops[Math.max(0, this.#loops.length - levels)];
    if (!frame) return undefined;
    if (keyword === 'continue') prog.push({ op: 'jmp', to: frame.continueTo });
    else {
      const jump = { op: 'jmp' as const, to: -1 };
      frame.breaks.push(jump);
      prog.push(jump);
    }
    return undefined;
  }

  #if(prog: Program): string | undefined {
    this.pos++;
    return this.#ifRest(prog);
  }

  /** After `if` or `elif`: CONDITION; then LIST, then `elif ...`, `else LIST` or nothing, and `fi`. */
  #ifRest(prog: Program): string | undefined {
    const err = this.list(prog, ['then']) ?? this.#expect('then');
    if (err) return err;
    const toElse: Instruction = { op: 'jf', to: -1 };
    prog.push(toElse);
    const thenErr = this.list(prog, ['elif', 'else', 'fi']);
    if (thenErr) return thenErr;
    const toEnd: Instruction = { op: 'jmp', to: -1 };
    prog.push(toEnd);
    (toElse as { to: number }).to = prog.length;
    let rest: string | undefined;
    if (this.#peekWord() === 'elif') {
      this.pos++;
      // The rest is an `if` of its own, which takes the `fi`.
      rest = this.#ifRest(prog);
    } else if (this.#peekWord() === 'else') {
      this.pos++;
      rest = this.list(prog, ['fi']) ?? this.#expect('fi');
    } else {
      prog.push({ op: 'run', words: [['true']] });
      rest = this.#expect('fi');
    }
    (toEnd as { to: number }).to = prog.length;
    return rest;
  }
}

/** `NAME=value` at the start of a command, as a `set` instruction. */
function assignmentOf(word: Word): Instruction | undefined {
  const first = word[0];
  const m = typeof first === 'string' ? /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first) : null;
  if (!m || typeof first !== 'string') return undefined;
  const rest = first.slice(m[0].length);
  return { op: 'set', name: m[1]!, value: [...(rest ? [rest] : []), ...word.slice(1)] };
}

/** Text read as the inside of double quotes: `$VAR`, `$(...)` and `$((...))` parts, the rest literal. */
export function quotedWord(text: string): Word {
  const word: Word = [];
  const lit = (s: string) => {
    if (typeof word[word.length - 1] === 'string') word[word.length - 1] = (word[word.length - 1] as string) + s;
    else word.push(s);
  };
  for (let i = 0; i < text.length; ) {
    const next = readUnquoted(text, i, word, lit, true);
    i = typeof next === 'string' ? text.length : next;
  }
  return word;
}
