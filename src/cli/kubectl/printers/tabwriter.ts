/**
 * A port of Go's `text/tabwriter` (and of the liggitt fork kubectl uses for `get`, which adds
 * `RememberWidths`): the elastic-tabstop algorithm that aligns every kubectl table.
 *
 * Text is a sequence of cells, each terminated by a tab; a line's last cell is not terminated and
 * never padded. A column block is a run of consecutive lines that all have a terminated cell in
 * that column; every cell of a block is padded to the block's widest cell plus `padding` (at least
 * `minwidth`). A line without any tab flushes everything buffered, so it also ends every block.
 * Widths count Unicode code points, as Go counts runes.
 */

/** Behaviour switches, with the values Go uses for its flag bits. */
export const TabFlags = {
  AlignRight: 1 << 2,
  DiscardEmptyColumns: 1 << 3,
  TabIndent: 1 << 4,
  Debug: 1 << 5,
  /** liggitt/tabwriter: column widths only grow across flushes. */
  RememberWidths: 1 << 6,
} as const;

export interface TabWriterOptions {
  minwidth: number;
  tabwidth: number;
  padding: number;
  padchar: string;
  flags: number;
}

interface Cell {
  text: string;
  width: number;
  /** True when the cell was terminated by a tab (rather than by the end of the line). */
  htab: boolean;
}

const runeCount = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/** An elastic-tabstop writer: `write` text in any pieces, `flush`, then read `toString()`. */
export class TabWriter {
  private readonly opts: TabWriterOptions;
  private out = '';
  private lines: Cell[][] = [[]];
  private cell = '';
  private widths: number[] = [];
  private maxwidths: number[] = [];

  constructor(opts: TabWriterOptions) {
    this.opts = opts;
  }

  /** Buffers text; a line holding a single cell (no tab) triggers a flush, as in Go. */
  write(text: string): void {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch !== '\t' && ch !== '\v' && ch !== '\n' && ch !== '\f') continue;
      this.cell += text.slice(start, i);
      start = i + 1;
      const ncells = this.terminateCell(ch === '\t');
      if (ch === '\n' || ch === '\f') {
        this.lines.push([]);
        if (ch === '\f' || ncells === 1) this.flush();
        if (ch === '\f' && this.has(TabFlags.Debug)) this.out += '---\n';
      }
    }
    this.cell += text.slice(start);
  }

  /** Formats and emits everything buffered; the trailing partial line is emitted as is. */
  flush(): void {
    if (this.cell.length > 0) this.terminateCell(false);
    this.format(0, this.lines.length);
    this.lines = [[]];
    this.cell = '';
    this.widths = [];
  }

  /** Everything emitted so far (call `flush` first). */
  toString(): string {
    return this.out;
  }

  /** Forgets remembered widths, as kubectl does between the tables of different kinds. */
  resetRememberedWidths(): void {
    this.maxwidths = [];
  }

  private line(i: number): Cell[] {
    return this.lines[i] ?? [];
  }

  private terminateCell(htab: boolean): number {
    const line = this.line(this.lines.length - 1);
    line.push({ text: this.cell, width: runeCount(this.cell), htab });
    this.cell = '';
    return line.length;
  }

  /** Go's recursive block formatter: column `widths.length` over lines [line0, line1). */
  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    for (let cur = line0; cur < line1; cur++) {
      if (column >= this.line(cur).length - 1) continue;
      // A cell exists in this column: lines before it are finished, a new block starts here.
      this.writeLines(line0, cur);
      line0 = cur;
      let width = this.opts.minwidth;
      let discardable = true;
      for (; cur < line1; cur++) {
        const line = this.line(cur);
        const c = line[column];
        if (column >= line.length - 1 || !c) break;
        width = Math.max(width, c.width + this.opts.padding);
        if (c.width > 0 || c.htab) discardable = false;
      }
      if (discardable && this.has(TabFlags.DiscardEmptyColumns)) width = 0;
      if (this.has(TabFlags.RememberWidths)) width = this.remember(width);
      this.widths.push(width);
      this.format(line0, cur);
      this.widths.pop();
      line0 = cur;
    }
    this.writeLines(line0, line1);
  }

  private remember(width: number): number {
    const col = this.widths.length;
    if (this.maxwidths.length < col) this.maxwidths.push(...this.widths.slice(this.maxwidths.length));
    if (this.maxwidths.length === col) {
      this.maxwidths.push(width);
      return width;
    }
    const remembered = this.maxwidths[col] ?? 0;
    if (remembered > width) return remembered;
    this.maxwidths[col] = width;
    return width;
  }

  private writeLines(line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      const line = this.line(i);
      let useTabs = this.has(TabFlags.TabIndent);
      line.forEach((c, j) => {
        if (j > 0 && this.has(TabFlags.Debug)) this.out += '|';
        const cellw = this.widths[j];
        const padded = cellw !== undefined;
        if (c.text.length === 0) {
          if (padded) this.writePadding(c.width, cellw, useTabs);
          return;
        }
        useTabs = false;
        if (this.has(TabFlags.AlignRight)) {
          if (padded) this.writePadding(c.width, cellw, false);
          this.out += c.text;
        } else {
          this.out += c.text;
          if (padded) this.writePadding(c.width, cellw, false);
        }
      });
      // The last buffered line is the unterminated remainder; it gets no newline.
      if (i + 1 === this.lines.length) this.out += this.cell;
      else this.out += '\n';
    }
  }

  private writePadding(textw: number, cellw: number, useTabs: boolean): void {
    const { padchar, tabwidth } = this.opts;
    if (padchar === '\t' || useTabs) {
      // Tab padding rounds the cell up to a tab stop and emits whole tabs.
      if (tabwidth === 0) return;
      const stop = Math.ceil(cellw / tabwidth) * tabwidth;
      this.out += '\t'.repeat(Math.ceil((stop - textw) / tabwidth));
      return;
    }
    this.out += padchar.repeat(Math.max(0, cellw - textw));
  }

  private has(flag: number): boolean {
    return (this.opts.flags & flag) !== 0;
  }
}

/** The writer `kubectl get` uses (cli-runtime GetNewTabWriter): minwidth 6, tabwidth 4, padding 3. */
export const newGetTabWriter = (): TabWriter =>
  new TabWriter({ minwidth: 6, tabwidth: 4, padding: 3, padchar: ' ', flags: TabFlags.RememberWidths });

/** The writer `kubectl describe` uses (tabbedString): minwidth 0, tabwidth 8, padding 2. */
export const newDescribeTabWriter = (): TabWriter =>
  new TabWriter({ minwidth: 0, tabwidth: 8, padding: 2, padchar: ' ', flags: 0 });

/** Aligns a whole text at once with the given writer settings. */
export function tabify(text: string, writer: TabWriter = newGetTabWriter()): string {
  writer.write(text);
  writer.flush();
  return writer.toString();
}
