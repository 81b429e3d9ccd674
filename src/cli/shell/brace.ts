/**
 * Brace expansion, the first expansion bash does: `{a,b}` and `file{1,2}.txt` give a word per
 * item, `{1..5}`, `{01..10}`, `{5..1..2}` and `{a..e}` a sequence. It applies to unquoted text
 * only; a brace with neither a comma nor a sequence (`{}`, `{a}`) stays literal, as for xargs -I.
 */
import type { Word, WordPart } from './ast';

/** A word can make at most this many (bash has no limit; a terminal does). */
const MAX_WORDS = 10_000;

export function braceExpand(word: Word): Word[] {
  for (let i = 0; i < word.parts.length; i++) {
    const part = word.parts[i]!;
    if (part.kind !== 'lit' || part.quoted) continue;
    const found = findBrace(part.text);
    if (!found) continue;
    const before = part.text.slice(0, found.start);
    const after = part.text.slice(found.end + 1);
    const words: Word[] = [];
    for (const item of found.items) {
      const parts: WordPart[] = [...word.parts.slice(0, i), { kind: 'lit', text: before + item + after, quoted: false }, ...word.parts.slice(i + 1)];
      words.push(...braceExpand({ parts, raw: word.raw }));
      if (words.length >= MAX_WORDS) return words.slice(0, MAX_WORDS);
    }
    return words;
  }
  return [word];
}

/** The first `{...}` in `text` that expands, with its items. */
function findBrace(text: string): { start: number; end: number; items: string[] } | undefined {
  for (let start = text.indexOf('{'); start >= 0; start = text.indexOf('{', start + 1)) {
    const end = matchingBrace(text, start);
    if (end < 0) return undefined;
    const body = text.slice(start + 1, end);
    const items = commaItems(body) ?? sequence(body);
    if (items) return { start, end, items };
  }
  return undefined;
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** `a,b,{c,d}`: the top-level comma-separated items, or undefined without a comma. */
function commaItems(body: string): string[] | undefined {
  const items: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of body) {
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    if (ch === ',' && depth === 0) {
      items.push(current);
      current = '';
    } else current += ch;
  }
  if (items.length === 0) return undefined;
  return [...items, current];
}

/** `1..5`, `01..10` (zero-padded), `10..1..3`, `a..e`. */
function sequence(body: string): string[] | undefined {
  const numeric = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(body);
  if (numeric) {
    const [from, to] = [Number(numeric[1]), Number(numeric[2])];
    const step = Math.abs(Number(numeric[3] ?? 1)) || 1;
    const padded = [numeric[1]!, numeric[2]!].some((n) => /^-?0\d/.test(n));
    const width = padded ? Math.max(numeric[1]!.length, numeric[2]!.length) : 0;
    const out: string[] = [];
    for (let n = from; from <= to ? n <= to : n >= to; n += from <= to ? step : -step) {
      out.push(width ? (n < 0 ? `-${String(-n).padStart(width - 1, '0')}` : String(n).padStart(width, '0')) : String(n));
      if (out.length >= MAX_WORDS) break;
    }
    return out;
  }
  const chars = /^([a-zA-Z])\.\.([a-zA-Z])$/.exec(body);
  if (!chars) return undefined;
  const [a, b] = [chars[1]!.charCodeAt(0), chars[2]!.charCodeAt(0)];
  const out: string[] = [];
  for (let c = a; a <= b ? c <= b : c >= b; c += a <= b ? 1 : -1) out.push(String.fromCharCode(c));
  return out;
}
