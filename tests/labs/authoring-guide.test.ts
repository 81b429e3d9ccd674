import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scaffoldFiles } from '../../src/cli/node/lab-scaffold';
import { LAB_LIMITS } from '../../src/labs/limits';
import { parseLab } from '../../src/labs/schema';
import { markdownProblems } from '../../src/labs/markdown';

const guide = readFileSync(new URL('../../content/authoring/labs.md', import.meta.url), 'utf8');

describe('the lab authoring guide', () => {
  it('shows exactly the files clusterlab lab new writes', () => {
    const files = scaffoldFiles('my-lab');
    expect(guide).toContain('```ts\n' + files['lab.ts'] + '```');
    expect(guide).toContain('```md\n' + files['tasks/deploy.md'] + '```');
  });

  it('states the limits the verifier enforces', () => {
    expect(LAB_LIMITS).toEqual({ maxCommands: 2000, maxInputBytes: 64 * 1024, maxVirtualTimeMs: 24 * 3_600_000, maxOutputBytes: 8 * 1024 * 1024, maxFileBytes: 16 * 1024 * 1024 });
    for (const row of ['| Inputs | 2,000 |', '| Input length | 64 KiB |', '| Virtual time | 24 h |', '| Output, in total | 8 MiB |', '| Result file size | 16 MiB |']) expect(guide).toContain(row);
  });

  it('quotes the schema error format it promises', () => {
    expect(() => parseLab({ id: 'x', title: 'X', summary: 'x', seed: 1, tasks: [{ id: 'a', title: 'A', instructions: 'A', check: 'no' }], solution: [{ input: 'true' }] })).toThrow(
      'lab.tasks[0].check: must be a function (view) => CheckResult',
    );
    expect(guide).toContain('lab.tasks[0].check: must be a function (view) => CheckResult');
  });

  it('renders as Markdown', () => {
    expect(markdownProblems(guide.replace(/^---[\s\S]*?---\n/, ''))).toEqual([]);
  });
});
