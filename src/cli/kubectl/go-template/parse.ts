/**
 * The part of Go's text/template that `kubectl get -o go-template` templates use, parsed as Go
 * parses it: text and `{{ }}` actions (with `{{-`/`-}}` trimming and comments), pipelines of
 * commands joined by `|`, variables (`$x :=`, `$i, $e :=`, `$x =`), field chains (`.a.b`,
 * `$x.a`, `(pipe).a`), literals, and `if`/`else if`/`range`/`with`/`break`/`continue`/`end`.
 * Errors read as text/template's: `template: output:1: unclosed action`.
 */
export type Arg =
  | { kind: 'dot' }
  | { kind: 'field'; receiver?: Arg; chain: string[] }
  | { kind: 'var'; name: string; chain: string[] }
  | { kind: 'func'; name: string }
  | { kind: 'string' | 'number' | 'bool' | 'nil'; value: unknown }
  | { kind: 'pipe'; pipe: Pipe };

export interface Pipe {
  decl: string[];
  /** `=` assigns to declared variables; `:=` declares them. */
  assign: boolean;
  cmds: Arg[][];
  line: number;
  col: number;
  /** The action's text, which execution errors quote (`at <.a.b>`). */
  source: string;
}

export type TemplateNode =
  | { kind: 'text'; text: string }
  | { kind: 'action'; pipe: Pipe }
  | { kind: 'if' | 'with' | 'range'; pipe: Pipe; list: TemplateNode[]; otherwise?: TemplateNode[] }
  | { kind: 'break' | 'continue' };

export class TemplateError extends Error {
  /** Execution only: the output written before the error. */
  partial?: string;
}

const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'break', 'continue', 'define', 'template', 'block']);
/** text/template's builtins, and the two kubectl's printer adds (base64decode, exists). */
export const FUNCTIONS = new Set(['and', 'or', 'not', 'len', 'index', 'print', 'printf', 'println', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'html', 'js', 'urlquery', 'slice', 'base64decode', 'exists']);

interface Action {
  body: string;
  line: number;
  /** Byte offset in its line of the action's first token, where Go's errors point. */
  col: number;
}

