import { describe, expect, it } from 'vitest';
import { commandWasRun, failed, passed } from '../../src/labs/checks/index';
import { formatLabTest, testLab } from '../../src/labs/lab-test';
import type { Node } from 'kubernetes-types/core/v1';
import { inlineLab } from './helpers';

describe('clusterlab lab test', () => {
  it('catches a check that passes untouched, one only time passes, an unsolvable task and bad Markdown', () => {
    const def = inlineLab({
      setup: { faults: [{ at: '30s', action: 'stop-kubelet', node: 'node-1' }] },
      tasks: [
        { id: 'free', title: 'Free', instructions: 'Nothing to do.', check: () => passed('always') },
        {
          id: 'waits',
          title: 'Waits',
          instructions: 'Wait.',
          check: (view) => {
            const ready = view.get<Node>('nodes', undefined, 'node-1')?.status?.conditions?.find((c) => c.type === 'Ready')?.status;
            return ready === 'True' ? failed('node-1 is still Ready') : passed(`node-1 is ${ready}`);
          },
        },
        { id: 'hard', title: 'Hard', instructions: '```sh\nnever closed', check: commandWasRun('kubectl delete node node-9') },
      ],
      solution: [{ input: 'true' }, { after: '2m', input: 'true' }],
    });
    const report = testLab(def);
    expect(report.ok).toBe(false);
    expect(formatLabTest(report)).toBe(
      [
        'FAIL test-lab',
        '  FAIL every task and hint renders as Markdown',
        '         task hard instructions: a code fence (```) is never closed',
        '  FAIL the untouched setup fails every check',
        '         task free passes at the start without the learner doing anything: always',
        '         task free passes after waiting 120s without the learner doing anything: always',
        '         task waits passes after waiting 120s without the learner doing anything: node-1 is Unknown',
        '  FAIL the reference solution passes every check',
        "         task hard fails after the solution: you have not run 'kubectl delete node node-9' yet",
        '  ok   replaying the solution twice gives identical output',
        "  ok   the solution's saved result verifies",
        '',
      ].join('\n'),
    );
  });
});
