/**
 * Parsing a sed script into commands: addresses (`3`, `$`, `/re/`, ranges, `!`) and the commands
 * learners use on kubectl output and manifests (`s///` with g/p/i/N flags, `p`, `d`, `q`, `=`).
 * Errors carry GNU sed's wording and character position.
 */
import { compile, PatternError, posixToJs } from './regex';

export type Address = { kind: 'line'; n: number } | { kind: 'last' } | { kind: 'regex'; re: RegExp };

export interface SedCommand {
  from?: Address;
  to?: Address;
  negate: boolean;
  name: 's' | 'p' | 'd' | 'q' | '=';
  /** For `s`: the pattern, the replacement template and its flags. */
  subst?: { re: RegExp; replacement: string; global: boolean; print: boolean; occurrence: number };
}

export class ScriptError extends Error {}

/** A cursor over one `-e` expression, reporting errors as `-e expression #N, char C: ...`. */
class Reader {
  pos = 0;
  constructor(
    readonly text: string,
    readonly index: number,
  ) {}

  peek(): string | undefined {
    return this.text[this.pos];
  }

  next(): string | undefined {
    return this.text[this.pos++];
  }

  fail(message: string): never {
    throw new ScriptError(`-e expression #${this.index}, char ${this.pos}: ${message}`);
  }

  skipSpaces(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
  }

  /** Text up to an unescaped `delim`; `\delim` stands for the delimiter itself. */
  until(delim: string, what: string): string {
    let out = '';
    for (;;) {
      if (this.peek() === undefined) this.fail(`unterminated ${what}`);
      const c = this.next();
      if (c === '\n') this.fail(`unterminated ${what}`);
      if (c === delim) return out;
      if (c === '\\' && this.peek() === delim) out += this.next();
      else if (c === '\\') out += c + (this.next() ?? '');
      else out += c;
    }
  }
}

function regex(r: Reader, pattern: string, extended: boolean, flags: string): RegExp {
  try {
    return compile(posixToJs(pattern, extended), flags);
  } catch (e) {
    if (e instanceof PatternError) r.fail(e.message);
    throw e;
  }
}

function address(r: Reader, extended: boolean): Address | undefined {
  const c = r.peek();
  if (c === '$') {
    r.next();
    return { kind: 'last' };
  }
  if (c !== undefined && /\d/.test(c)) {
    let digits = '';
    while (/\d/.test(r.peek() ?? '')) digits += r.next();
    return { kind: 'line', n: Number(digits) };
  }
  if (c === '/') {
    r.next();
    return { kind: 'regex', re: regex(r, r.until('/', 'address regex'), extended, '') };
  }
  return undefined;
}

/** `s/re/replacement/flags`, the reader positioned just after the `s`. */
function substitution(r: Reader, extended: boolean): SedCommand['subst'] {
  const delim = r.next();
  if (delim === undefined || delim === '\n' || delim === '\\') r.fail("unterminated `s' command");
  const pattern = r.until(delim, "`s' command");
  const replacement = r.until(delim, "`s' command");
  let global = false;
  let print = false;
  let ignoreCase = false;
  let occurrence = 1;
  for (let c = r.peek(); c !== undefined && /[gpiI0-9]/.test(c); c = r.peek()) {
    r.next();
    if (c === 'g') global = true;
    else if (c === 'p') print = true;
    else if (c === 'i' || c === 'I') ignoreCase = true;
    else occurrence = Number(c);
  }
  return { re: regex(r, pattern, extended, ignoreCase ? 'gi' : 'g'), replacement, global, print, occurrence };
}

function command(r: Reader, extended: boolean): SedCommand | undefined {
  r.skipSpaces();
  while (r.peek() === ';' || r.peek() === '\n') {
    r.next();
    r.skipSpaces();
  }
  if (r.peek() === undefined) return undefined;
  const from = address(r, extended);
  let to: Address | undefined;
  if (from && r.peek() === ',') {
    r.next();
    to = address(r, extended) ?? r.fail('unexpected `,\'');
  }
  r.skipSpaces();
  let negate = false;
  if (r.peek() === '!') {
    r.next();
    negate = true;
    r.skipSpaces();
  }
  const name = r.next();
  if (name === undefined) r.fail('missing command');
  if (name === 's') return { from, to, negate, name, subst: substitution(r, extended) };
  if (name === 'p' || name === 'd' || name === 'q' || name === '=') return { from, to, negate, name };
  return r.fail(`unknown command: \`${name}'`);
}

/** Every command of every expression, in order. */
export function parseScript(expressions: readonly string[], extended: boolean): SedCommand[] {
  const out: SedCommand[] = [];
  expressions.forEach((text, i) => {
    const r = new Reader(text, i + 1);
    for (let c = command(r, extended); c; c = command(r, extended)) {
      out.push(c);
      r.skipSpaces();
      const after = r.peek();
      if (after !== undefined && after !== ';' && after !== '\n' && after !== '}') r.fail(`extra characters after command`);
    }
  });
  return out;
}