/** Splits a template into text and action bodies, trimming around `{{-` and `-}}`. */
function scan(src: string): (string | Action)[] {
  const out: (string | Action)[] = [];
  let pos = 0;
  for (;;) {
    const open = src.indexOf('{{', pos);
    let text = open < 0 ? src.slice(pos) : src.slice(pos, open);
    if (open >= 0 && /^\{\{-\s/.test(src.slice(open, open + 4))) text = text.replace(/\s+$/, '');
    if (text) out.push(text);
    if (open < 0) return out;
    const line = src.slice(0, open).split('\n').length;
    const close = findClose(src, open + 2, line);
    let body = src.slice(open + 2, close);
    const trimmed = /^-\s/.test(body);
    if (trimmed) body = body.slice(2);
    const col = open + 2 + (trimmed ? 2 : 0) - (src.lastIndexOf('\n', open) + 1);
    let next = close + 2;
    if (/\s-$/.test(body)) {
      body = body.slice(0, -2);
      while (next < src.length && /\s/.test(src[next]!)) next++;
    }
    if (!/^\s*\/\*[\s\S]*\*\/\s*$/.test(body)) out.push({ body, line, col });
    pos = next;
  }
}

/** The `}}` closing an action, skipping quoted strings and comments. */
function findClose(src: string, from: number, line: number): number {
  for (let i = from; i < src.length; i++) {
    const c = src[i]!;
    if (c === '"' || c === '`' || c === "'") {
      const end = c === '`' ? src.indexOf('`', i + 1) : quotedEnd(src, i);
      if (end < 0) throw new TemplateError(`template: output:${line}: unterminated quoted string`);
      i = end;
    } else if (src.startsWith('/*', i)) {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) throw new TemplateError(`template: output:${line}: unclosed comment`);
      i = end + 1;
    } else if (src.startsWith('}}', i)) return i;
    // text/template lexes a lone `}` inside an action as a character no operand can start with.
    else if (c === '}') throw new TemplateError(`template: output:${line}: bad character U+007D '}'`);
  }
  throw new TemplateError(`template: output:${line}: unclosed action`);
}

function quotedEnd(src: string, start: number): number {
  for (let i = start + 1; i < src.length; i++) {
    if (src[i] === '\\') i++;
    else if (src[i] === src[start]) return i;
    else if (src[i] === '\n') return -1;
  }
  return -1;
}

const TOKEN = /\s*(?:("(?:[^"\\\n]|\\.)*")|(`[^`]*`)|('(?:[^'\\]|\\.[^']*)')|(:=|=|\||\(|\)|,)|(\$[A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)|((?:\.[A-Za-z0-9_]+)+|\.)|([-+]?\d[\w.]*(?:[eEpP][-+]\d+)?)|([A-Za-z_][A-Za-z0-9_]*))/y;

/** Parses the whole template into a node list. */
export function parseTemplate(src: string): TemplateNode[] {
  const items = scan(src);
  let i = 0;
  let ranges = 0;
  const list = (ends: string[]): { nodes: TemplateNode[]; end: string; endItem?: Action } => {
    const nodes: TemplateNode[] = [];
    for (; i < items.length; i++) {
      const item = items[i]!;
      if (typeof item === 'string') {
        nodes.push({ kind: 'text', text: item });
        continue;
      }
      const word = /^\s*([A-Za-z]+)\b/.exec(item.body)?.[1] ?? '';
      if (word === 'end' || word === 'else') {
        if (!ends.includes(word)) throw new TemplateError(`template: output:${item.line}: unexpected {{${word}}}`);
        i++;
        return { nodes, end: word, endItem: item };
      }
      if (word === 'if' || word === 'range' || word === 'with') {
        i++;
        nodes.push(control(word, item, item.body.replace(/^\s*[a-z]+/, '')));
        i--;
      } else if (word === 'break' || word === 'continue') {
        if (ranges === 0) throw new TemplateError(`template: output:${item.line}: {{${word}}} outside {{range}}`);
        if (item.body.trim() !== word) throw new TemplateError(`template: output:${item.line}: unexpected ${JSON.stringify(item.body.trim().slice(word.length).trim())} in ${word}`);
        nodes.push({ kind: word });
      }
      else if (KEYWORDS.has(word)) throw new TemplateError(`template: output:${item.line}: {{${word}}} is not supported here`);
      else nodes.push({ kind: 'action', pipe: parsePipe(item.body, item.line, item.col) });
    }
    if (ends.length > 0) throw new TemplateError(`template: output:${items.length ? lineOf(items.at(-1)!) : 1}: unexpected EOF`);
    return { nodes, end: '' };
  };
  const control = (kind: 'if' | 'range' | 'with', item: Action, rest: string): TemplateNode => {
    const pipe = parsePipe(rest, item.line, item.col + item.body.length - rest.length);
    if (kind === 'range') ranges++;
    const body = list(['end', 'else']);
    if (kind === 'range') ranges--;
    if (body.end === 'end') return { kind, pipe, list: body.nodes };
    const elseBody = body.endItem!.body.replace(/^\s*else\s*/, '');
    // `{{else if x}}` (or `else with`) opens a nested clause that the same {{end}} closes.
    const chained = /^(if|with)\b/.exec(elseBody);
    if (chained) return { kind, pipe, list: body.nodes, otherwise: [control(chained[1] as 'if' | 'with', body.endItem!, elseBody.slice(chained[1]!.length))] };
    const otherwise = list(['end']);
    return { kind, pipe, list: body.nodes, otherwise: otherwise.nodes };
  };
  return list([]).nodes;
}

const lineOf = (item: string | Action) => (typeof item === 'string' ? 1 : item.line);

/** One pipeline: `[$a[, $b] :=|=] cmd | cmd ...`. */
function parsePipe(body: string, line: number, col: number): Pipe {
  const tokens = tokenize(body, line);
  const pipe: Pipe = { decl: [], assign: false, cmds: [], line, col: col + (/^\s*/.exec(body)![0].length), source: body.trim() };
  let t = 0;
  const decl = /^(\$[A-Za-z0-9_]*)(?:\s*,\s*(\$[A-Za-z0-9_]*))?\s*(:=|=)/.exec(body.trim());
  if (decl) {
    pipe.decl = [decl[1]!, ...(decl[2] ? [decl[2]] : [])];
    pipe.assign = decl[3] === '=';
    t = pipe.decl.length * 2;
  }
  const parseCmd = (stop: string[]): Arg[] => {
    const args: Arg[] = [];
    while (t < tokens.length && !stop.includes(tokens[t]!)) args.push(parseArg());
    return args;
  };
  const parseArg = (): Arg => {
    const tok = tokens[t++]!;
    if (tok === '(') {
      const inner: Pipe = { decl: [], assign: false, cmds: [], line, col: pipe.col, source: pipe.source };
      for (;;) {
        inner.cmds.push(parseCmd(['|', ')']));
        if (tokens[t] === ')') break;
        if (t >= tokens.length) throw new TemplateError(`template: output:${line}: unclosed left paren`);
        t++;
      }
      t++;
      const after = tokens[t];
      if (after?.startsWith('.') && after.length > 1) {
        t++;
        return { kind: 'field', receiver: { kind: 'pipe', pipe: inner }, chain: after.slice(1).split('.') };
      }
      return { kind: 'pipe', pipe: inner };
    }
    return literal(tok, line);
  };
  for (;;) {
    const cmd = parseCmd(['|']);
    if (cmd.length === 0) throw new TemplateError(`template: output:${line}: missing value for command`);
    pipe.cmds.push(cmd);
    if (t >= tokens.length) break;
    t++;
  }
  return pipe;
}

function tokenize(body: string, line: number): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  for (;;) {
    if (/^\s*$/.test(body.slice(TOKEN.lastIndex))) return out;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(body);
    if (!m) throw new TemplateError(`template: output:${line}: unexpected "${body.slice(at).trim()[0]}" in command`);
    out.push(m[0].trim());
  }
}

