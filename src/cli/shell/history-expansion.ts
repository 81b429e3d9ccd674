/**
 * Bash's history expansion, as readline's history_expand does it for an interactive bash: events
 * (`!!`, `!n`, `!-n`, `!prefix`, `!?text?`, `!#`), word designators (`!$`, `!^`, `!*`, `!:2`,
 * `!!:1-3`), modifiers (`:h :t :r :e :p :q :x :s/old/new/ :gs :&`) and the quick substitution
 * `^old^new^`. The terminal's line editor expands each input before it runs or is recorded, so
 * history and a lab's transcript hold the command that ran, as bash's history does.
 */

/** What expanding one input gave: the line to run, or bash's error (nothing runs then). */
export type HistoryExpansion =
  | { ok: true; line: string; expanded: boolean; printOnly: boolean }
  | { ok: false; error: string };

/** What bash remembers between inputs: the last `:s` substitution, for `:&` and `^old^new`. */
export interface ExpansionMemory {
  substitution?: { from: string; to: string };
}

export interface ExpansionOptions {
  /** How many older entries history no longer holds: `!n` counts from the first ever typed. */
  base?: number;
  memory?: ExpansionMemory;
}

/** The error texts bash prints after `bash: `. */
class ExpansionError extends Error {}

const eventNotFound = (text: string) => new ExpansionError(`${text}: event not found`);
const badWord = (text: string) => new ExpansionError(`${text}: bad word specifier`);

/** A `!` followed by one of these stays a `!` (readline's history_no_expand_chars; `(` for extglob). */
const NO_EXPAND = new Set([' ', '\t', '\n', '\r', '=', '(']);
/** Characters that end a `!prefix` search (history_search_delimiter_chars and event delimiters). */
const SEARCH_STOP = new Set([...';&()|<>', ...'^$*%-', ':']);
const OPERATORS = ['&&', '||', ';;', '<<', '>>', '>&', '<&', '&>', '>|', '|&'];

/**
 * Expand the history references in `input` against `history` (oldest first). Single quotes,
 * a backslash and a `#` comment keep text as it is; so does a `!` that bash leaves alone.
 */
export function expandHistory(input: string, history: readonly string[], options: ExpansionOptions = {}): HistoryExpansion {
  try {
    return new Expander(input, history, options.base ?? 0, options.memory ?? {}).run();
  } catch (error) {
    if (error instanceof ExpansionError) return { ok: false, error: `bash: ${error.message}` };
    throw error;
  }
}

/** The event a reference picked: its text, and for `!?text?` the word that matched. */
interface Event {
  line: string;
  end: number;
  matchWord?: number;
}

class Expander {
  private printOnly = false;
  private expanded = false;

  constructor(
    private readonly input: string,
    private readonly history: readonly string[],
    private readonly base: number,
    private readonly memory: ExpansionMemory,
  ) {}

  run(): HistoryExpansion {
    const { input } = this;
    let out = '';
    let i = 0;
    if (input.startsWith('^')) ({ text: out, end: i } = this.quickSubstitution());
    let single = false;
    let double = false;
    while (i < input.length) {
      const ch = input[i]!;
      if (single) single = ch !== "'";
      else if (ch === '\\' && i + 1 < input.length) {
        // A backslash keeps the next character (a `!` too) for the shell to unquote later.
        out += input.slice(i, i + 2);
        i += 2;
        continue;
      } else if (ch === "'" && !double) single = true;
      else if (ch === '"') double = !double;
      else if (ch === '#' && !double && startsWord(input, i)) {
        const end = lineEnd(input, i);
        out += input.slice(i, end);
        i = end;
        continue;
      } else if (ch === '!' && !literalBang(input, i, double)) {
        const r = this.reference(i, double, out);
        out += r.text;
        i = r.end;
        continue;
      }
      out += ch;
      i++;
    }
    return { ok: true, line: out, expanded: this.expanded, printOnly: this.printOnly };
  }

  /** One `!` reference at i: its event, then an optional word designator and modifiers. */
  private reference(i: number, double: boolean, lineSoFar: string): { text: string; end: number } {
    this.expanded = true;
    const event = this.event(i, double, lineSoFar);
    const words = this.designator(event);
    return this.modifiers(words.text, words.end);
  }

  private event(i: number, double: boolean, lineSoFar: string): Event {
    const { input } = this;
    const c = input[i + 1]!;
    if (c === '!') return { line: this.previous(input.slice(i, i + 2)), end: i + 2 };
    if (c === '#') return { line: lineSoFar, end: i + 2 };
    // `!$`, `!^`, `!*`, `!:2`: words of the previous command.
    if (':$^*%'.includes(c)) return { line: this.previous('!'), end: i + 1 };
    const number = /^-?\d+/.exec(input.slice(i + 1))?.[0];
    if (number !== undefined) return { line: this.numbered(number), end: i + 1 + number.length };
    if (c === '?') return this.containing(i);
    let end = i + 1;
    while (end < input.length && !/\s/.test(input[end]!) && !SEARCH_STOP.has(input[end]!) && !(double && input[end] === '"')) end++;
    const prefix = input.slice(i + 1, end);
    const line = prefix === '' ? undefined : this.newest((entry) => entry.startsWith(prefix));
    if (line === undefined) throw eventNotFound(input.slice(i, end));
    return { line, end };
  }

