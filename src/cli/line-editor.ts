/**
 * A terminal line editor that needs no DOM and no terminal library: it takes input exactly as
 * xterm.js's onData delivers it (keystrokes, escape sequences, bracketed pastes) and returns the
 * bytes to echo plus the inputs the user completed. The browser runtimes use it in place of
 * readline; being pure, it is tested byte for byte.
 *
 * The buffer may span several lines: Enter on an input the shell calls incomplete (an open quote,
 * a heredoc, a trailing `|`) adds a newline and a `> ` prompt, as bash does. The editor keeps the
 * screen cursor where its layout model says it is, so it can redraw after edits anywhere in a
 * buffer that wraps across terminal rows.
 *
 * As bash's readline it expands history references (`!!`, `!$`, ...) when an input is submitted,
 * so the input it hands over, and its history, hold the command that runs; and Ctrl-R searches
 * history backwards incrementally.
 */
import type { Completion } from './shell/completion';
import { cursorMove, lineAround, renderText, screenPosition, wordEnd, wordStart, wrapFix } from './editor-layout';
import { InputHistory } from './input-history';
import type { HistoryExpansion } from './shell/history-expansion';
import { ReverseSearch, searchTakes } from './reverse-search';
import { CLEAR_SCREEN, columns, KEY_SEQUENCES, nextToken, PASTE_END, PASTE_START, visibleWidth } from './terminal-text';

export { columns, ENABLE_BRACKETED_PASTE, visibleWidth } from './terminal-text';

export interface LineEditorOptions {
  /** Whether the input typed so far needs more lines (src/cli/shell/parser.ts isIncomplete). */
  isIncomplete: (source: string) => boolean;
  /** Tab completion for one line and a cursor in it (src/cli/shell/completion.ts complete). */
  complete?: (line: string, cursor: number) => Completion;
  cols?: number;
  historySize?: number;
  /**
   * Expand `!` history references on Enter, as an interactive bash does (the default); false, or
   * a function answering false, for a shell without them (busybox's ash).
   */
  historyExpansion?: boolean | (() => boolean);
}

/** What one call to feed did. Feeding stops after a submitted input or Ctrl-C. */
export interface EditorStep {
  /** Bytes to write to the terminal. */
  echo: string;
  /**
   * A complete input to run; afterwards the host writes its output and calls begin(prompt). It is
   * empty when nothing is to run: a blank line, a failed history expansion (the echo holds bash's
   * error), or a `:p` expansion that is only shown.
   */
  input?: string;
  /** Ctrl-C: the line was dropped (a host running a command stops it); the host calls begin(). */
  interrupt?: boolean;
  /** Input not yet processed because of the submit or interrupt: feed it after begin(). */
  rest: string;
}

export { CONTINUATION_PROMPT } from './editor-layout';

export class LineEditor {
  private chars: string[] = [];
  private cursor = 0;
  private prompt = '';
  private cols: number;
  private historyIndex = 0;
  private draft = '';
  private inPaste = false;
  private lastKeyWasTab = false;
  private search: ReverseSearch | undefined;
  /** The last search's text: Ctrl-R on an empty search looks for it again, as readline does. */
  private readonly searches = { last: '' };

  /** Past inputs: what Up recalls, Ctrl-R searches and `!!` refers to. */
  private readonly past: InputHistory;

  constructor(private readonly options: LineEditorOptions) {
    this.cols = Math.max(2, options.cols ?? 80);
    this.past = new InputHistory(options.historySize ?? 1000);
  }

  private get entries(): readonly string[] {
    return this.past.entries;
  }

  /** Start a fresh input after `prompt` (which the returned bytes print). */
  begin(prompt: string): string {
    this.prompt = prompt;
    this.chars = [];
    this.cursor = 0;
    this.historyIndex = this.entries.length;
    this.draft = '';
    this.search = undefined;
    return prompt + wrapFix(visibleWidth(prompt), this.cols);
  }

  /** The input being edited (lines joined by `\n`). */
  get buffer(): string {
    return this.chars.join('');
  }

  get history(): readonly string[] {
    return this.entries;
  }

  /**
   * Restore history, e.g. from a resumed lab's inputs: kept by the rules typing follows, so the
   * entries (and the numbers `!n` uses) are the ones the learner had.
   */
  setHistory(entries: readonly string[]): void {
    this.past.reset(entries);
    this.historyIndex = this.entries.length;
  }

  resize(cols: number): void {
    this.cols = Math.max(2, cols);
  }

  /** Replace what is being edited, as history recall or a "run in terminal" button does. */
  replace(text: string): string {
    const ended = this.search ? this.acceptSearch() : '';
    return ended + this.redraw(Array.from(text.replace(/\r\n?/g, '\n')), Number.MAX_SAFE_INTEGER);
  }

