/**
 * Where things are in the line editor's buffer (lines, words) and on the screen (which row and
 * column a character lands on after the prompt, with wrapping at the terminal's width and a
 * `> ` prompt starting each continuation line). Pure functions of the buffer: the editor keeps
 * the state.
 */
import { visibleWidth } from './terminal-text';

/** The prompt of each line after the first in a multi-line input, as bash's PS2. */
export const CONTINUATION_PROMPT = '> ';

/** Screen position (rows from the prompt's row, column) of buffer index `i`. */
export function screenPosition(prompt: string, chars: readonly string[], cols: number, i: number): { row: number; col: number } {
  let row = 0;
  let x = visibleWidth(prompt);
  for (let k = 0; k < i; k++) {
    if (chars[k] === '\n') {
      row += Math.floor(x / cols) + 1;
      x = CONTINUATION_PROMPT.length;
    } else x++;
  }
  return { row: row + Math.floor(x / cols), col: x % cols };
}

/** The escape sequence that moves the cursor between two screen positions. */
export function cursorMove(from: { row: number }, to: { row: number; col: number }): string {
  const dr = to.row - from.row;
  const vertical = dr < 0 ? `\x1b[${-dr}A` : dr > 0 ? `\x1b[${dr}B` : '';
  return `${vertical}\r${to.col > 0 ? `\x1b[${to.col}C` : ''}`;
}

/**
 * After text that ends exactly at the right margin, xterm keeps the cursor on the last column
 * with a pending wrap; a space and a backspace move it to the next row, where the model says
 * it is, so later cursor movements stay right.
 */
export function wrapFix(width: number, cols: number): string {
  return width > 0 && width % cols === 0 ? ' \b' : '';
}

/** The bytes that write `chars[from..to)` starting at column `col`, line breaks with `> `. */
export function renderText(chars: readonly string[], from: number, to: number, col: number, cols: number): string {
  let out = '';
  for (let i = from; i < to; i++) {
    const ch = chars[i]!;
    if (ch === '\n') {
      out += `\x1b[K\r\n${CONTINUATION_PROMPT}`;
      col = CONTINUATION_PROMPT.length;
      continue;
    }
    out += ch;
    col = (col + 1) % cols;
    if (col === 0) out += wrapFix(cols, cols);
  }
  return out;
}

/** The logical line (between line breaks) the cursor is on. */
export function lineAround(chars: readonly string[], cursor: number): { start: number; end: number } {
  const before = chars.lastIndexOf('\n', cursor - 1);
  const after = chars.indexOf('\n', cursor);
  return { start: before + 1, end: after < 0 ? chars.length : after };
}

/** Where the word before the cursor starts (Alt-B, Ctrl-W), as readline finds it. */
export function wordStart(chars: readonly string[], cursor: number): number {
  let i = cursor;
  while (i > 0 && /\s/.test(chars[i - 1]!)) i--;
  while (i > 0 && !/\s/.test(chars[i - 1]!)) i--;
  return i;
}

/** Where the word after the cursor ends (Alt-F). */
export function wordEnd(chars: readonly string[], cursor: number): number {
  let i = cursor;
  while (i < chars.length && /\s/.test(chars[i]!)) i++;
  while (i < chars.length && !/\s/.test(chars[i]!)) i++;
  return i;
}
