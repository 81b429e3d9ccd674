import { describe, expect, it } from 'vitest';
import { loadLab } from '../../src/labs/registry';
import { LabSession } from '../../src/labs/session';

const tolerate = (s: LabSession) => s.check().tasks.find((t) => t.id === 'tolerate')!;

describe('the taint in the pending-pod lab', () => {
  it('is to be tolerated: removing it with kubectl taint does not pass, and putting it back restores the check', async () => {
    const s = LabSession.create(await loadLab('pending-pod'));
    expect(tolerate(s).message).toBe('Pod "report" does not tolerate the taint dedicated=reports:NoSchedule of node-2');
    expect(s.run('kubectl taint node node-2 dedicated-').output).toBe('node/node-2 untainted\n');
    expect(tolerate(s).pass).toBe(false);
    expect(tolerate(s).message).toContain('node-2 no longer carries its taint dedicated=reports:NoSchedule: put it back');
    expect(s.run('kubectl taint node node-2 dedicated=reports:NoSchedule --overwrite').output).toBe('node/node-2 modified\n');
    expect(tolerate(s).message).toBe('Pod "report" does not tolerate the taint dedicated=reports:NoSchedule of node-2');
  });
});
