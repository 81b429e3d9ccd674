import { Terminal } from '@xterm/headless';
import { LineEditor, type LineEditorOptions } from '../../src/cli/line-editor';
import { isIncomplete } from '../../src/cli/shell/parser';

export const PROMPT = 'root@workstation:~# ';
/** A prompt line with nothing typed, as the screen shows it (trailing blanks trimmed). */
export const BARE = PROMPT.trimEnd();

export const KEYS = { LEFT: '\x1b[D', RIGHT: '\x1b[C', UP: '\x1b[A', DOWN: '\x1b[B', ESC: '\x1b', CTRL_R: '\x12', CTRL_G: '\x07', CTRL_C: '\x03', BACKSPACE: '\x7f' };

/**
 * A line editor wired to a real (headless) xterm: every echo goes to the terminal, so tests
 * assert what the learner would see on screen and where the cursor is, not escape bytes.
 * Submitted inputs "run" and print nothing, unless `output` says what they print.
 */
export class EditorScreen {
  readonly term: Terminal;
  readonly editor: LineEditor;
  readonly inputs: string[] = [];
  interrupts = 0;

  constructor(
    cols = 60,
    options: Partial<LineEditorOptions> = {},
    private readonly output: (input: string) => string = () => '',
    rows = 16,
  ) {
    this.term = new Terminal({ cols, rows, allowProposedApi: true });
    this.editor = new LineEditor({ isIncomplete, cols, ...options });
  }

  async start(): Promise<this> {
    await this.write(this.editor.begin(PROMPT));
    return this;
  }

  /** Feed keystrokes as xterm's onData would. */
  async type(data: string): Promise<void> {
    let rest = data;
    while (rest !== '') {
      const step = this.editor.feed(rest);
      await this.write(step.echo);
      if (step.input !== undefined) this.inputs.push(step.input);
      if (step.input) await this.write(this.output(step.input).replace(/\n/g, '\r\n'));
      if (step.interrupt) this.interrupts++;
      if (step.input !== undefined || step.interrupt) await this.write(this.editor.begin(PROMPT));
      rest = step.rest;
    }
  }

  write(data: string): Promise<void> {
    return new Promise((resolve) => this.term.write(data, resolve));
  }

  /** Visible lines, right-trimmed, without trailing blank lines. */
  lines(): string[] {
    const buf = this.term.buffer.active;
    const out: string[] = [];
    for (let y = 0; y < buf.length; y++) out.push(buf.getLine(y)!.translateToString(true).trimEnd());
    while (out.length > 0 && out[out.length - 1] === '') out.pop();
    return out;
  }

  /** Lines as written, rows that wrap joined, right-trimmed, without trailing blank lines. */
  logicalLines(): string[] {
    const buf = this.term.buffer.active;
    const out: string[] = [];
    for (let y = 0; y < buf.length; y++) {
      const row = buf.getLine(y)!;
      const text = row.translateToString(buf.getLine(y + 1)?.isWrapped !== true);
      if (row.isWrapped && out.length > 0) out[out.length - 1] += text;
      else out.push(text);
    }
    while (out.length > 0 && out[out.length - 1] === '') out.pop();
    return out;
  }

  /** The last visible line: where the prompt and the line being edited are. */
  last(): string {
    return this.lines().at(-1) ?? '';
  }

  cursor(): { x: number; y: number } {
    const buf = this.term.buffer.active;
    return { x: buf.cursorX, y: buf.cursorY + buf.baseY };
  }
}
