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
  /** Undefined for a writer straight onto a buffer, whose tabs stay tabs. */
  private readonly tw: TabWriter | undefined;
  private raw = '';

  constructor(aligned = true) {
    this.tw = aligned ? newDescribeTabWriter() : undefined;
  }

  /** Writes `text` after `level` two-space indents (only the start of the text is indented). */
  write(level: number, text: string): void {
    this.#emit(escapeTerminal('  '.repeat(level) + text));
  }

  /** fmt.Sprintln of the values: space-joined, newline-terminated, no indent. */
  writeLine(...values: string[]): void {
    this.#emit(escapeTerminal(`${values.join(' ')}\n`));
  }

  #emit(text: string): void {
    if (this.tw) this.tw.write(text);
    else this.raw += text;
  }

  /** Ends the current alignment blocks (DescribeEvents flushes before its table). */
  flush(): void {
    this.tw?.flush();
  }

  /** The finished document. */
  toString(): string {
    if (!this.tw) return this.raw;
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

/**
 * The same body written straight to a buffer, tabs kept, as `rollout history --revision` prints
 * a pod template (kubectl gives that PrefixWriter a bytes.Buffer, not a tabwriter).
 */
export function untabbedString(body: (w: PrefixWriter) => void): string {
  const w = new PrefixWriter(false);
  body(w);
  return w.toString();
}
