import type { VirtualFs } from '../types';

/** What the tab key should do for a line: the word being completed and how to complete it. */
export interface Completion {
  /** The partial word before the cursor (quotes removed). */
  word: string;
  /** Offset in the line where that word starts. */
  start: number;
  /** Candidates that start with `word`, sorted and without duplicates. */
  candidates: string[];
  /** Longest common prefix of the candidates; `word` itself when there are none. */
  prefix: string;
  /** The line with the completion applied (a single match also gets a trailing space). */
  line: string;
  /** Cursor position in the completed line. */
  cursor: number;
}

/** Words of the command under the cursor: the last `|`, `;`, `&&` or `||` starts a new command. */
function currentWords(text: string): { words: string[]; start: number } {
  const words: string[] = [];
  let word = '';
  let start = 0;
  let quote: string | undefined;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      else word += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === ' ' || ch === '\t' || '|;&'.includes(ch)) {
      if (inWord) words.push(word);
      if ('|;&'.includes(ch)) words.length = 0;
      word = '';
      inWord = false;
      start = i + 1;
    } else {
      if (!inWord) start = i;
      word += ch;
      inWord = true;
    }
  }
  words.push(word);
  return { words, start: inWord ? start : text.length };
}

function commonPrefix(values: string[]): string {
  if (values.length === 0) return '';
  let prefix = values[0]!;
  for (const v of values) while (!v.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/**
 * Tab completion for a terminal. `candidates` receives the words of the current command up to
 * the cursor, the last one being the partial word (`''` after a space), and returns possible
 * completions for that last word: command names when it is the only word, kubectl resources,
 * file names. The result holds the common-prefix completion and the alternatives to list. For a
 * `--flag=value` word the candidates carry the `--flag=` too; what is completed and listed is
 * the value alone, as bash does.
 */
export function complete(line: string, cursor: number, candidates: (words: string[]) => string[]): Completion {
  const { words, start: wordStart } = currentWords(line.slice(0, cursor));
  const whole = words[words.length - 1]!;
  // bash breaks words at `=` (COMP_WORDBREAKS): in `--namespace=ku` only `ku` is completed and listed.
  const flag = /^-[^=]*=/.exec(whole)?.[0] ?? '';
  const word = whole.slice(flag.length);
  const start = flag ? wordStart + line.slice(wordStart, cursor).indexOf('=') + 1 : wordStart;
  const matches = [...new Set(candidates(words).filter((c) => c.startsWith(whole)).map((c) => c.slice(flag.length)))].sort();
  const prefix = matches.length === 0 ? word : commonPrefix(matches);
  const single = matches.length === 1 && !prefix.endsWith('/');
  const insert = matches.length === 0 ? line.slice(start, cursor) : prefix + (single ? ' ' : '');
  return {
    word,
    start,
    candidates: matches,
    prefix,
    line: line.slice(0, start) + insert + line.slice(cursor),
    cursor: start + insert.length,
  };
}

/** File-name candidates for a partial path: entries of its directory, directories ending in `/`. */
export function fileCandidates(fs: VirtualFs, partial: string): string[] {
  const cut = partial.lastIndexOf('/');
  const dirPart = cut < 0 ? '' : partial.slice(0, cut + 1);
  const names = fs.list(dirPart === '' ? '.' : dirPart) ?? [];
  const showHidden = partial.slice(cut + 1).startsWith('.');
  return names
    .filter((name) => showHidden || !name.startsWith('.'))
    .map((name) => dirPart + name + (fs.isDir(dirPart + name) ? '/' : ''));
}
