import { CLASSES } from './builtins/regex';
import type { VirtualFs } from '../types';

/**
 * Pathname expansion: an unquoted word with `*`, `?` or `[...]` becomes the sorted paths it
 * matches, or stays as written when nothing matches (bash without nullglob). Patterns arrive
 * with their quoted characters backslash-escaped, so `"*".yaml` only matches a file named so.
 */

/** Whether the pattern has an unescaped wildcard or a complete bracket expression. */
export function hasGlob(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') i++;
    else if (c === '*' || c === '?') return true;
    else if (c === '[' && bracketEnd(pattern, i) > 0) return true;
  }
  return false;
}

/** The index of the `]` closing a bracket expression opened at `open`, or -1. */
function bracketEnd(pattern: string, open: number): number {
  let i = open + 1;
  if (pattern[i] === '!' || pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  for (; i < pattern.length; i++) {
    // A class such as `[:upper:]` is part of the expression, its `]` included.
    const cls = /^\[:([a-z]+):\]/.exec(pattern.slice(i));
    if (cls && CLASSES[cls[1]!] !== undefined) {
      i += cls[0].length - 1;
      continue;
    }
    if (pattern[i] === ']') return i;
    if (pattern[i] === '/') return -1;
  }
  return -1;
}

const escapeRe = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** One path segment's pattern as an anchored regular expression. */
function segmentRegExp(segment: string): RegExp {
  let re = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === '\\' && i + 1 < segment.length) re += escapeRe(segment[++i]!);
    else if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[' && bracketEnd(segment, i) > 0) {
      const end = bracketEnd(segment, i);
      let body = segment.slice(i + 1, end);
      const negated = body.startsWith('!') || body.startsWith('^');
      if (negated) body = body.slice(1);
      const ranges = body
        .replace(/\\/g, '\\\\')
        .replace(/^\]/, '\\]')
        .replace(/\[:([a-z]+):\]/g, (m, name: string) => CLASSES[name] ?? m);
      re += `[${negated ? '^' : ''}${ranges}]`;
      i = end;
    } else re += escapeRe(c);
  }
  return new RegExp(`^${re}$`, 's');
}

/** Remove the escapes from a segment with no wildcard. */
const unescape = (segment: string) => segment.replace(/\\(.)/g, '$1');

/** The existing paths `pattern` matches, in code point order (the C locale's), or [] for none. */
export function globPaths(pattern: string, fs: VirtualFs): string[] {
  // A trailing slash matches directories only, and stays on each match (`*/` → `d1/`).
  if (pattern.endsWith('/') && pattern.length > 1) {
    return globPaths(pattern.replace(/\/+$/, ''), fs)
      .filter((p) => fs.isDir(p))
      .map((p) => `${p}/`);
  }
  const absolute = pattern.startsWith('/');
  const segments = pattern.split('/').filter((s, i) => s !== '' || i === 0);
  if (absolute) segments.shift();
  // Each candidate: the text to print, and the absolute path to look in.
  let candidates = [{ shown: absolute ? '/' : '', path: absolute ? '/' : fs.cwd() }];
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    const next: typeof candidates = [];
    for (const c of candidates) {
      const join = (name: string) => ({ shown: c.shown === '' || c.shown.endsWith('/') ? `${c.shown}${name}` : `${c.shown}/${name}`, path: c.path.endsWith('/') ? `${c.path}${name}` : `${c.path}/${name}` });
      if (!hasGlob(segment)) {
        const entry = join(unescape(segment));
        if (last ? fs.exists(entry.path) : fs.isDir(entry.path)) next.push(entry);
        continue;
      }
      const re = segmentRegExp(segment);
      // A leading dot must be matched explicitly; `.` and `..` never come from a wildcard here.
      const dotOk = segment.startsWith('.') || segment.startsWith('\\.');
      for (const name of fs.list(c.path) ?? []) {
        if ((name.startsWith('.') && !dotOk) || !re.test(name)) continue;
        const entry = join(name);
        if (last || fs.isDir(entry.path)) next.push(entry);
      }
    }
    candidates = next;
  });
  return candidates.map((c) => c.shown).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A `case` pattern: the whole text must match, and `*` crosses slashes. */
export function patternMatches(pattern: string, text: string): boolean {
  return segmentRegExp(pattern).test(text);
}
