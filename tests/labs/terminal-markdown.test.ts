import { describe, expect, it } from 'vitest';
import { loadLab } from '../../src/labs/registry';
import { LabSession } from '../../src/labs/session';
import { terminalMarkdown } from '../../src/labs/terminal-markdown';

const TEXT = 'Get the Pod `report` **Running on node-2**: fix the *first* filter.\n\n* a bullet, 2 * 3 = 6, `a*b*c`\n\nSee [the docs](https://kubernetes.io/docs/).\n\n```yaml\nkind: Pod\n```';

describe('task Markdown in the terminal', () => {
  it('is bold and italic on the terminal, with code bold and no markers', () => {
    expect(terminalMarkdown(TEXT, true)).toBe(
      'Get the Pod \x1b[1mreport\x1b[22m \x1b[1mRunning on node-2\x1b[22m: fix the \x1b[3mfirst\x1b[23m filter.\n\n* a bullet, 2 * 3 = 6, \x1b[1ma*b*c\x1b[22m\n\nSee the docs (https://kubernetes.io/docs/).\n\n    kind: Pod',
    );
  });

  it('is plain text in a pipe: the markers go, code keeps its backticks', () => {
    expect(terminalMarkdown(TEXT, false)).toBe('Get the Pod `report` Running on node-2: fix the first filter.\n\n* a bullet, 2 * 3 = 6, `a*b*c`\n\nSee the docs (https://kubernetes.io/docs/).\n\n    kind: Pod');
  });

  it('is how `tasks` and `hint` print a lab, with no Markdown markers left', async () => {
    const lab = LabSession.create(await loadLab('pending-pod'));
    for (const command of ['tasks', 'hint', 'tasks | cat']) {
      const out = lab.run(command).output;
      expect(out, command).not.toMatch(/\*\*|(^|\s)\*\w[^*\n]*\w\*(\s|$)/m);
    }
    expect(lab.run('tasks').output).toContain('\x1b[1m');
    expect(lab.run('tasks | cat').output).not.toContain('\x1b[');
  });
});
