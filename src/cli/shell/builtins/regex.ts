/**
 * POSIX regular expressions (as grep reads them) translated to JavaScript ones. Basic syntax
 * (BRE) treats `( ) { } | + ?` as literals and their backslashed forms as operators; extended
 * syntax (ERE) is the other way round. Bracket expressions keep backslashes literal and know the
 * `[:alpha:]` classes.
 */
/** POSIX character classes as JavaScript bracket ranges (C locale); glob patterns use them too. */
export const CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: 'a-zA-Z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  xdigit: '0-9A-Fa-f',
  punct: '!-\\/:-@\\[-`{-~',
  cntrl: '\\x00-\\x1f\\x7f',
  print: ' -~',
  graph: '!-~',
};

const GROUPING = '(){}|+?';

/** A pattern grep rejects, with its GNU message (`Unmatched ( or \(`). */
export class PatternError extends Error {}

/** Translate one POSIX pattern into JavaScript regular expression source. */
export function posixToJs(pattern: string, extended: boolean): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[++i];
      if (next === undefined) throw new PatternError('Trailing backslash');
      if (next === '<' || next === '>') out += '\\b';
      else if (GROUPING.includes(next)) out += extended ? `\\${next}` : next;
      else out += `\\${next}`;
    } else if (c === '[') {
      const { source, end } = bracket(pattern, i);
      out += source;
      i = end;
    } else if (GROUPING.includes(c)) out += extended ? c : `\\${c}`;
    else if (c === '*' && (out === '' || out.endsWith('(') || out.endsWith('|') || out === '^')) out += '\\*';
    else out += c;
  }
  return out;
}

/** A bracket expression starting at `start`; returns its JS form and the index of its `]`. */
function bracket(pattern: string, start: number): { source: string; end: number } {
  let i = start + 1;
  let out = '[';
  if (pattern[i] === '^') {
    out += '^';
    i++;
  }
  if (pattern[i] === ']') {
    out += '\\]';
    i++;
  }
  for (; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === ']') return { source: out + ']', end: i };
    if (c === '[' && pattern[i + 1] === ':') {
      const close = pattern.indexOf(':]', i + 2);
      if (close < 0) break;
      const cls = CLASSES[pattern.slice(i + 2, close)];
      if (cls === undefined) throw new PatternError('Invalid character class name');
      out += cls;
      i = close + 1;
    } else if (c === '\\' || c === '[') out += `\\${c}`;
    else out += c;
  }
  throw new PatternError('Unmatched [, [^, [:, [., or [=');
}

/** Build the RegExp, turning JavaScript's syntax errors into grep's messages. */
export function compile(source: string, flags: string): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (e) {
    const message = e instanceof Error ? e.message : '';
    if (/Unterminated group/.test(message)) throw new PatternError('Unmatched ( or \\(');
    if (/Unmatched '\)'/.test(message)) throw new PatternError('Unmatched ) or \\)');
    if (/Nothing to repeat/.test(message)) throw new PatternError('Invalid preceding regular expression');
    if (/numbers out of order/.test(message)) throw new PatternError('Invalid content of \\{\\}');
    throw new PatternError('Invalid regular expression');
  }
}

/** Escape a fixed string (`grep -F`) for use inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
