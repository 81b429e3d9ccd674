import { describe, expect, it } from 'vitest';
import { objectExists } from '../../src/labs/checks/index';
import { ENGINE_VERSION } from '../../src/labs/engine-version';
import { LAB_LIMITS } from '../../src/labs/limits';
import { LabSession } from '../../src/labs/session';
import type { SavedLab } from '../../src/labs/types';
import { verifyResultText, type Verdict } from '../../src/labs/verify';
import { inlineLab } from './helpers';

const def = inlineLab({
  tasks: [
    { id: 'pod', title: 'Create web', instructions: 'Run `web`.', points: 10, check: objectExists('pods', 'default', 'web') },
    { id: 'db', title: 'Create db', instructions: 'Run `db`.', points: 10, check: objectExists('pods', 'default', 'db'), hints: ['Use `kubectl run db`.'] },
  ],
});

/** A learner's result: commands typed with virtual time passing between them, as in a browser. */
function genuine(): SavedLab {
  const lab = LabSession.create(def);
  lab.run('kubectl get pods');
  lab.advanceTo(3_217);
  lab.run('kubectl run web --image=nginx:1.27');
  lab.advanceTo(15_000);
  lab.run('kubectl get pods -o wide');
  lab.run('check');
  lab.run('hint db');
  lab.advanceTo(20_000);
  return lab.exportResult();
}

const verify = (result: unknown): Promise<Verdict> => verifyResultText(typeof result === 'string' ? result : JSON.stringify(result), (id) => Promise.resolve(id === def.id ? def : undefined));
const edit = (f: (r: SavedLab) => void): SavedLab => {
  const r = genuine();
  f(r);
  return r;
};

