import { describe, expect, it } from 'vitest';
import { columns, LineEditor, visibleWidth, type LineEditorOptions } from '../../src/cli/line-editor';
import { complete } from '../../src/cli/shell/completion';
import { isIncomplete } from '../../src/cli/shell/parser';
import { BARE, EditorScreen, PROMPT } from './editor-screen';

const words = ['kubectl', 'kill', 'ls'];
const kubectlWords = ['get', 'describe', 'delete'];
const candidates = (w: string[]): string[] => (w.length === 1 ? words : w[0] === 'kubectl' ? kubectlWords : []);

/** The shared screen (editor-screen.ts), with completion over a few words, 40 by 12. */
class Screen extends EditorScreen {
  constructor(cols = 40, options: Partial<LineEditorOptions> = {}) {
    super(cols, { complete: (line, cursor) => complete(line, cursor, candidates), ...options }, undefined, 12);
  }
}

const LEFT = '\x1b[D';
const RIGHT = '\x1b[C';
const UP = '\x1b[A';
const DOWN = '\x1b[B';
const HOME = '\x1b[H';
const END = '\x1b[F';
const DELETE = '\x1b[3~';
const BACKSPACE = '\x7f';
const paste = (text: string): string => `\x1b[200~${text}\x1b[201~`;

describe('LineEditor: typing and editing', () => {
  it('echoes typed text after the prompt and submits it on Enter', async () => {
    const s = await new Screen().start();
    await s.type('kubectl get nodes\r');
    expect(s.inputs).toEqual(['kubectl get nodes']);
    expect(s.lines()).toEqual([`${PROMPT}kubectl get nodes`, BARE]);
    expect(s.cursor()).toEqual({ x: PROMPT.length, y: 1 });
  });

  it('inserts and deletes in the middle of the line', async () => {
    const s = await new Screen().start();
    await s.type(`kubctl${LEFT.repeat(3)}e`);
    expect(s.lines()).toEqual([`${PROMPT}kubectl`]);
    expect(s.cursor().x).toBe(PROMPT.length + 4);
    await s.type(`${BACKSPACE}${BACKSPACE}${DELETE}`);
    expect(s.lines()).toEqual([`${PROMPT}kutl`]);
    await s.type('\r');
    expect(s.inputs).toEqual(['kutl']);
  });

  it('moves with Home/End, Ctrl-A/E and left/right, and stops at the ends', async () => {
    const s = await new Screen().start();
    await s.type(`abc${HOME}X${END}Y\x01[\x05]${RIGHT}${RIGHT}`);
    expect(s.lines()).toEqual([`${PROMPT}[XabcY]`]);
    await s.type(`\x01${LEFT}${LEFT}-`);
    expect(s.lines()).toEqual([`${PROMPT}-[XabcY]`]);
  });

  it('kills to the start (Ctrl-U), to the end (Ctrl-K) and the word before the cursor (Ctrl-W)', async () => {
    const s = await new Screen().start();
    await s.type(`kubectl get pods -A${LEFT.repeat(3)}\x0b`);
    expect(s.lines()).toEqual([`${PROMPT}kubectl get pods`]);
    await s.type('\x17');
    expect(s.lines()).toEqual([`${PROMPT}kubectl get`]);
    expect(s.editor.buffer).toBe('kubectl get ');
    await s.type(`${LEFT.repeat(5)}\x15`);
    expect(s.lines()).toEqual([`${PROMPT} get`]);
    expect(s.cursor().x).toBe(PROMPT.length);
  });

  it('ignores keys it does not know and control characters', async () => {
    const s = await new Screen().start();
    await s.type('a\x1b[15~\x1b[1;2Pb\x00\x07c');
    expect(s.lines()).toEqual([`${PROMPT}abc`]);
  });

  it('keeps the cursor right on a line that wraps across terminal rows', async () => {
    const s = await new Screen(30).start();
    const text = 'kubectl get pods --all-namespaces -o wide';
    await s.type(text);
    expect(s.lines().join('')).toBe(PROMPT + text);
    await s.type(`${HOME}X`);
    expect(s.lines().join('')).toBe(`${PROMPT}X${text}`);
    expect(s.cursor()).toEqual({ x: PROMPT.length + 1, y: 0 });
    await s.type(`${END}${BACKSPACE.repeat(text.length + 1)}done`);
    expect(s.lines()).toEqual([`${PROMPT}done`]);
  });

  it('handles text that ends exactly at the right margin', async () => {
    const s = await new Screen(30).start();
    const exact = 'x'.repeat(30 - PROMPT.length);
    await s.type(exact);
    expect(s.cursor()).toEqual({ x: 0, y: 1 });
    await s.type(`y${LEFT}${LEFT}${BACKSPACE}`);
    expect(s.lines().join('')).toBe(`${PROMPT}${exact.slice(1)}y`);
    expect(s.cursor()).toEqual({ x: 29 - 1, y: 0 });
  });
});

