import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listLabs } from '../../src/labs/registry';
import type { SavedLab } from '../../src/labs/types';
import type { ProgressGrid } from '../../src/team/progress';
import { InstructorClient, solvedResult, startTeamServer, submit, type TeamServer } from './helpers';

/** What an instructor sees: the roster x labs grid, a learner's transcript, the CSV export. */
let server: TeamServer;
let instructor: InstructorClient;
let cohortId: string;
const learners: Record<string, { id: string; token: string }> = {};
let result: SavedLab;

beforeAll(async () => {
  // Replays on the main thread here (VERIFY_WORKERS=0); the other suites use the worker pool.
  server = await startTeamServer({ verifyWorkers: 0 });
  await server.store.addInstructor('ana@example.org', 'correct horse battery');
  instructor = new InstructorClient(server.url);
  await instructor.login('ana@example.org', 'correct horse battery');
  cohortId = ((await (await instructor.request('POST', '/api/team/cohorts', { name: 'SRE onboarding' })).json()) as { id: string }).id;
  const { token } = (await (await instructor.request('POST', `/api/team/cohorts/${cohortId}/invitations`, {})).json()) as { token: string };
  for (const name of ['Doe, Jane', '=cmd()', 'Sam']) {
    const joined = (await (await fetch(`${server.url}/api/team/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ invitation: token, name }) })).json()) as { token: string; learner: { id: string } };
    learners[name] = { id: joined.learner.id, token: joined.token };
  }
  result = await solvedResult();
  expect((await submit(server.url, learners['Doe, Jane']!.token, JSON.stringify(result))).status).toBe(201);
  const tampered = structuredClone(result);
  tampered.progress!.score += 5;
  expect((await submit(server.url, learners['=cmd()']!.token, JSON.stringify(tampered))).status).toBe(201);
});
afterAll(() => server.close());

const timeSpent = () => result.nowMs - result.transcript[0]!.atMs;

describe('cohort progress', () => {
  it('grids every learner against every lab, with per-task state and time spent', async () => {
    const grid = (await (await instructor.request('GET', `/api/team/cohorts/${cohortId}/progress`)).json()) as ProgressGrid;
    expect(grid.labs).toEqual(await listLabs());
    expect(grid.learners.map((l) => l.name)).toEqual(['Doe, Jane', '=cmd()', 'Sam']);
    const jane = grid.learners[0]!.labs['pending-pod']!;
    expect(jane).toMatchObject({ status: 'verified', score: result.progress!.score, maxScore: result.progress!.maxScore, complete: true, timeSpentMs: timeSpent(), submissions: 1, rejected: 0, lastRejection: null });
    expect(jane.tasks).toEqual(result.progress!.tasks.map((t) => ({ id: t.id, title: t.title, pass: true })));
    const cheat = grid.learners[1]!.labs['pending-pod']!;
    expect(cheat).toMatchObject({ status: 'rejected', score: null, tasks: [], submissions: 1, rejected: 1 });
    expect(cheat.lastRejection).toMatch(/^the result claims score \d+\/\d+ \(complete\); the replay gives \d+\/\d+ \(complete\)/);
    expect(grid.learners[2]!.labs['pending-pod']).toMatchObject({ status: 'not-started', submissions: 0 });
  });

  it("shows a learner's submissions with the transcript they typed", async () => {
    const res = await instructor.request('GET', `/api/team/cohorts/${cohortId}/learners/${learners['Doe, Jane']!.id}`);
    const detail = (await res.json()) as { learner: { name: string }; submissions: { status: string; transcript: unknown; progress: unknown }[] };
    expect(detail.learner.name).toBe('Doe, Jane');
    expect(detail.submissions).toHaveLength(1);
    expect(detail.submissions[0]!.transcript).toEqual(result.transcript);
    expect(detail.submissions[0]!.progress).toEqual(result.progress);
    expect((await instructor.request('GET', `/api/team/cohorts/${cohortId}/learners/nobody`)).status).toBe(404);
  });

  it('exports CSV: quoted names, formulas defused, one line per learner and lab', async () => {
    const res = await instructor.request('GET', `/api/team/cohorts/${cohortId}/progress.csv`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="SRE-onboarding-progress.csv"');
    const lines = (await res.text()).split('\r\n');
    const labs = await listLabs();
    expect(lines[0]).toBe('learner,learner_id,lab,status,score,max_score,complete,tasks_passed,tasks_total,time_spent_s,submitted_at,rejected_submissions');
    expect(lines).toHaveLength(1 + 3 * labs.length + 1);
    const [stored] = await server.store.learnerSubmissions(learners['Doe, Jane']!.id);
    const p = result.progress!;
    expect(lines).toContain(`"Doe, Jane",${learners['Doe, Jane']!.id},pending-pod,verified,${p.score},${p.maxScore},yes,${p.tasks.length},${p.tasks.length},${Math.round(timeSpent() / 1000)},${new Date(stored!.receivedAt).toISOString()},0`);
    expect(lines).toContain(`'=cmd(),${learners['=cmd()']!.id},pending-pod,rejected,,,no,0,0,,,1`);
    expect(lines).toContain(`Sam,${learners.Sam!.id},bad-rollout,not-started,,,no,0,0,,,0`);
  });

  it('is for instructors only', async () => {
    const res = await fetch(`${server.url}/api/team/cohorts/${cohortId}/progress.csv`, { headers: { authorization: `Bearer ${learners.Sam!.token}` } });
    expect(res.status).toBe(401);
  });
});

describe('rate limits', () => {
  it('refuses a learner token past its burst with 429 and Retry-After, whatever the address', async () => {
    const limited = await startTeamServer({ rateLimit: { ipBurst: 1000, ipPerSecond: 0, tokenBurst: 2, tokenPerSecond: 0 } });
    try {
      await limited.store.addInstructor('ana@example.org', 'correct horse battery');
      const who = new InstructorClient(limited.url);
      await who.login('ana@example.org', 'correct horse battery');
      const cohort = (await (await who.request('POST', '/api/team/cohorts', { name: 'c' })).json()) as { id: string };
      const invite = (await (await who.request('POST', `/api/team/cohorts/${cohort.id}/invitations`, {})).json()) as { token: string };
      const { token } = (await (await fetch(`${limited.url}/api/team/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ invitation: invite.token, name: 'n' }) })).json()) as { token: string };
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await submit(limited.url, token, '{"x":' + i + '}')).status);
      expect(statuses).toEqual([400, 400, 429]);
      const refused = await submit(limited.url, token, '{}');
      expect(refused.headers.get('retry-after')).toBe('3600');
      expect(await refused.json()).toEqual({ error: 'rate-limited', message: 'too many requests from this learner token; try again in 3600s' });
    } finally {
      await limited.close();
    }
  });

  it('refuses an address past its burst with 429', async () => {
    const limited = await startTeamServer({ rateLimit: { ipBurst: 3, ipPerSecond: 0, tokenBurst: 100, tokenPerSecond: 0 } });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await fetch(`${limited.url}/api/team/cohorts`)).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
      // The site itself is not rate limited.
      expect((await fetch(`${limited.url}/`)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
