import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { InstructorClient, solvedResult, startTeamServer, submit, type TeamServer } from './helpers';

/** A verified submission becomes an xAPI statement PUT to the configured LRS. */
describe('xAPI', () => {
  let server: TeamServer | undefined;
  const received: { method?: string; url?: string; headers: IncomingHttpHeaders; body: string }[] = [];
  let arrived: () => void = () => undefined;
  const lrs = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body });
      res.writeHead(204).end();
      arrived();
    });
  });
  afterAll(async () => {
    await server?.close();
    lrs.close();
  });

  it('sends a statement with the learner, the lab, the verified score and the time spent', async () => {
    await new Promise<void>((r) => lrs.listen(0, '127.0.0.1', r));
    const endpoint = `http://127.0.0.1:${(lrs.address() as AddressInfo).port}/xapi/`;
    server = await startTeamServer({ siteUrl: 'https://course.example.org', lrs: { endpoint, username: 'key', password: 'secret' } });
    await server.store.addInstructor('ana@example.org', 'correct horse battery');
    const who = new InstructorClient(server.url);
    await who.login('ana@example.org', 'correct horse battery');
    const cohort = (await (await who.request('POST', '/api/team/cohorts', { name: 'LMS' })).json()) as { id: string };
    const invite = (await (await who.request('POST', `/api/team/cohorts/${cohort.id}/invitations`, {})).json()) as { token: string; url: string };
    expect(invite.url).toBe(`https://course.example.org/team/join/#${invite.token}`);
    const joined = (await (await fetch(`${server.url}/api/team/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ invitation: invite.token, name: 'Lee' }) })).json()) as { token: string; learner: { id: string } };

    const result = await solvedResult();
    const delivered = new Promise<void>((r) => (arrived = r));
    // A rejected submission is not a grade: nothing is sent for it.
    expect((await (await submit(server.url, joined.token, JSON.stringify({ ...result, seed: result.seed + 1 }))).json()) as object).toMatchObject({ status: 'rejected' });
    const res = (await (await submit(server.url, joined.token, JSON.stringify(result))).json()) as { id: string; receivedAt: number };
    await delivered;

    expect(received).toHaveLength(1);
    const [put] = received;
    expect(put!.method).toBe('PUT');
    expect(put!.headers['x-experience-api-version']).toBe('1.0.3');
    expect(put!.headers.authorization).toBe(`Basic ${Buffer.from('key:secret').toString('base64')}`);
    const statement = JSON.parse(put!.body) as Record<string, unknown>;
    expect(put!.url).toBe(`/xapi/statements?statementId=${String(statement.id)}`);
    expect(statement.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const p = result.progress!;
    expect(statement).toEqual({
      id: statement.id,
      actor: { objectType: 'Agent', name: 'Lee', account: { homePage: 'https://course.example.org', name: joined.learner.id } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } },
      object: { objectType: 'Activity', id: 'https://course.example.org/labs/pending-pod', definition: { type: 'http://adlnet.gov/expapi/activities/assessment', name: { 'en-US': 'pending-pod' } } },
      result: {
        score: { raw: p.score, min: 0, max: p.maxScore, scaled: 1 },
        completion: true,
        success: true,
        duration: `PT${Math.round((result.nowMs - result.transcript[0]!.atMs) / 1000)}S`,
        extensions: { 'https://course.example.org/xapi/tasks-passed': p.tasks.map((t) => t.id) },
      },
      context: { platform: 'clusterlab', extensions: { 'https://course.example.org/xapi/cohort': cohort.id } },
      timestamp: new Date(res.receivedAt).toISOString(),
    });
  });
});
