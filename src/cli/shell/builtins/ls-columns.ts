/**
 * GNU ls's many-per-line layout (`ls -C`, the default on a terminal): names down columns, as
 * many columns as fit in the width, each as wide as its longest name plus two spaces (the last
 * column unpadded). ls.c's calculate_columns: the most columns whose line stays under the width.
 */
const MIN_COLUMN_WIDTH = 3;

export function lsColumns(names: readonly string[], width: number): string {
  const n = names.length;
  if (n === 0) return '';
  const maxCols = Math.max(1, Math.min(n, Math.floor(width / MIN_COLUMN_WIDTH)));
  let best = { cols: 1, widths: [Math.max(...names.map((s) => s.length))] };
  for (let cols = 1; cols <= maxCols; cols++) {
    const rows = Math.ceil(n / cols);
    // Every column starts at the minimum width, used or not, as ls.c's column_info does.
    const widths = new Array<number>(cols).fill(MIN_COLUMN_WIDTH);
    names.forEach((name, i) => {
      const col = Math.floor(i / rows);
      widths[col] = Math.max(widths[col]!, name.length + (col === cols - 1 ? 0 : 2));
    });
    if (widths.reduce((a, b) => a + b, 0) < width) best = { cols, widths };
  }
  const rows = Math.ceil(n / best.cols);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < best.cols; c++) {
      const i = c * rows + r;
      if (i >= n) break;
      const last = c === best.cols - 1 || (c + 1) * rows + r >= n;
      line += last ? names[i] : names[i]!.padEnd(best.widths[c]!);
    }
    lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * busybox ls's layout: every column as wide as the longest name plus two, as many as fit in the
 * width, filled down the columns (display_files in busybox's ls.c).
 */
export function busyboxColumns(names: readonly string[], width: number): string {
  const n = names.length;
  if (n === 0) return '';
  const columnWidth = Math.max(...names.map((s) => s.length)) + 2;
  const cols = Math.max(1, Math.floor(width / columnWidth));
  const rows = cols > 1 ? Math.ceil(n / cols) : n;
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < cols; c++) {
      const i = c * rows + r;
      if (i < n) line = (line === '' ? '' : line.padEnd(c * columnWidth)) + names[i];
    }
    lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}