  private previous(text: string): string {
    const line = this.history[this.history.length - 1];
    if (line === undefined) throw eventNotFound(text);
    return line;
  }

  /** `!n` is the nth command ever typed; `!-n` the nth before this one. */
  private numbered(number: string): string {
    const n = Number(number);
    const index = number.startsWith('-') ? this.history.length + n : n - 1 - this.base;
    const line = index >= 0 && index < this.history.length ? this.history[index] : undefined;
    if (line === undefined) throw eventNotFound(`!${number}`);
    return line;
  }

  /** `!?text?` (the closing `?` may be left out at the end of a line): the newest containing text. */
  private containing(i: number): Event {
    const { input } = this;
    let end = i + 2;
    while (end < input.length && input[end] !== '?' && input[end] !== '\n') end++;
    const needle = input.slice(i + 2, end);
    if (input[end] === '?') end++;
    const line = needle === '' ? undefined : this.newest((entry) => entry.includes(needle));
    if (line === undefined) throw eventNotFound(input.slice(i, end));
    const at = line.lastIndexOf(needle);
    return { line, end, matchWord: tokenize(line).findIndex((t) => t.start <= at && at < t.end) };
  }

  private newest(test: (entry: string) => boolean): string | undefined {
    for (let k = this.history.length - 1; k >= 0; k--) if (test(this.history[k]!)) return this.history[k];
    return undefined;
  }

  /** `:n`, `:x-y`, `:^`, `:$`, `:*`, `:x*`, `:x-` (the colon may go before `^ $ * - %`). */
  private designator(event: Event): { text: string; end: number } {
    const { input } = this;
    const start = event.end;
    let k = start;
    if (input[k] === ':' && /[0-9^$*%-]/.test(input[k + 1] ?? '')) k++;
    else if (!/[\^$*%-]/.test(input[k] ?? '')) return { text: event.line, end: k };
    const words = tokenize(event.line).map((t) => t.text);
    const last = words.length - 1;
    if (input[k] === '*') return { text: words.slice(1).join(' '), end: k + 1 };
    if (input[k] === '$') return { text: words[last] ?? '', end: k + 1 };
    const first = this.firstWord(event, k, start);
    const range = this.lastWord(first.end, first.index, last);
    if (first.index > range.index || range.index > last) throw badWord(input.slice(start, range.end));
    return { text: words.slice(first.index, range.index + 1).join(' '), end: range.end };
  }

  /** The start of a range: `n`, `^` (1), `%` (the word `!?text?` matched); a bare `-` starts at 0. */
  private firstWord(event: Event, k: number, start: number): { index: number; end: number } {
    const c = this.input[k];
    if (c === '-') return { index: 0, end: k };
    if (c === '^') return { index: 1, end: k + 1 };
    if (c === '%') {
      if (event.matchWord === undefined || event.matchWord < 0) throw badWord(this.input.slice(start, k + 1));
      return { index: event.matchWord, end: k + 1 };
    }
    const digits = /^\d+/.exec(this.input.slice(k))![0];
    return { index: Number(digits), end: k + digits.length };
  }

  /** The end of a range: `x*` and `x-$` go to the last word, `x-y` to y, `x-` to the one before the last. */
  private lastWord(k: number, first: number, last: number): { index: number; end: number } {
    const { input } = this;
    if (input[k] === '*') return { index: last, end: k + 1 };
    if (input[k] !== '-') return { index: first, end: k };
    if (input[k + 1] === '$') return { index: last, end: k + 2 };
    const digits = /^\d+/.exec(input.slice(k + 1))?.[0];
    return digits === undefined ? { index: last - 1, end: k + 1 } : { index: Number(digits), end: k + 1 + digits.length };
  }

  private modifiers(text: string, from: number): { text: string; end: number } {
    const { input } = this;
    let k = from;
    let out = text;
    while (input[k] === ':' && k + 1 < input.length) {
      const c = input[k + 1]!;
      if ('htreqxp'.includes(c)) {
        out = this.modify(out, c);
        k += 2;
      } else if ('sg&a'.includes(c)) ({ text: out, end: k } = this.substitute(out, k));
      else throw new ExpansionError(`${c}: unrecognized history modifier`);
    }
    return { text: out, end: k };
  }

  private modify(text: string, modifier: string): string {
    const slash = text.lastIndexOf('/');
    const dot = text.lastIndexOf('.');
    switch (modifier) {
      case 'h':
        return slash < 0 ? text : text.slice(0, slash);
      case 't':
        return text.slice(slash + 1);
      case 'r':
        return dot > slash ? text.slice(0, dot) : text;
      case 'e':
        return dot > slash ? text.slice(dot) : '';
      case 'q':
        return singleQuote(text);
      case 'x':
        return text.split(/[ \t\n]+/).filter((w) => w !== '').map(singleQuote).join(' ');
      default:
        this.printOnly = true;
        return text;
    }
  }

