/**
 * What a terminal sends and shows, for the line editor: the key each xterm input sequence stands
 * for, the control sequences it answers with, and the width text takes on screen.
 */
export const PASTE_START = '\x1b[200~';
export const PASTE_END = '\x1b[201~';
export const CLEAR_SCREEN = '\x1b[H\x1b[2J\x1b[3J';
/** Asks xterm to wrap pastes in PASTE_START/PASTE_END, so pasted tabs or escapes stay text. */
export const ENABLE_BRACKETED_PASTE = '\x1b[?2004h';

/** Keys by the sequences xterm sends for them (normal and application cursor modes). */
export const KEY_SEQUENCES: Record<string, string> = {
  '\r': 'enter', '\n': 'enter', '\x7f': 'backspace', '\b': 'backspace', '\t': 'tab',
  '\x01': 'home', '\x05': 'end', '\x02': 'left', '\x06': 'right', '\x03': 'interrupt', '\x04': 'eof',
  '\x0b': 'kill-end', '\x15': 'kill-start', '\x17': 'kill-word', '\x0c': 'clear', '\x10': 'up', '\x0e': 'down',
  '\x12': 'reverse-search', '\x07': 'abort',
  '\x1b[A': 'up', '\x1b[B': 'down', '\x1b[C': 'right', '\x1b[D': 'left',
  '\x1bOA': 'up', '\x1bOB': 'down', '\x1bOC': 'right', '\x1bOD': 'left',
  '\x1b[H': 'home', '\x1b[F': 'end', '\x1bOH': 'home', '\x1bOF': 'end', '\x1b[1~': 'home', '\x1b[4~': 'end',
  '\x1b[3~': 'delete', '\x1b[1;5D': 'word-left', '\x1b[1;5C': 'word-right', '\x1bb': 'word-left', '\x1bf': 'word-right',
};

/** Width of text on screen once ANSI escape sequences are taken out. */
export function visibleWidth(text: string): number {
  return Array.from(text.replace(/\x1b\[[0-9;?]*[@-~]|\x1b\][^\x07]*\x07/g, '')).length;
}

/** The next key in data at i: an escape sequence, or one character (a whole code point). */
export function nextToken(data: string, i: number): string {
  if (data[i] !== '\x1b') return String.fromCodePoint(data.codePointAt(i)!);
  const next = data[i + 1];
  if (next === '[') {
    const m = /^\x1b\[[0-9;]*[@-~]/.exec(data.slice(i, i + 16));
    return m ? m[0] : '\x1b[';
  }
  if (next === 'O' && i + 2 < data.length) return data.slice(i, i + 3);
  return next === undefined ? '\x1b' : data.slice(i, i + 2);
}

/** Candidates in columns, down then across, as bash lists completions. */
export function columns(words: string[], cols: number): string {
  const width = Math.max(...words.map((w) => w.length)) + 2;
  const perRow = Math.max(1, Math.floor(cols / width));
  const rows = Math.ceil(words.length / perRow);
  let out = '';
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c < perRow; c++) {
      const word = words[c * rows + r];
      if (word !== undefined) cells.push(word.padEnd(width));
    }
    out += `${cells.join('').trimEnd()}\r\n`;
  }
  return out;
}
