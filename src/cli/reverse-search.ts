/**
 * Ctrl-R in the line editor: readline's reverse incremental search. The prompt becomes
 * ``(reverse-i-search)`QUERY': LINE`` with the cursor on the match; typing narrows it, Ctrl-R
 * looks further back (on an empty query it repeats the last search), Backspace shortens the
 * query. The editor ends the search: any other key accepts the line found, Ctrl-G cancels.
 */

/** What a search needs from the editor: its history and a way to redraw the input. */
export interface SearchEditor {
  /** History, oldest first. */
  readonly entries: readonly string[];
  /** Draw `prompt` and `chars` in place of the prompt and input, the cursor at `cursor`. */
  repaint(prompt: string, chars: string[], cursor: number): string;
}

/** The line, cursor and history place the search started from (what Ctrl-G restores). */
export interface SearchStart {
  chars: string[];
  cursor: number;
  historyIndex: number;
}

/** Keys a Ctrl-R search takes for itself; any other key ends the search first. */
export function searchTakes(token: string, key: string | undefined): boolean {
  if (key !== undefined) return key === 'reverse-search' || key === 'backspace' || key === 'abort';
  return !token.startsWith('\x1b') && token >= ' ';
}

export class ReverseSearch {
  private query = '';
  private failed = false;
  /** The history index of the line shown (entries.length: the line being edited). */
  private index: number;
  /** Where the match starts in that line (a string offset). */
  private at: number;
  /** The line being edited when the search started, at its history index. */
  private readonly origin: string;

  constructor(
    private readonly editor: SearchEditor,
    /** The last search's query, kept across searches by the editor. */
    private readonly searches: { last: string },
    readonly saved: SearchStart,
    /** The shell's prompt, which the search prompt stands in for. */
    readonly prompt: string,
  ) {
    this.index = saved.historyIndex;
    this.origin = saved.chars.join('');
    this.at = saved.chars.slice(0, saved.cursor).join('').length;
  }

  /** A key the search takes (searchTakes): a character of the query, Backspace or Ctrl-R. */
  key(token: string, key: string | undefined): string {
    if (key === 'reverse-search') {
      // Ctrl-R again looks further back; on an empty search it repeats the last one.
      if (this.query !== '') return this.searchFrom(this.at - 1);
      if (this.searches.last === '') return '';
      this.query = this.searches.last;
    } else if (key === 'backspace') {
      if (this.query === '') return '';
      this.query = Array.from(this.query).slice(0, -1).join('');
    } else this.query += token;
    return this.searchFrom(this.at);
  }

  /** The search ends (accepted or cancelled): remember its query; returns the history index found. */
  end(): number {
    if (this.query !== '') this.searches.last = this.query;
    return this.index;
  }

  /** `(reverse-i-search)\`QUERY': LINE` in place of the prompt and line, the cursor on the match. */
  paint(): string {
    const line = this.line(this.index);
    const prompt = `(${this.failed ? 'failed ' : ''}reverse-i-search)\`${this.query}': `;
    return this.editor.repaint(prompt, Array.from(line), Array.from(line.slice(0, this.at)).length);
  }

  /** Look for the query at or before `at` in the line shown, then in older ones; show the result. */
  private searchFrom(at: number): string {
    const found = this.query === '' ? { index: this.index, at: this.at } : this.findOlder(at);
    this.failed = found === undefined;
    // A failed search keeps the last line found on screen.
    if (found) ({ index: this.index, at: this.at } = found);
    return this.paint();
  }

  private findOlder(at: number): { index: number; at: number } | undefined {
    const shown = this.line(this.index);
    for (let i = this.index; i >= 0; i--) {
      const line = this.line(i);
      // readline passes over older copies of the line it is on.
      if (i !== this.index && line === shown) continue;
      const from = i === this.index ? at : line.length;
      const found = from < 0 ? -1 : line.lastIndexOf(this.query, from);
      if (found >= 0) return { index: i, at: found };
    }
    return undefined;
  }

  private line(index: number): string {
    return index === this.saved.historyIndex ? this.origin : this.editor.entries[index]!;
  }
}