  /** `:s/old/new/`, `:gs/old/new/` (every occurrence) and `:&` (the last substitution again). */
  private substitute(text: string, at: number): { text: string; end: number } {
    const { input } = this;
    let k = at + 1;
    const global = input[k] === 'g' || input[k] === 'a';
    if (global) k++;
    const kind = input[k];
    if (kind !== 's' && kind !== '&') throw new ExpansionError(`${kind ?? ''}: unrecognized history modifier`);
    const parsed = kind === 's' ? parseSubstitution(input, k + 1, this.memory) : { rule: this.memory.substitution, end: k + 1 };
    const { rule, end } = parsed;
    if (!rule) throw new ExpansionError(`${input.slice(at, end)}: no previous substitution`);
    if (!text.includes(rule.from)) throw new ExpansionError(`${input.slice(at, end)}: substitution failed`);
    return { text: global ? text.split(rule.from).join(rule.to) : text.replace(rule.from, () => rule.to), end };
  }

  /** `^old^new^` at the start of a line: `!!:s^old^new^`. */
  private quickSubstitution(): { text: string; end: number } {
    const previous = this.previous('!!');
    this.expanded = true;
    const { rule, end } = parseSubstitution(this.input, 0, this.memory);
    if (!rule || !previous.includes(rule.from)) throw new ExpansionError(`:s${this.input.slice(0, end)}: substitution failed`);
    return { text: previous.replace(rule.from, () => rule.to), end };
  }
}

/**
 * The `/old/new/` of a substitution whose delimiter is at `at`: `\` quotes the delimiter, `&` in
 * new stands for old, an empty old means the last one; the last delimiter may end the line.
 */
function parseSubstitution(input: string, at: number, memory: ExpansionMemory): { rule?: { from: string; to: string }; end: number } {
  const delimiter = input[at];
  if (delimiter === undefined || delimiter === '\n') return { rule: memory.substitution, end: at };
  const from = readPart(input, at + 1, delimiter);
  const to = readPart(input, from.end + 1, delimiter);
  const old = from.text === '' ? memory.substitution?.from : from.text;
  const end = input[to.end] === delimiter ? to.end + 1 : to.end;
  if (old === undefined) return { end };
  memory.substitution = { from: old, to: to.text.replace(/\\&|&/g, (m) => (m === '&' ? old : '&')) };
  return { rule: memory.substitution, end };
}

function readPart(input: string, from: number, delimiter: string): { text: string; end: number } {
  let text = '';
  let k = from;
  while (k < input.length && input[k] !== delimiter && input[k] !== '\n') {
    if (input[k] === '\\' && input[k + 1] === delimiter) k++;
    text += input[k];
    k++;
  }
  return { text, end: k };
}

/** Whether bash leaves the `!` at i as it is: before a blank, `=` or `(`, in `$!`, `${!x}`, `[!x]`. */
function literalBang(input: string, i: number, double: boolean): boolean {
  const next = input[i + 1];
  const prev = input[i - 1];
  if (next === undefined || NO_EXPAND.has(next) || (double && next === '"')) return true;
  if (prev === '$') return true;
  if (prev === '{' && input[i - 2] === '$' && input.includes('}', i + 1)) return true;
  return prev === '[' && input.includes(']', i + 1);
}

/** A `#` starts a comment only at the start of a word. */
function startsWord(input: string, i: number): boolean {
  return i === 0 || /[\s;&()|<>]/.test(input[i - 1]!);
}

function lineEnd(input: string, i: number): number {
  const eol = input.indexOf('\n', i);
  return eol < 0 ? input.length : eol;
}

function singleQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The words of a history line as word designators count them (readline's history_tokenize):
 * quotes and backslashes keep a word together, and operators such as `|`, `>` and `&&` are
 * words of their own.
 */
export function tokenize(line: string): { text: string; start: number; end: number }[] {
  const words: { text: string; start: number; end: number }[] = [];
  let i = 0;
  while (i < line.length) {
    if (/\s/.test(line[i]!)) {
      i++;
      continue;
    }
    const start = i;
    if (';&()|<>'.includes(line[i]!)) i += OPERATORS.includes(line.slice(i, i + 2)) ? 2 : 1;
    else i = wordEnd(line, i);
    words.push({ text: line.slice(start, i), start, end: i });
  }
  return words;
}

function wordEnd(line: string, from: number): number {
  let i = from;
  let quote: string | undefined;
  while (i < line.length) {
    const ch = line[i]!;
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '\\') i++;
    else if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (/\s/.test(ch) || ';&()|<>'.includes(ch)) break;
    i++;
  }
  return Math.min(i, line.length);
}