  feed(data: string): EditorStep {
    let echo = '';
    let i = 0;
    while (i < data.length) {
      if (this.inPaste) {
        const end = data.indexOf(PASTE_END, i);
        const stop = end < 0 ? data.length : end;
        const r = this.pasteUntil(data, i, stop);
        echo += r.echo;
        i = r.next;
        if (r.input !== undefined) return { echo, input: r.input, rest: data.slice(i) };
        if (end >= 0 && i === end) {
          this.inPaste = false;
          i += PASTE_END.length;
        }
        continue;
      }
      const token = nextToken(data, i);
      i += token.length;
      const key = KEY_SEQUENCES[token];
      const wasTab = this.lastKeyWasTab;
      this.lastKeyWasTab = key === 'tab';
      if (this.search && key !== 'interrupt') {
        if (searchTakes(token, key)) {
          echo += key === 'abort' ? this.cancelSearch() : this.search.key(token, key);
          continue;
        }
        // Any other key ends the search on the line found, then acts on it (readline).
        echo += this.acceptSearch();
      }
      if (token === PASTE_START) {
        this.inPaste = true;
        continue;
      }
      if (key === 'enter') {
        const r = this.enter();
        echo += r.echo;
        if (r.input !== undefined) return { echo, input: r.input, rest: data.slice(i) };
      } else if (key === 'interrupt') {
        // In a search too, bash drops the line and gives a fresh prompt.
        echo += this.moveTo(this.chars.length) + '^C\r\n';
        if (this.search) this.prompt = this.search.prompt;
        this.search = undefined;
        this.chars = [];
        this.cursor = 0;
        this.inPaste = false;
        return { echo, interrupt: true, rest: data.slice(i) };
      } else if (key === 'tab') echo += this.tab(wasTab);
      else if (key !== undefined) echo += this.edit(key);
      else if (!token.startsWith('\x1b') && token >= ' ') echo += this.insert([token]);
    }
    return { echo, rest: '' };
  }

  /** Pasted text up to `stop`: inserted as typed, each line break acting as Enter. */
  private pasteUntil(data: string, start: number, stop: number): { echo: string; next: number; input?: string } {
    let echo = '';
    let i = start;
    while (i < stop) {
      const ch = data[i]!;
      i += ch === '\r' && data[i + 1] === '\n' ? 2 : 1;
      if (ch === '\r' || ch === '\n') {
        const r = this.enter();
        echo += r.echo;
        if (r.input !== undefined) return { echo, next: i, input: r.input };
      } else if (ch === '\t') echo += this.insert(Array.from(' '.repeat(8 - (this.lineColumn() % 8))));
      else if (ch >= ' ') echo += this.insert([ch]);
    }
    return { echo, next: i };
  }

  private enter(): { echo: string; input?: string } {
    const source = this.buffer;
    if (this.options.isIncomplete(source)) {
      this.cursor = this.chars.length;
      return { echo: this.insert(['\n']) };
    }
    const echo = this.moveTo(this.chars.length) + '\r\n';
    this.chars = [];
    this.cursor = 0;
    const expansion = this.expandHistory(source);
    // bash prints the error and runs nothing; the line is not kept in history either.
    if (!expansion.ok) return { echo: echo + crlf(`${expansion.error}\n`), input: '' };
    // bash shows the command a history reference made before running it.
    const shown = expansion.expanded ? crlf(`${expansion.line}\n`) : '';
    this.remember(expansion.line);
    return { echo: echo + shown, input: expansion.printOnly ? '' : expansion.line };
  }

  private expandHistory(source: string): HistoryExpansion {
    const option = this.options.historyExpansion ?? true;
    const enabled = typeof option === 'function' ? option() : option;
    return enabled ? this.past.expand(source) : { ok: true, line: source, expanded: false, printOnly: false };
  }

  private remember(source: string): void {
    this.past.remember(source);
    this.historyIndex = this.entries.length;
  }

  private edit(key: string): string {
    const { start, end } = lineAround(this.chars, this.cursor);
    switch (key) {
      case 'backspace':
        return this.cursor > 0 ? this.splice(this.cursor - 1, this.cursor) : '';
      case 'delete':
      case 'eof':
        return this.cursor < this.chars.length ? this.splice(this.cursor, this.cursor + 1) : '';
      case 'left':
        return this.moveTo(Math.max(0, this.cursor - 1));
      case 'right':
        return this.moveTo(Math.min(this.chars.length, this.cursor + 1));
      case 'home':
        return this.moveTo(start);
      case 'end':
        return this.moveTo(end);
      case 'word-left':
        return this.moveTo(wordStart(this.chars, this.cursor));
      case 'word-right':
        return this.moveTo(wordEnd(this.chars, this.cursor));
      case 'kill-start':
        return this.splice(start, this.cursor);
      case 'kill-end':
        return this.splice(this.cursor, end);
      case 'kill-word':
        return this.splice(wordStart(this.chars, this.cursor), this.cursor);
      case 'up':
      case 'down':
        return this.recall(key === 'up' ? -1 : 1);
      case 'clear':
        return this.clearScreen();
      case 'reverse-search':
        return this.startSearch();
      case 'abort':
        return '\x07';
      default:
        return '';
    }
  }