describe('clusterlab verify (replay)', () => {
  it('accepts a genuine result and recomputes its progress', async () => {
    const verdict = await verify(genuine());
    expect(verdict).toMatchObject({ accepted: true, progress: { labId: 'test-lab', score: 10, maxScore: 20, complete: false, hintsShown: { db: 1 }, assisted: false } });
  });

  it('rejects a transcript whose output was edited, naming the input and line', async () => {
    const verdict = await verify(edit((r) => (r.transcript[2]!.output = r.transcript[2]!.output.replace('Running', 'Pending '))));
    expect(verdict).toEqual({
      accepted: false,
      code: 'tampered-transcript',
      reason: expect.stringMatching(/^input 3 \('kubectl get pods -o wide'\) claims output that the replay does not print; line 2 claims "web +1\/1 +Pending .*" but the replay printed "web +1\/1 +Running .*"$/) as string,
    });
  });

  it('rejects an edited exit status, an inserted command and time running backwards', async () => {
    expect(await verify(edit((r) => (r.transcript[0]!.exitCode = 0 + 1)))).toEqual({ accepted: false, code: 'tampered-transcript', reason: "input 1 ('kubectl get pods') claims exit status 1; the replay exited with 0" });
    const forged = edit((r) => r.transcript.splice(2, 0, { atMs: 3_217, input: 'kubectl run db --image=redis:7', output: 'pod/db created\n', exitCode: 0 }));
    expect(await verify(forged)).toMatchObject({ accepted: false, code: 'tampered-transcript' });
    expect(await verify(edit((r) => (r.transcript[2]!.atMs = 1_000)))).toEqual({ accepted: false, code: 'tampered-transcript', reason: "input 3 ('kubectl get pods -o wide') claims virtual time 1000ms, but the replay was already at 3217ms" });
  });

  it('rejects a tampered score or task verdict', async () => {
    expect(await verify(edit((r) => (r.progress!.score = 20)))).toEqual({ accepted: false, code: 'tampered-score', reason: 'the result claims score 20/20; the replay gives 10/20 (passed: pod)' });
    // The reason names the field that differs, not only the score (which may be equal).
    const taskId = (await verify(edit(() => undefined)) as { progress: { tasks: { id: string }[] } }).progress.tasks[1]!.id;
    expect(await verify(edit((r) => (r.progress!.tasks[1]!.pass = true)))).toEqual({ accepted: false, code: 'tampered-score', reason: `task ${taskId}: the result claims pass true; the replay gives false` });
    const points = (await verify(edit((r) => (r.progress!.tasks[0]!.points = 100)))) as { code: string; reason: string };
    expect(points.code).toBe('tampered-score');
    expect(points.reason).toMatch(/^task pod: the result claims points 100; the replay gives \d+$/);
    expect(await verify(edit((r) => (r.progress!.complete = true)))).toEqual({ accepted: false, code: 'tampered-score', reason: 'the result claims score 10/20 (complete); the replay gives 10/20 (passed: pod)' });
    expect(((await verify(edit((r) => (r.progress!.hintsShown = {})))) as { reason: string }).reason).toMatch(/^the result claims hintsShown \{\}; the replay gives /);
    expect(await verify(edit((r) => delete r.progress!.assisted))).toMatchObject({ accepted: false, code: 'tampered-score' });
  });

  it('rejects a result from another engine version, an unknown lab or another seed', async () => {
    expect(await verify(edit((r) => (r.engineVersion = '0.0.9+labs.1')))).toEqual({
      accepted: false,
      code: 'engine-version',
      reason: `the result was made with engine 0.0.9+labs.1; this verifier runs ${ENGINE_VERSION} and cannot replay it faithfully`,
    });
    expect(await verify(edit((r) => (r.labId = 'no-such-lab')))).toEqual({ accepted: false, code: 'unknown-lab', reason: 'there is no lab "no-such-lab" here' });
    expect(await verify(edit((r) => (r.seed = 6)))).toEqual({ accepted: false, code: 'wrong-seed', reason: 'the result used seed 6, but lab test-lab runs with seed 5: it was not made in this lab' });
  });

  it('refuses results over the limits before replaying them', async () => {
    const huge = 'x'.repeat(LAB_LIMITS.maxInputBytes + 1);
    expect(await verify(edit((r) => (r.transcript[0]!.input = huge)))).toEqual({ accepted: false, code: 'over-limits', reason: `input 1 is longer than ${LAB_LIMITS.maxInputBytes} bytes` });
    expect(await verify(edit((r) => (r.nowMs = LAB_LIMITS.maxVirtualTimeMs + 1)))).toEqual({
      accepted: false,
      code: 'over-limits',
      reason: `the result runs to virtual time ${LAB_LIMITS.maxVirtualTimeMs + 1}ms; at most ${LAB_LIMITS.maxVirtualTimeMs}ms are replayed`,
    });
    const many = edit((r) => (r.transcript = Array.from({ length: LAB_LIMITS.maxCommands + 1 }, (_, i) => ({ atMs: i, input: 'true', output: '', exitCode: 0 }))));
    expect(await verify(many)).toEqual({ accepted: false, code: 'over-limits', reason: `the transcript has ${LAB_LIMITS.maxCommands + 1} inputs; at most ${LAB_LIMITS.maxCommands} are replayed` });
    const loud = edit((r) => (r.transcript[0]!.output = 'y'.repeat(LAB_LIMITS.maxOutputBytes + 1)));
    const bytes = loud.transcript.reduce((n, e) => n + e.output.length, 0);
    expect(await verify(loud)).toEqual({ accepted: false, code: 'over-limits', reason: `the transcript holds ${bytes} bytes of output; at most ${LAB_LIMITS.maxOutputBytes} are replayed` });
    expect(await verify(' '.repeat(LAB_LIMITS.maxFileBytes + 1))).toEqual({ accepted: false, code: 'over-limits', reason: `the result file is larger than ${LAB_LIMITS.maxFileBytes} bytes` });
  });

  it('stops a replay whose commands run the clock past the limit', async () => {
    const lab = LabSession.create(def);
    lab.run('sleep 2m');
    const limits = { ...LAB_LIMITS, maxVirtualTimeMs: 60_000 };
    // The file claims to end at 0 ms, so only the replay itself finds out how long the input runs.
    const verdict = await verifyResultText(JSON.stringify({ ...lab.exportResult(), nowMs: 0 }), () => Promise.resolve(def), limits);
    expect(verdict).toEqual({ accepted: false, code: 'over-limits', reason: "input 1 ('sleep 2m') ran the clock past 60000ms of virtual time" });
  });

  it('explains malformed files', async () => {
    expect(await verify('{"format":')).toMatchObject({ accepted: false, code: 'malformed', reason: expect.stringMatching(/^the result file is not JSON: /) as string });
    expect(await verify({ format: 'clusterlab/lab-state@1', labId: 'test-lab' })).toEqual({ accepted: false, code: 'malformed', reason: 'the result file is not a lab result: engineVersion: Invalid input: expected string, received undefined' });
  });
});
