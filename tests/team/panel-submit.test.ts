import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMembership, TEAM_KEY, TeamSubmitter } from '../../src/components/lab/team-submit';
import { InstructorClient, solvedResult, startTeamServer, type TeamServer } from './helpers';

/** The lab panel's side of team mode, against the real team server (SQLite, real HTTP). */
let server: TeamServer;
let instructor: InstructorClient;

beforeAll(async () => {
  server = await startTeamServer();
  await server.store.addInstructor('ana@example.org', 'correct horse battery');
  instructor = new InstructorClient(server.url);
  await instructor.login('ana@example.org', 'correct horse battery');
});
afterAll(() => server.close());

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, removeItem: (k: string) => void data.delete(k), has: (k: string) => data.has(k) };
}

async function joinedLearner(): Promise<string> {
  const cohort = (await (await instructor.request('POST', '/api/team/cohorts', { name: 'Morning cohort' })).json()) as { id: string };
  const invite = (await (await instructor.request('POST', `/api/team/cohorts/${cohort.id}/invitations`, {})).json()) as { token: string };
  const joined = await fetch(`${server.url}/api/team/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ invitation: invite.token, name: 'Lee' }) });
  const body = (await joined.json()) as { token: string; learner: unknown; cohort: unknown };
  // What the join page stores in the browser.
  return JSON.stringify({ token: body.token, learner: body.learner, cohort: body.cohort });
}

describe('the lab panel submits results of a learner who joined a cohort', () => {
  it('submits when a task newly passes, shows the verdict, and not again for the same score', async () => {
    const storage = memoryStorage({ [TEAM_KEY]: await joinedLearner() });
    const lines: string[] = [];
    const submitter = new TeamSubmitter(server.url, storage, (l) => lines.push(l));
    const result = await solvedResult('pending-pod');
    let calls = 0;
    const produce = () => {
      calls++;
      return Promise.resolve(result);
    };
    await submitter.onProgress(result.progress, produce);
    expect(lines).toEqual([`Submitted to Morning cohort: verified, ${result.progress!.score}/${result.progress!.maxScore} points.`]);
    await submitter.onProgress(result.progress, produce);
    expect(calls).toBe(1);
  });

  it('says when the server rejects a tampered result, and forgets an invalid token', async () => {
    const storage = memoryStorage({ [TEAM_KEY]: await joinedLearner() });
    const lines: string[] = [];
    const tampered = await solvedResult('pending-pod');
    tampered.progress!.score += 10;
    await new TeamSubmitter(server.url, storage, (l) => lines.push(l)).onProgress(tampered.progress, () => Promise.resolve(tampered));
    expect(lines[0]).toMatch(/^Submitted to Morning cohort, but it was rejected: /);
    const stale = memoryStorage({ [TEAM_KEY]: JSON.stringify({ ...JSON.parse(storage.getItem(TEAM_KEY)!), token: 'x'.repeat(43) }) });
    const result = await solvedResult('pending-pod');
    await new TeamSubmitter(server.url, stale, (l) => lines.push(l)).onProgress(result.progress, () => Promise.resolve(result));
    expect(lines[1]).toBe('Your cohort invitation is no longer valid; open your invitation link again to rejoin.');
    expect(stale.has(TEAM_KEY)).toBe(false);
  });

  it('does nothing for a learner who has not joined a cohort', async () => {
    expect(readMembership(memoryStorage())).toBeUndefined();
    const lines: string[] = [];
    const result = await solvedResult('pending-pod');
    await new TeamSubmitter(server.url, memoryStorage(), (l) => lines.push(l)).onProgress(result.progress, () => Promise.reject(new Error('not called')));
    expect(lines).toEqual([]);
  });
});
