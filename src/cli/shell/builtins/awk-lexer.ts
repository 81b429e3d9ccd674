/**
 * Tokens of an awk program. A `/` starts a regular expression where an operand is expected and
 * divides elsewhere, as in every awk; newlines separate statements like `;`.
 */
export type Token =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 're'; v: string }
  | { t: 'name'; v: string }
  | { t: 'func'; v: string }
  | { t: 'op'; v: string }
  | { t: 'nl' }
  | { t: 'eof' };

export class AwkSyntaxError extends Error {}

const KEYWORDS = new Set(['BEGIN', 'END', 'print', 'printf', 'if', 'else', 'for', 'in', 'while', 'next', 'exit', 'delete', 'getline']);
const OPERATORS = ['+=', '-=', '*=', '/=', '%=', '^=', '==', '!=', '<=', '>=', '!~', '&&', '||', '++', '--', '>>', '{', '}', '(', ')', '[', ']', ';', ',', '+', '-', '*', '/', '%', '^', '!', '>', '<', '~', '?', ':', '=', '$'];
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/' };

/** Whether the previous token ends an operand (so `/` divides rather than starts a regex). */
function endsOperand(prev: Token | undefined): boolean {
  if (!prev) return false;
  if (prev.t === 'num' || prev.t === 'str' || prev.t === 're' || prev.t === 'name') return true;
  return prev.t === 'op' && [')', ']', '++', '--'].includes(prev.v);
}

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const err = (msg: string): never => {
    throw new AwkSyntaxError(`awk: line 1: ${msg}`);
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || (c === '\\' && src[i + 1] === '\n')) {
      i += c === '\\' ? 2 : 1;
    } else if (c === '\n') {
      out.push({ t: 'nl' });
      i++;
    } else if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (/[0-9.]/.test(c) && /[0-9]/.test(src[c === '.' ? i + 1 : i] ?? '')) {
      const m = /^(\d*\.?\d*(?:[eE][-+]?\d+)?)/.exec(src.slice(i))!;
      out.push({ t: 'num', v: Number(m[1]) });
      i += m[1]!.length;
    } else if (c === '"') {
      let v = '';
      for (i++; src[i] !== '"'; i++) {
        if (i >= src.length || src[i] === '\n') err('runaway string constant');
        if (src[i] === '\\' && i + 1 < src.length) v += ESCAPES[src[++i]!] ?? `\\${src[i]}`;
        else v += src[i];
      }
      i++;
      out.push({ t: 'str', v });
    } else if (c === '/' && !endsOperand(out[out.length - 1])) {
      let v = '';
      for (i++; src[i] !== '/'; i++) {
        if (i >= src.length || src[i] === '\n') err('unterminated regexp');
        if (src[i] === '\\' && src[i + 1] === '/') v += src[++i];
        else v += src[i];
      }
      i++;
      out.push({ t: 're', v });
    } else if (/[A-Za-z_]/.test(c)) {
      const name = /^[A-Za-z_]\w*/.exec(src.slice(i))![0];
      i += name.length;
      if (KEYWORDS.has(name)) out.push({ t: 'op', v: name });
      else if (src[i] === '(' && ['length', 'substr', 'index', 'split', 'sub', 'gsub', 'toupper', 'tolower', 'sprintf', 'int', 'match'].includes(name)) out.push({ t: 'func', v: name });
      else out.push({ t: 'name', v: name });
    } else {
      const op = OPERATORS.find((o) => src.startsWith(o, i));
      if (!op) err(`syntax error at \`${c}'`);
      out.push({ t: 'op', v: op! });
      i += op!.length;
    }
  }
  out.push({ t: 'eof' });
  return out;
}
