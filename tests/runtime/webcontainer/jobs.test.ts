import { describe, expect, it } from 'vitest';
import { ForegroundJobs } from '../../../src/runtime/webcontainer/daemon/jobs';
import type { LabHost } from '../../../src/runtime/webcontainer/daemon/host';
import { JOB_ORPHAN_MS } from '../../../src/runtime/webcontainer/protocol';

/** A watch that prints one row per pump, and a host that records how the job was amended. */
function setup() {
  let rows = 0;
  let stopped = false;
  const amended: { output: string; interruptedAfterMs: number }[] = [];
  let virtualMs = 1000;
  let wallMs = 0;
  const host = { cluster: { now: () => virtualMs }, amendRunning: (output: string, interruptedAfterMs: number) => amended.push({ output, interruptedAfterMs }) } as unknown as LabHost;
  const jobs = new ForegroundJobs(() => host, () => wallMs);
  const job = { pump: () => ({ text: stopped ? '' : `row ${++rows}\n`, done: false }), stop: () => (stopped = true) };
  return { jobs, job, amended, isStopped: () => stopped, advance: (v: number, w: number) => ((virtualMs += v), (wallMs += w)) };
}

describe('the daemon\'s foreground job', () => {
  it('hands out what it printed poll by poll, and a stop records it as interrupted', () => {
    const t = setup();
    const id = t.jobs.start(t.job, 1000, 'NAME\n');
    t.advance(500, 50);
    expect(t.jobs.poll(id)).toEqual({ stdout: 'row 1\n', done: false });
    t.advance(500, 50);
    expect(t.jobs.poll(id, true)).toEqual({ stdout: 'row 2\n', done: true });
    expect(t.isStopped()).toBe(true);
    expect(t.amended).toEqual([{ output: 'NAME\nrow 1\nrow 2\n', interruptedAfterMs: 1000 }]);
    expect(t.jobs.poll(id)).toEqual({ stdout: '', done: true });
  });

  it('stops a job whose shim stopped polling, at the time it notices', () => {
    const t = setup();
    const id = t.jobs.start(t.job, 1000, '');
    t.advance(2000, JOB_ORPHAN_MS - 1);
    t.jobs.reapOrphan();
    expect(t.isStopped()).toBe(false);
    t.advance(100, 2);
    t.jobs.reapOrphan();
    expect(t.isStopped()).toBe(true);
    expect(t.amended).toEqual([{ output: 'row 1\n', interruptedAfterMs: 2100 }]);
    expect(t.jobs.poll(id)).toEqual({ stdout: '', done: true });
  });

  it('ends the running job when another command starts', () => {
    const t = setup();
    t.jobs.start(t.job, 1000, 'A\n');
    t.jobs.start({ pump: () => ({ text: '', done: false }), stop: () => undefined }, 1000, 'B\n');
    expect(t.amended).toEqual([{ output: 'A\nrow 1\n', interruptedAfterMs: 0 }]);
  });
});