describe('LineEditor: history', () => {
  it('recalls earlier inputs with up and down, keeping the line being typed', async () => {
    const s = await new Screen().start();
    await s.type('echo one\recho two\rdraft');
    await s.type(UP);
    expect(s.lines()[2]).toBe(`${PROMPT}echo two`);
    await s.type(UP + UP);
    expect(s.lines()[2]).toBe(`${PROMPT}echo one`);
    await s.type(DOWN);
    expect(s.lines()[2]).toBe(`${PROMPT}echo two`);
    await s.type(DOWN);
    expect(s.lines()[2]).toBe(`${PROMPT}draft`);
    await s.type(`${UP}\r`);
    expect(s.inputs).toEqual(['echo one', 'echo two', 'echo two']);
  });

  it('skips blank lines, repeats and lines starting with a space; restores saved history', async () => {
    const s = await new Screen().start();
    await s.type('ls\rls\r\r  \r secret\r');
    expect(s.editor.history).toEqual(['ls']);
    s.editor.setHistory(['kubectl get pods', 'kubectl get nodes']);
    await s.type(UP + UP + '\r');
    expect(s.inputs[s.inputs.length - 1]).toBe('kubectl get pods');
  });
});

describe('LineEditor: Ctrl-C and Ctrl-L', () => {
  it('Ctrl-C prints ^C, drops the line and reports an interrupt', async () => {
    const s = await new Screen().start();
    await s.type('kubectl get po\x03');
    expect(s.interrupts).toBe(1);
    expect(s.inputs).toEqual([]);
    expect(s.lines()).toEqual([`${PROMPT}kubectl get po^C`, BARE]);
    expect(s.editor.buffer).toBe('');
  });

  it('Ctrl-C leaves the rest of the data for after the new prompt', () => {
    const editor = new LineEditor({ isIncomplete });
    editor.begin(PROMPT);
    const step = editor.feed('abc\x03ls\r');
    expect(step).toMatchObject({ interrupt: true, rest: 'ls\r' });
  });

  it('Ctrl-L clears the screen and shows the prompt and line again', async () => {
    const s = await new Screen().start();
    await s.type(`echo a\recho b\recho xyz${LEFT}\x0c`);
    expect(s.lines().filter((l) => l !== '')).toEqual([`${PROMPT}echo xyz`]);
    await s.type('!');
    expect(s.lines().filter((l) => l !== '')).toEqual([`${PROMPT}echo xy!z`]);
  });
});

