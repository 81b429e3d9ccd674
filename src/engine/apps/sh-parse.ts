/**
 * A tiny POSIX-sh subset for busybox containers, `sh -c` in exec and exec hooks: simple commands,
 * `;`, `&&`, `||`, `while ...; do ...; done` and `if ...; then ...; [else ...;] fi`, quotes and
 * `$VAR`. Scripts compile to a flat instruction list with jumps, so a running script is plain data
 * (a program counter) that survives snapshots and can pause in `sleep` for virtual time.
 */

/** A word: literal text, or `[name]` for a `$name` expansion. */
export type WordPart = string | [string];
export type Word = WordPart[];

export type Instruction =
  | { op: 'run'; words: Word[] }
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
      while (i < text.length && text[i] !== '"') i = readUnquoted(text, i, word, lit, true);
      if (i >= text.length) return `sh: syntax error: unterminated quoted string`;
      bare += '\u0000';
      i++;
    } else {
      bare += ch;
      i = readUnquoted(text, i, word, lit, false);
    }
  }
  return { word: word.length ? word : [''], bare, end: i };
}

/** One character or `$NAME` of unquoted or double-quoted text. */
function readUnquoted(text: string, i: number, word: Word, lit: (s: string) => void, quoted: boolean): number {
  const ch = text[i]!;
  if (ch === '\\' && i + 1 < text.length) {
    lit(text[i + 1]!);
    return i + 2;
  }
  if (ch === '$') {
    const m = /^\{([A-Za-z_][A-Za-z0-9_]*)\}|^([A-Za-z_][A-Za-z0-9_]*|\?)/.exec(text.slice(i + 1));
    if (m) {
      word.push([m[1] ?? m[2]!]);
      return i + 1 + m[0].length;
    }
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

class Parser {
  pos = 0;
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
    const words: Word[] = [];
    for (let t = this.tokens[this.pos]; t?.kind === 'word'; t = this.tokens[++this.pos]) words.push(t.word);
    if (words.length === 0) return `sh: syntax error: unexpected "${describe(this.tokens[this.pos]!)}"`;
    prog.push({ op: 'run', words });
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
    const bodyErr = this.list(prog, ['done']) ?? this.#expect('done');
    if (bodyErr) return bodyErr;
    prog.push({ op: 'jmp', to: top });
    (exit as { to: number }).to = prog.length;
    prog.push({ op: 'run', words: [['true']] });
    return undefined;
  }

  #if(prog: Program): string | undefined {
    this.pos++;
    const err = this.list(prog, ['then']) ?? this.#expect('then');
    if (err) return err;
    const toElse: Instruction = { op: 'jf', to: -1 };
    prog.push(toElse);
    const thenErr = this.list(prog, ['else', 'fi']);
    if (thenErr) return thenErr;
    const toEnd: Instruction = { op: 'jmp', to: -1 };
    prog.push(toEnd);
    (toElse as { to: number }).to = prog.length;
    if (this.#peekWord() === 'else') {
      this.pos++;
      const elseErr = this.list(prog, ['fi']);
      if (elseErr) return elseErr;
    } else {
      prog.push({ op: 'run', words: [['true']] });
    }
    (toEnd as { to: number }).to = prog.length;
    return this.#expect('fi');
  }
}

/** Expand a word's `$VAR` parts against `env` (and `$?`). */
export function expandWord(word: Word, env: Record<string, string>, status: number): string {
  return word.map((p) => (typeof p === 'string' ? p : p[0] === '?' ? String(status) : (env[p[0]] ?? ''))).join('');
}
