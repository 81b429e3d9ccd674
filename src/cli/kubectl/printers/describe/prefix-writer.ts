/**
 * describe.go's PrefixWriter over the describe tabwriter (minwidth 0, tabwidth 8, padding 2):
 * every write is indented two spaces per level, then fed to the tabwriter.
 */
import { newDescribeTabWriter, type TabWriter } from '../tabwriter';

/** Indentation levels LEVEL_0..LEVEL_4. */
export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;

/** printers.WriteEscaped: terminal escapes and carriage returns are made visible. */
const escapeTerminal = (s: string): string => s.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');

/** Writes indented text into one aligned describe document. */
export class PrefixWriter {
  private readonly tw: TabWriter = newDescribeTabWriter();

  /** Writes `text` after `level` two-space indents (only the start of the text is indented). */
  write(level: number, text: string): void {
    this.tw.write(escapeTerminal('  '.repeat(level) + text));
  }

  /** fmt.Sprintln of the values: space-joined, newline-terminated, no indent. */
  writeLine(...values: string[]): void {
    this.tw.write(escapeTerminal(`${values.join(' ')}\n`));
  }

  /** Ends the current alignment blocks (DescribeEvents flushes before its table). */
  flush(): void {
    this.tw.flush();
  }

  /** The finished document. */
  toString(): string {
    this.tw.flush();
    return this.tw.toString();
  }
}

/** tabbedString: runs a describer body against a fresh writer and returns the aligned text. */
export function tabbedString(body: (w: PrefixWriter) => void): string {
  const w = new PrefixWriter();
  body(w);
  return w.toString();
}
