/**
 * The subset of kubectl's JSONPath templates (k8s.io/client-go/util/jsonpath) learners use:
 * text with `{...}` expressions; paths `.a.b`, `['a.b']`, `.a\.b`, `[n]`, `[-1]`, `[a:b]`, `[*]`,
 * `.*`, `..name`; filters `[?(@.type=="Ready")]`, `[?(@.port>80)]`, `[?(@.ready)]`; string
 * literals `{"\n"}`; and `{range ...}...{end}`. Missing keys print nothing, as kubectl's
 * `--allow-missing-template-keys=true` default does.
 */
import { canonicalJson } from '../../engine/sim/hash';

type Segment =
  | { t: 'field'; name: string }
  | { t: 'recursive'; name: string }
  | { t: 'wildcard' }
  | { t: 'index'; index: number }
  | { t: 'slice'; start?: number; end?: number }
  | { t: 'filter'; path: Segment[]; op?: string; value?: unknown }
  /** `['a', 'b.c']`, `[0,2]`: each member a path of its own, evaluated over every value in turn. */
  | { t: 'union'; members: Segment[][] };

type TemplateNode = { t: 'text'; text: string } | { t: 'path'; path: Segment[] } | { t: 'range'; path: Segment[]; body: TemplateNode[] };

export class JsonPathError extends Error {}

/** client-go's evalArray refusing an index past the end: only `-o jsonpath` templates fail on it. */
export class JsonPathRangeError extends Error {}

/** Parse a path like `.items[*].metadata.name` (leading `$`/`@` optional). */
export function parsePath(expr: string): Segment[] {
  let s = expr.trim();
  if (s.startsWith('$') || s.startsWith('@')) s = s.slice(1);
  const out: Segment[] = [];
  let i = 0;
  while (i < s.length) {
    if (s.startsWith('..', i)) {
      const [name, next] = readName(s, i + 2);
      out.push({ t: 'recursive', name });
      i = next;
    } else if (s[i] === '.') {
      if (s[i + 1] === '*') {
        out.push({ t: 'wildcard' });
        i += 2;
        continue;
      }
      const [name, next] = readName(s, i + 1);
      if (name !== '') out.push({ t: 'field', name });
      i = next;
    } else if (s[i] === '[') {
      const close = findClose(s, i);
      out.push(parseBracket(s.slice(i + 1, close)));
      i = close + 1;
    } else {
      const [name, next] = readName(s, i);
      if (name === '') throw new JsonPathError(`unrecognized character in action: U+${s.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')} '${s[i]}'`);
      out.push({ t: 'field', name });
      i = next;
    }
  }
  return out;
}

function readName(s: string, from: number): [string, number] {
  let name = '';
  let i = from;
  while (i < s.length && s[i] !== '.' && s[i] !== '[') {
    if (s[i] === '\\' && i + 1 < s.length) i++;
    name += s[i];
    i++;
  }
  return [name, i];
}

