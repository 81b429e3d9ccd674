/**
 * The string operators of `${NAME...}` that take a pattern or a range: `#`/`##` and `%`/`%%`
 * remove the shortest or longest matching prefix or suffix, the `/` forms replace the longest
 * match (first, every, anchored at the start or the end), `:offset:length` takes a substring,
 * `^ ^^ , ,,` change case. Patterns are the shell's globs (patternMatches), quoted parts literal.
 */
import { evaluateArithmetic } from '../../engine/apps/arith';
import { patternMatches } from './glob';

/** Beyond this length a value is not searched character by character (each test is a regex run). */
const MAX_SEARCHED = 20_000;

export function removePrefix(value: string, pattern: string, longest: boolean): string {
  if (value.length > MAX_SEARCHED) return value;
  for (let i = longest ? value.length : 0; longest ? i >= 0 : i <= value.length; i += longest ? -1 : 1) {
    if (patternMatches(pattern, value.slice(0, i))) return value.slice(i);
  }
  return value;
}

export function removeSuffix(value: string, pattern: string, longest: boolean): string {
  if (value.length > MAX_SEARCHED) return value;
  for (let i = longest ? 0 : value.length; longest ? i <= value.length : i >= 0; i += longest ? 1 : -1) {
    if (patternMatches(pattern, value.slice(i))) return value.slice(0, i);
  }
  return value;
}

/** The longest match of `pattern` starting at `start`, as its end index; undefined for none (an empty match counts only if the pattern is empty). */
function longestAt(value: string, pattern: string, start: number, anchoredEnd: boolean): number | undefined {
  for (let end = value.length; end > start; end--) {
    if (anchoredEnd && end !== value.length) return undefined;
    if (patternMatches(pattern, value.slice(start, end))) return end;
  }
  return undefined;
}

export type ReplaceMode = '/' | '//' | '/#' | '/%';

export function replace(value: string, pattern: string, replacement: string, mode: ReplaceMode): string {
  if (pattern === '' || value.length > MAX_SEARCHED) return value;
  if (mode === '/#') {
    const end = longestAt(value, pattern, 0, false);
    return end === undefined ? value : replacement + value.slice(end);
  }
  let out = '';
  for (let i = 0; i < value.length; ) {
    const end = longestAt(value, pattern, i, mode === '/%');
    if (end === undefined) {
      out += value[i];
      i++;
      continue;
    }
    out += replacement;
    if (mode !== '//') return out + value.slice(end);
    i = end;
  }
  return out;
}

/** `${NAME:offset}` and `${NAME:offset:length}`: both arithmetic; negative counts from the end. */
export function substring(value: string, range: string, lookup: (name: string) => string | undefined): string {
  const colon = range.indexOf(':');
  const offsetText = colon < 0 ? range : range.slice(0, colon);
  let offset = offsetText.trim() === '' ? 0 : evaluateArithmetic(offsetText.trim(), lookup);
  if (offset < 0) offset = Math.max(0, value.length + offset);
  if (colon < 0) return value.slice(offset);
  const length = evaluateArithmetic(range.slice(colon + 1).trim() || '0', lookup);
  if (length < 0) return value.slice(offset, Math.max(offset, value.length + length));
  return value.slice(offset, offset + length);
}

export function changeCase(value: string, op: '^' | '^^' | ',' | ',,'): string {
  if (op === '^^') return value.toUpperCase();
  if (op === ',,') return value.toLowerCase();
  const first = value.slice(0, 1);
  return (op === '^' ? first.toUpperCase() : first.toLowerCase()) + value.slice(1);
}