describe('LineEditor: Tab completion', () => {
  it('completes a unique word and adds a space', async () => {
    const s = await new Screen().start();
    await s.type('kub\tget no');
    expect(s.lines()).toEqual([`${PROMPT}kubectl get no`]);
  });

  it('extends to the common prefix, rings on an ambiguous Tab and lists on the second', async () => {
    const editor = new LineEditor({ isIncomplete, complete: (l, c) => complete(l, c, candidates) });
    editor.begin(PROMPT);
    expect(editor.feed('kubectl de\t').echo.endsWith('\x07')).toBe(true);
    const s = await new Screen().start();
    await s.type('kubectl de\t\t');
    expect(s.lines()).toEqual([`${PROMPT}kubectl de`, 'delete    describe', `${PROMPT}kubectl de`]);
    await s.type('s\t');
    expect(s.lines()[2]).toBe(`${PROMPT}kubectl describe`);
  });

  it('completes the word at the cursor in the middle of a line', async () => {
    const s = await new Screen().start();
    await s.type(`kubectl g -n x${LEFT.repeat(5)}\t`);
    expect(s.lines()).toEqual([`${PROMPT}kubectl get  -n x`]);
    expect(s.cursor().x).toBe(PROMPT.length + 'kubectl get '.length);
  });

  it('does nothing without a completer', async () => {
    const s = await new Screen(40, { complete: undefined }).start();
    await s.type('kub\t');
    expect(s.lines()).toEqual([`${PROMPT}kub`]);
  });
});

describe('LineEditor: multi-line input and pastes', () => {
  it('continues an incomplete input with a > prompt and submits it whole', async () => {
    const s = await new Screen().start();
    await s.type("echo 'a\rb'\r");
    expect(s.inputs).toEqual(["echo 'a\nb'"]);
    expect(s.lines()).toEqual([`${PROMPT}echo 'a`, "> b'", BARE]);
  });

  it('edits across continuation lines and Ctrl-C drops them all', async () => {
    const s = await new Screen().start();
    await s.type('cat <<EOF\rhello\rwor');
    expect(s.lines()).toEqual([`${PROMPT}cat <<EOF`, '> hello', '> wor']);
    await s.type('\x15');
    expect(s.lines()).toEqual([`${PROMPT}cat <<EOF`, '> hello', '>']);
    await s.type('\x03');
    expect(s.interrupts).toBe(1);
    expect(s.lines()[3]).toBe(BARE);
  });

  it('runs a pasted script line by line, a heredoc as one input, keeping a last partial line', async () => {
    const s = await new Screen(60).start();
    await s.type(paste('kubectl get nodes\r\ncat <<EOF > web.yaml\r\nkind: Pod\r\nEOF\r\nls'));
    expect(s.inputs).toEqual(['kubectl get nodes', 'cat <<EOF > web.yaml\nkind: Pod\nEOF']);
    expect(s.editor.buffer).toBe('ls');
    expect(s.lines()).toEqual([`${PROMPT}kubectl get nodes`, `${PROMPT}cat <<EOF > web.yaml`, '> kind: Pod', '> EOF', `${PROMPT}ls`]);
  });

  it('takes tabs and escapes in a paste as text, not keys', async () => {
    const s = await new Screen().start();
    await s.type(paste('a\tb\x1b[Dc\x03'));
    expect(s.editor.buffer).toBe('a       b[Dc');
    expect(s.interrupts).toBe(0);
  });

  it('keeps paste mode across feeds when the end marker comes later', async () => {
    const s = await new Screen().start();
    await s.type('\x1b[200~ab\t');
    await s.type('c\x1b[201~\t');
    expect(s.editor.buffer).toBe('ab      c');
  });

  it('replace() shows a whole command, as the run-in-terminal button types it', async () => {
    const s = await new Screen().start();
    await s.type('old');
    await s.write(s.editor.replace('kubectl get pods'));
    await s.type('\r');
    expect(s.inputs).toEqual(['kubectl get pods']);
    expect(s.lines()[0]).toBe(`${PROMPT}kubectl get pods`);
  });
});

describe('helpers', () => {
  it('measures text without ANSI sequences', () => {
    expect(visibleWidth('\x1b[1;32mroot\x1b[0m# ')).toBe(6);
  });

  it('lays out candidates down then across', () => {
    expect(columns(['a', 'bb', 'c', 'd', 'e'], 12)).toBe('a   c   e\r\nbb  d\r\n');
  });
});