function findClose(s: string, open: number): number {
  let depth = 0;
  let quote = '';
  for (let i = open; i < s.length; i++) {
    const ch = s[i]!;
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[') depth++;
    else if (ch === ']' && --depth === 0) return i;
  }
  throw new JsonPathError('unterminated array');
}

function parseBracket(inner: string): Segment {
  const body = inner.trim();
  if (body === '*') return { t: 'wildcard' };
  if (body.startsWith('?(') && body.endsWith(')')) return parseFilter(body.slice(2, -1).trim());
  const members = unionMembers(body);
  if (members.length > 1) return { t: 'union', members: members.map(memberPath) };
  // A quoted name is a path, as client-go reads it: `['labels.app']` is .labels.app.
  const quoted = /^(['"])(.*)\1$/.exec(body);
  if (quoted) {
    const path = parsePath(`.${quoted[2]!}`);
    return path.length === 1 ? path[0]! : { t: 'union', members: [path] };
  }
  if (/^-?\d+$/.test(body)) return { t: 'index', index: Number(body) };
  const slice = /^(-?\d*):(-?\d*)$/.exec(body);
  if (slice) return { t: 'slice', start: slice[1] ? Number(slice[1]) : undefined, end: slice[2] ? Number(slice[2]) : undefined };
  throw new JsonPathError(`invalid array index ${body}`);
}

/** The comma-separated members of a bracket, commas inside quotes left alone. */
function unionMembers(body: string): string[] {
  const out: string[] = [];
  let quote = '';
  let current = '';
  for (const ch of body) {
    if (quote) quote = ch === quote ? '' : quote;
    else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === ',') {
      out.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  return [...out, current.trim()];
}

function memberPath(member: string): Segment[] {
  const quoted = /^(['"])(.*)\1$/.exec(member);
  if (quoted) return parsePath(`.${quoted[2]!}`);
  if (/^-?\d+$/.test(member)) return [{ t: 'index', index: Number(member) }];
  throw new JsonPathError(`invalid array index ${member}`);
}

function parseFilter(expr: string): Segment {
  const m = /^(@[^=!<>\s]*)\s*(==|!=|<=|>=|<|>)\s*(.+)$/.exec(expr);
  if (!m) return { t: 'filter', path: parsePath(expr) };
  return { t: 'filter', path: parsePath(m[1]!), op: m[2]!, value: parseLiteral(m[3]!.trim()) };
}

function parseLiteral(text: string): unknown {
  const quoted = /^(['"])(.*)\1$/.exec(text);
  if (quoted) return quoted[2];
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

/** Parse a whole template into text, path and range nodes. */
export function parseTemplate(template: string): TemplateNode[] {
  const root: TemplateNode[] = [];
  const stack: TemplateNode[][] = [root];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    const top = stack[stack.length - 1]!;
    if (open < 0) {
      top.push({ t: 'text', text: template.slice(i) });
      break;
    }
    if (open > i) top.push({ t: 'text', text: template.slice(i, open) });
    const close = closingBrace(template, open);
    const action = template.slice(open + 1, close).trim();
    i = close + 1;
    if (action === 'end') {
      if (stack.length === 1) throw new JsonPathError('not in range, nothing to end');
      stack.pop();
    } else if (action.startsWith('range ')) {
      const node: TemplateNode = { t: 'range', path: parsePath(action.slice(6)), body: [] };
      top.push(node);
      stack.push(node.body);
    } else if (/^(["']).*\1$/s.test(action)) {
      top.push({ t: 'text', text: unescape(action.slice(1, -1)) });
    } else if (action !== '') {
      top.push({ t: 'path', path: parsePath(action) });
    }
  }
  if (stack.length > 1) throw new JsonPathError('unclosed action');
  return root;
}

function closingBrace(template: string, open: number): number {
  let quote = '';
  for (let i = open + 1; i < template.length; i++) {
    const ch = template[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
    } else if (ch === '"') quote = ch;
    else if (ch === '}') return i;
  }
  throw new JsonPathError('unclosed action');
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, (_, ch: string) => ({ n: '\n', t: '\t', r: '\r' })[ch] ?? ch);
}

/** Every value a path selects from `root`. */
export function evaluatePath(path: Segment[], root: unknown, strict = false): unknown[] {
  let values: unknown[] = [root];
  for (const seg of path) {
    // A union takes each member over every value, member by member (client-go's evalUnion).
    const current = values;
    values = seg.t === 'union' ? seg.members.flatMap((member) => current.flatMap((v) => evaluatePath(member, v, strict))) : current.flatMap((v) => step(seg, v, strict));
  }
  return values;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function children(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (isObject(v)) return Object.keys(v).sort().map((k) => v[k]);
  return [];
}

function step(seg: Segment, v: unknown, strict: boolean): unknown[] {
  switch (seg.t) {
    case 'field':
      return isObject(v) && seg.name in v ? [v[seg.name]] : [];
    case 'wildcard':
      return children(v);
    case 'recursive':
      return recursive(seg.name, v);
    case 'index': {
      if (!Array.isArray(v)) return [];
      const at = seg.index < 0 ? v.length + seg.index : seg.index;
      if (at >= 0 && at < v.length) return [v[at]];
      if (strict) throw new JsonPathRangeError(`array index out of bounds: index ${at}, length ${v.length}`);
      return [];
    }
    case 'slice':
      return Array.isArray(v) ? v.slice(seg.start ?? 0, seg.end ?? v.length) : [];
    case 'filter':
      return children(v).filter((item) => filterMatches(seg, item));
    case 'union':
      return seg.members.flatMap((member) => evaluatePath(member, v, strict));
  }
}

function recursive(name: string, v: unknown): unknown[] {
  const out: unknown[] = [];
  if (isObject(v) && name in v) out.push(v[name]);
  for (const child of children(v)) out.push(...recursive(name, child));
  return out;
}

function filterMatches(seg: Extract<Segment, { t: 'filter' }>, item: unknown): boolean {
  const found = evaluatePath(seg.path, item);
  if (!seg.op) return found.length > 0 && found[0] !== false && found[0] !== null;
  return found.some((left) => compare(left, seg.op!, seg.value));
}

function compare(left: unknown, op: string, right: unknown): boolean {
  if (op === '==') return left === right || String(left) === String(right);
  if (op === '!=') return !(left === right || String(left) === String(right));
  const a = Number(left);
  const b = Number(right);
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
}

/**
 * A value as the template prints it: strings raw, everything else as JSON with object keys sorted,
 * as Go's encoding/json marshals the unstructured maps kubectl holds.
 */
export function formatValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return canonicalJson(v);
}

function render(nodes: TemplateNode[], root: unknown, current: unknown): string {
  let out = '';
  for (const node of nodes) {
    if (node.t === 'text') out += node.text;
    else if (node.t === 'path') out += evaluatePath(node.path, current, true).map(formatValue).join(' ');
    else for (const item of evaluatePath(node.path, current, true)) out += render(node.body, root, item);
  }
  return out;
}

/**
 * What each step of a template yields, in order, for `-o jsonpath-as-json`: a text literal yields
 * itself, a path its values, a range its body's steps once per item (kubectl prints each as a
 * JSON array of its own).
 */
export function templateResults(template: string, data: unknown): unknown[][] {
  const out: unknown[][] = [];
  const walk = (nodes: TemplateNode[], current: unknown) => {
    for (const node of nodes) {
      if (node.t === 'text') out.push([node.text]);
      else if (node.t === 'path') out.push(evaluatePath(node.path, current, true));
      else for (const item of evaluatePath(node.path, current, true)) walk(node.body, item);
    }
  };
  walk(parseTemplate(template), data);
  return out;
}

/** Execute a template against an object (a single object, or a List for several). */
export function executeTemplate(template: string, data: unknown): string {
  return render(parseTemplate(template), data, data);
}

/** kubectl's RelaxedJSONPathExpression: `.a.b`, `a.b` and `{.a.b}` all mean the same path. */
export function relaxedPath(expr: string): Segment[] {
  return parsePath(relaxedExpression(expr).slice(1, -1));
}

/** kubectl's RelaxedJSONPathExpression: `metadata.name` and `.metadata.name` become `{.metadata.name}`. */
export function relaxedExpression(expr: string): string {
  let s = expr.trim();
  if (s.startsWith('{') && s.endsWith('}')) s = s.slice(1, -1);
  if (!s.startsWith('.') && !s.startsWith('$') && !s.startsWith('[')) s = `.${s}`;
  return `{${s}}`;
}