  private recall(direction: -1 | 1): string {
    const target = this.historyIndex + direction;
    if (target < 0 || target > this.entries.length) return '';
    if (this.historyIndex === this.entries.length) this.draft = this.buffer;
    this.historyIndex = target;
    return this.replace(target === this.entries.length ? this.draft : this.entries[target]!);
  }

  /** Ctrl-R: readline's reverse incremental search (reverse-search.ts). */
  private startSearch(): string {
    if (this.historyIndex === this.entries.length) this.draft = this.buffer;
    const editor = { entries: this.entries, repaint: (prompt: string, chars: string[], cursor: number) => this.repaint(prompt, chars, cursor) };
    this.search = new ReverseSearch(editor, this.searches, { chars: [...this.chars], cursor: this.cursor, historyIndex: this.historyIndex }, this.prompt);
    return this.search.paint();
  }

  /** End the search on the line found, for editing; Up and Down go on from its place in history. */
  private acceptSearch(): string {
    const search = this.search!;
    this.search = undefined;
    this.historyIndex = search.end();
    return this.repaint(search.prompt, this.chars, this.cursor);
  }

  /** Ctrl-G: back to the line and cursor the search started from. */
  private cancelSearch(): string {
    const search = this.search!;
    this.search = undefined;
    search.end();
    this.historyIndex = search.saved.historyIndex;
    return this.repaint(search.prompt, search.saved.chars, search.saved.cursor);
  }

  /** Draw `prompt` and `chars` over the input from the prompt's row, the cursor at `cursor`. */
  private repaint(prompt: string, chars: string[], cursor: number): string {
    const up = this.position(this.cursor).row;
    let out = `${up > 0 ? `\x1b[${up}A` : ''}\r`;
    this.prompt = prompt;
    this.chars = chars;
    this.cursor = 0;
    out += prompt + wrapFix(visibleWidth(prompt), this.cols) + this.render(0);
    return out + this.moveTo(Math.min(cursor, chars.length));
  }

  private tab(secondInARow: boolean): string {
    if (!this.options.complete) return '';
    const { start } = lineAround(this.chars, this.cursor);
    const line = this.chars.slice(start).join('');
    const result = this.options.complete(line, this.cursor - start);
    if (result.line !== line) {
      return this.redraw([...this.chars.slice(0, start), ...Array.from(result.line)], start + Array.from(result.line.slice(0, result.cursor)).length);
    }
    if (result.candidates.length <= 1) return '';
    if (!secondInARow) return '\x07';
    // Bash lists the alternatives on the second Tab, then shows the prompt and line again.
    const listing = this.moveTo(this.chars.length) + '\r\n' + columns(result.candidates, this.cols);
    return listing + this.reprint();
  }

  private clearScreen(): string {
    return CLEAR_SCREEN + this.reprint();
  }

  /** Print the prompt and the whole buffer again on a fresh line, the cursor back in place. */
  reprint(): string {
    const cursor = this.cursor;
    this.cursor = 0;
    const out = this.prompt + wrapFix(visibleWidth(this.prompt), this.cols) + this.render(0) + this.moveTo(cursor);
    return out;
  }

  private insert(text: string[]): string {
    if (this.cursor < this.chars.length) {
      const next = [...this.chars.slice(0, this.cursor), ...text, ...this.chars.slice(this.cursor)];
      return this.redraw(next, this.cursor + text.length);
    }
    // Typing at the end (the common case, and pastes) writes just the new characters.
    const from = this.cursor;
    this.chars.push(...text);
    return this.renderRange(from, this.chars.length);
  }

  private splice(from: number, to: number): string {
    if (from >= to) return '';
    const next = [...this.chars.slice(0, from), ...this.chars.slice(to)];
    return this.redraw(next, from);
  }

  /** Replace the buffer and put the cursor at `cursor`: rewrite from the first change onwards. */
  private redraw(next: string[], cursor: number): string {
    let same = 0;
    while (same < next.length && same < this.chars.length && next[same] === this.chars[same]) same++;
    const out = this.moveTo(Math.min(same, this.chars.length));
    this.chars = next;
    return out + this.render(same) + this.moveTo(Math.min(cursor, next.length));
  }

  /** Write the buffer from index `from` (where the cursor is) to the end, erase what follows. */
  private render(from: number): string {
    return this.renderRange(from, this.chars.length) + '\x1b[J';
  }

  private renderRange(from: number, to: number): string {
    const out = renderText(this.chars, from, to, this.position(from).col, this.cols);
    this.cursor = to;
    return out;
  }

  /** Cursor movement from the current position to buffer index `target`. */
  private moveTo(target: number): string {
    if (target === this.cursor) return '';
    const out = cursorMove(this.position(this.cursor), this.position(target));
    this.cursor = target;
    return out;
  }

  /** Screen position (rows from the prompt's row, column) of buffer index i. */
  private position(i: number): { row: number; col: number } {
    return screenPosition(this.prompt, this.chars, this.cols, i);
  }

  /** Column within the current logical line (for tab stops in pastes). */
  private lineColumn(): number {
    return this.cursor - lineAround(this.chars, this.cursor).start;
  }
}

/** Text for the terminal: each line break returns to the first column. */
function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}
