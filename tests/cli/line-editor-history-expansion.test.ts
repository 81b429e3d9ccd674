import { describe, expect, it } from 'vitest';
import { BARE, EditorScreen, KEYS, PROMPT } from './editor-screen';

/** Inputs print `ran: INPUT`, so the screen shows where the output goes. */
const ran = (input: string) => `ran: ${input}\n`;

describe('LineEditor: history expansion on Enter', () => {
  it('shows the expanded command, runs it and keeps it in history, as bash does', async () => {
    const s = await new EditorScreen(60, {}, ran).start();
    await s.type('kubectl get pods -n kube-system\r!!\r');
    expect(s.inputs).toEqual(['kubectl get pods -n kube-system', 'kubectl get pods -n kube-system']);
    expect(s.lines()).toEqual([
      `${PROMPT}kubectl get pods -n kube-system`,
      'ran: kubectl get pods -n kube-system',
      `${PROMPT}!!`,
      'kubectl get pods -n kube-system',
      'ran: kubectl get pods -n kube-system',
      BARE,
    ]);
    expect(s.editor.history).toEqual(['kubectl get pods -n kube-system']);
  });

  it('expands !$ to the last word, and Up recalls the expanded line, not the !$', async () => {
    const s = await new EditorScreen(60, {}, ran).start();
    await s.type('kubectl get pods -n kube-system\rkubectl get ns !$\r');
    expect(s.inputs[1]).toBe('kubectl get ns kube-system');
    expect(s.lines().slice(2, 5)).toEqual([`${PROMPT}kubectl get ns !$`, 'kubectl get ns kube-system', 'ran: kubectl get ns kube-system']);
    await s.type(KEYS.UP);
    expect(s.last()).toBe(`${PROMPT}kubectl get ns kube-system`);
  });

  it('prints "event not found", runs nothing and keeps nothing when there is no such command', async () => {
    const s = await new EditorScreen(60, {}, ran).start();
    await s.type('!!\r');
    expect(s.inputs).toEqual(['']);
    expect(s.lines()).toEqual([`${PROMPT}!!`, 'bash: !!: event not found', BARE]);
    expect(s.editor.history).toEqual([]);
    await s.type('ls\recho !nosuch\r');
    expect(s.lines().slice(-3)).toEqual([`${PROMPT}echo !nosuch`, 'bash: !nosuch: event not found', BARE]);
    expect(s.editor.history).toEqual(['ls']);
  });

  it('numbers !n from the first command kept, counting what the history size dropped', async () => {
    const s = await new EditorScreen(60, { historySize: 2 }).start();
    await s.type('echo 1\recho 2\recho 3\r!2\r');
    expect(s.inputs.at(-1)).toBe('echo 2');
    s.editor.setHistory(['echo a', 'echo a', ' secret', 'echo b', 'echo c']);
    expect(s.editor.history).toEqual(['echo b', 'echo c']);
    await s.type('!1\r!2\r');
    expect(s.inputs.slice(-2)).toEqual(['', 'echo b']);
  });

  it('leaves single quotes and a lone ! alone, and echoes nothing extra then', async () => {
    const s = await new EditorScreen().start();
    await s.type("echo 'hi!!' wow!\r");
    expect(s.inputs).toEqual(["echo 'hi!!' wow!"]);
    expect(s.lines()).toEqual([`${PROMPT}echo 'hi!!' wow!`, BARE]);
  });

  it('only shows a :p expansion, keeping it in history', async () => {
    const s = await new EditorScreen().start();
    await s.type('ls -l\r!!:p\r');
    expect(s.inputs).toEqual(['ls -l', '']);
    expect(s.lines()).toEqual([`${PROMPT}ls -l`, `${PROMPT}!!:p`, 'ls -l', BARE]);
  });

  it('can be turned off, for a shell without history expansion', async () => {
    let on = false;
    const s = await new EditorScreen(60, { historyExpansion: () => on }).start();
    await s.type('ls\r!!\r');
    expect(s.inputs).toEqual(['ls', '!!']);
    on = true;
    await s.type('!l\r');
    expect(s.inputs.at(-1)).toBe('ls');
  });
});
