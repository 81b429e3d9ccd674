import { describe, expect, it } from 'vitest';
import { BARE, EditorScreen, KEYS, PROMPT } from './editor-screen';

const { LEFT, UP, DOWN, ESC, CTRL_R, CTRL_G, CTRL_C, BACKSPACE } = KEYS;
const searchPrompt = (query: string) => `(reverse-i-search)\`${query}': `;
/** The search prompt and line as the screen shows them (right-trimmed). */
const search = (query: string, line: string) => `${searchPrompt(query)}${line}`.trimEnd();
const failed = (query: string, line: string) => `(failed reverse-i-search)\`${query}': ${line}`.trimEnd();

/** A screen whose history holds three commands, with `draft` typed on the prompt. */
async function withHistory(cols = 60): Promise<EditorScreen> {
  const s = await new EditorScreen(cols).start();
  await s.type('echo one\rkubectl get pods\recho two\rdraft');
  return s;
}

describe('LineEditor: Ctrl-R reverse incremental search', () => {
  it('replaces the prompt, narrows as the query grows and puts the cursor on the match', async () => {
    const s = await withHistory();
    await s.type(CTRL_R);
    expect(s.last()).toBe(search('', 'draft'));
    await s.type('o');
    expect(s.last()).toBe(search('o', 'echo two'));
    expect(s.cursor().x).toBe(searchPrompt('o').length + 'echo tw'.length);
    await s.type('n');
    expect(s.last()).toBe(search('on', 'echo one'));
    expect(s.cursor().x).toBe(searchPrompt('on').length + 'echo '.length);
    // The earlier lines stay as they were.
    expect(s.lines().slice(0, 3)).toEqual([`${PROMPT}echo one`, `${PROMPT}kubectl get pods`, `${PROMPT}echo two`]);
  });

  it('Ctrl-R again finds the next older match, then says it failed and keeps the last match', async () => {
    const s = await withHistory();
    await s.type(`${CTRL_R}o`);
    expect(s.last()).toBe(search('o', 'echo two'));
    await s.type(CTRL_R);
    // An earlier match in the same line first, as readline does.
    expect(s.last()).toBe(search('o', 'echo two'));
    expect(s.cursor().x).toBe(searchPrompt('o').length + 'ech'.length);
    await s.type(CTRL_R);
    expect(s.last()).toBe(search('o', 'kubectl get pods'));
    await s.type(CTRL_R + CTRL_R + CTRL_R);
    expect(s.last()).toBe(failed('o', 'echo one'));
    await s.type('x');
    expect(s.last()).toBe(failed('ox', 'echo one'));
    await s.type(BACKSPACE);
    expect(s.last()).toBe(search('o', 'echo one'));
  });

  it('Enter runs the match', async () => {
    const s = await withHistory();
    await s.type(`${CTRL_R}get\r`);
    expect(s.inputs.at(-1)).toBe('kubectl get pods');
    expect(s.lines().slice(-2)).toEqual([`${PROMPT}kubectl get pods`, BARE]);
  });

  it('Esc or an arrow key accepts the match for editing, the cursor where the match was', async () => {
    const s = await withHistory();
    await s.type(`${CTRL_R}ne${ESC}`);
    expect(s.last()).toBe(`${PROMPT}echo one`);
    expect(s.cursor().x).toBe(PROMPT.length + 'echo o'.length);
    await s.type(`${CTRL_C}${CTRL_R}ne${LEFT}Y`);
    expect(s.last()).toBe(`${PROMPT}echo Yone`);
    await s.type('\r');
    expect(s.inputs.at(-1)).toBe('echo Yone');
  });

  it('Up and Down go on from the match in history', async () => {
    const s = await withHistory();
    await s.type(`${CTRL_R}tw${UP}`);
    expect(s.last()).toBe(`${PROMPT}kubectl get pods`);
    await s.type(DOWN + DOWN);
    expect(s.last()).toBe(`${PROMPT}draft`);
  });

  it('Ctrl-G cancels back to the line and cursor it started from', async () => {
    const s = await withHistory();
    await s.type(`${LEFT}${LEFT}${CTRL_R}kube`);
    expect(s.last()).toBe(search('kube', 'kubectl get pods'));
    await s.type(CTRL_G);
    expect(s.last()).toBe(`${PROMPT}draft`);
    expect(s.cursor().x).toBe(PROMPT.length + 3);
    await s.type('\r');
    expect(s.inputs.at(-1)).toBe('draft');
  });

  it('Ctrl-C drops the line and gives a fresh prompt, as in bash', async () => {
    const s = await withHistory();
    await s.type(`${CTRL_R}tw${CTRL_C}`);
    expect(s.interrupts).toBe(1);
    expect(s.lines().slice(-2)).toEqual([`${search('tw', 'echo two')}^C`, BARE]);
    await s.type('ls\r');
    expect(s.inputs.at(-1)).toBe('ls');
  });

  it('Ctrl-R on an empty search repeats the last one, passing over repeats of the line found', async () => {
    const s = await new EditorScreen().start();
    s.editor.setHistory(['echo one', 'echo two', 'ls', 'echo two']);
    await s.type(`${CTRL_R}echo${CTRL_G}`);
    expect(s.lines()).toEqual([BARE]);
    await s.type(CTRL_R);
    expect(s.last()).toBe(search('', ''));
    await s.type(CTRL_R);
    expect(s.last()).toBe(search('echo', 'echo two'));
    await s.type(CTRL_R);
    expect(s.last()).toBe(search('echo', 'echo one'));
  });

  it('fails at once on an empty history', async () => {
    const s = await new EditorScreen().start();
    await s.type(`${CTRL_R}k`);
    expect(s.last()).toBe(failed('k', ''));
    await s.type(CTRL_G);
    expect(s.lines()).toEqual([BARE]);
  });

  it('redraws a match that wraps across rows, and the prompt after it', async () => {
    const s = await new EditorScreen(30).start();
    const long = 'kubectl get pods --all-namespaces -o wide';
    await s.type(`ls\r${long}\r`);
    await s.type(`${CTRL_R}wide`);
    expect(s.logicalLines().at(-1)).toBe(search('wide', long));
    expect(s.lines()).toHaveLength(7);
    expect(s.cursor()).toEqual({ x: (search('wide', long).length - 'wide'.length) % 30, y: 6 });
    await s.type(`${BACKSPACE.repeat(4)}ls`);
    // The shorter line leaves no trace of the longer one.
    expect(s.lines()).toHaveLength(5);
    expect(s.last()).toBe(search('ls', 'ls'));
    await s.type(ESC);
    expect(s.last()).toBe(`${PROMPT}ls`);
    expect(s.cursor()).toEqual({ x: PROMPT.length, y: 4 });
  });

  it('searches from a half-typed heredoc and Ctrl-G brings all its lines back', async () => {
    const s = await new EditorScreen().start();
    await s.type('echo hello\rcat <<EOF\rhel');
    await s.type(`${CTRL_R}hello`);
    expect(s.lines()).toEqual([`${PROMPT}echo hello`, search('hello', 'echo hello')]);
    await s.type(CTRL_G);
    expect(s.lines()).toEqual([`${PROMPT}echo hello`, `${PROMPT}cat <<EOF`, '> hel']);
    await s.type('lo\rEOF\r');
    expect(s.inputs.at(-1)).toBe('cat <<EOF\nhello\nEOF');
  });

  it('ends the search on Tab, which then completes', async () => {
    const s = await new EditorScreen(60, { complete: (line, cursor) => ({ word: '', start: 0, candidates: [], prefix: '', line: `${line}X`, cursor: cursor + 1 }) }).start();
    await s.type(`echo hi\r${CTRL_R}hi\t`);
    expect(s.last()).toBe(`${PROMPT}echo hiX`);
  });
});