function literal(tok: string, line: number): Arg {
  if (tok === '.') return { kind: 'dot' };
  if (tok.startsWith('.')) return { kind: 'field', chain: tok.slice(1).split('.') };
  if (tok.startsWith('$')) {
    const [name, ...chain] = tok.split('.');
    return { kind: 'var', name: name!, chain };
  }
  if (tok.startsWith('"')) return { kind: 'string', value: goUnquote(tok.slice(1, -1), line) };
  if (tok.startsWith('`')) return { kind: 'string', value: tok.slice(1, -1) };
  // Go's int constants (bigint here) stay apart from float64s.
  if (tok.startsWith("'")) return { kind: 'number', value: BigInt(goUnquote(tok.slice(1, -1), line).codePointAt(0)!) };
  if (/^[-+]?\d/.test(tok)) return { kind: 'number', value: goNumber(tok, line) };
  if (tok === 'true' || tok === 'false') return { kind: 'bool', value: tok === 'true' };
  if (tok === 'nil') return { kind: 'nil', value: null };
  if (FUNCTIONS.has(tok)) return { kind: 'func', name: tok };
  if ([':=', '=', '|', ')', ','].includes(tok)) throw new TemplateError(`template: output:${line}: unexpected "${tok}" in command`);
  throw new TemplateError(`template: output:${line}: function "${tok}" not defined`);
}

/** A Go number literal: ints (0x, 0o, 0b, old octal, `_` separators) as bigint, others as float64. */
function goNumber(tok: string, line: number): bigint | number {
  const negative = tok.startsWith('-');
  const body = tok.replace(/^[-+]/, '').replace(/_/g, '');
  const int = /^0[xX][0-9a-fA-F]+$|^0[oO]?[0-7]+$|^0[bB][01]+$|^[1-9]\d*$|^0$/.test(body);
  if (int) {
    const value = /^0[0-7]/.test(body) ? BigInt(`0o${body.slice(1)}`) : BigInt(body.replace(/^0[oO]/, '0o'));
    if (value > 0x7fffffffffffffffn) throw new TemplateError(`template: output:${line}: number ${tok} overflows int`);
    return negative ? -value : value;
  }
  const hexFloat = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([-+]?\d+)$/.exec(body);
  const value = hexFloat ? (parseInt(hexFloat[1] || '0', 16) + parseInt(hexFloat[2] || '0', 16) / 16 ** (hexFloat[2]?.length ?? 0)) * 2 ** Number(hexFloat[3]) : Number(body);
  if (Number.isNaN(value)) throw new TemplateError(`template: output:${line}: illegal number syntax: "${tok}"`);
  return negative ? -value : value;
}

/** Go's string-literal escapes: \a \b \f \n \r \t \v \\ \" \' \xHH \OOO \uHHHH \UHHHHHHHH. */
function goUnquote(body: string, line: number): string {
  return body.replace(/\\(?:([abfnrtv\\"'])|x([0-9a-fA-F]{2})|([0-7]{3})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|(.))/g, (_m, simple?: string, hex?: string, oct?: string, u?: string, bigU?: string, other?: string) => {
    if (other !== undefined) throw new TemplateError(`template: output:${line}: unknown escape sequence: \\${other}`);
    if (simple) return ({ a: '\u0007', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\u000b' } as Record<string, string>)[simple] ?? simple;
    return String.fromCodePoint(parseInt(hex ?? oct ?? u ?? bigU!, hex || u || bigU ? 16 : 8));
  });
}
