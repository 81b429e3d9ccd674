import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE_VERSION } from '../../src/labs/engine-version';
import { InstructorClient, solvedResult, startTeamServer, submit, type TeamServer } from './helpers';

/** The team API through real HTTP against real SQLite in a temp dir. */
let server: TeamServer;
let instructor: InstructorClient;
const EMAIL = 'ana@example.org';
const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  server = await startTeamServer();
  await server.store.addInstructor(EMAIL, PASSWORD);
  instructor = new InstructorClient(server.url);
});
afterAll(() => server.close());

async function json(res: Response): Promise<Record<string, unknown>> {
  return (await res.json()) as Record<string, unknown>;
}

async function cohortWithLearner(name = 'Learner One'): Promise<{ cohortId: string; token: string; learnerId: string }> {
  const cohort = await json(await instructor.request('POST', '/api/team/cohorts', { name: `Cohort for ${name}` }));
  const invite = await json(await instructor.request('POST', `/api/team/cohorts/${String(cohort.id)}/invitations`, {}));
  const joined = await fetch(`${server.url}/api/team/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ invitation: invite.token, name }) });
  expect(joined.status).toBe(201);
  const body = (await joined.json()) as { token: string; learner: { id: string } };
  return { cohortId: String(cohort.id), token: body.token, learnerId: body.learner.id };
}

describe('instructor authentication', () => {
  it('refuses a wrong password and an unknown email alike', async () => {
    const wrong = await new InstructorClient(server.url).login(EMAIL, 'not the password');
    expect(wrong.status).toBe(401);
    expect(await json(wrong)).toEqual({ error: 'bad-credentials', message: 'wrong email or password' });
    const unknown = await new InstructorClient(server.url).login('nobody@example.org', PASSWORD);
    expect(await json(unknown)).toEqual({ error: 'bad-credentials', message: 'wrong email or password' });
  });

  it('logs in with an HttpOnly SameSite=Strict session cookie and a readable CSRF cookie', async () => {
    const res = await instructor.login(EMAIL.toUpperCase(), PASSWORD);
    expect(res.status).toBe(200);
    const [session, csrf] = instructor.lastSetCookie;
    expect(session).toMatch(/^clusterlab_session=[\w-]{43}; Path=\/; Max-Age=43200; SameSite=Strict; HttpOnly$/);
    expect(csrf).toBe(`clusterlab_csrf=${instructor.csrf}; Path=/; Max-Age=43200; SameSite=Strict`);
    expect(await json(await instructor.request('GET', '/api/team/session'))).toEqual({ email: EMAIL, csrfToken: instructor.csrf });
  });

  it('rejects a cookie-authenticated write without the CSRF header, or with another value', async () => {
    const before = (await json(await instructor.request('GET', '/api/team/cohorts'))).cohorts as unknown[];
    const missing = await instructor.request('POST', '/api/team/cohorts', { name: 'Forged' }, false);
    expect(missing.status).toBe(403);
    expect(await json(missing)).toEqual({ error: 'csrf', message: 'send the x-csrf-token header with the value of the clusterlab_csrf cookie' });
    const saved = instructor.csrf;
    instructor.csrf = 'x'.repeat(43);
    expect((await instructor.request('POST', '/api/team/cohorts', { name: 'Forged' })).status).toBe(403);
    instructor.csrf = saved;
    expect((await json(await instructor.request('GET', '/api/team/cohorts'))).cohorts).toEqual(before);
  });

  it('needs a session for instructor data, and a JSON body for writes', async () => {
    const anonymous = await fetch(`${server.url}/api/team/cohorts`);
    expect(anonymous.status).toBe(401);
    const form = await fetch(`${server.url}/api/team/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=a' });
    expect(form.status).toBe(415);
    const broken = await fetch(`${server.url}/api/team/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":' });
    expect(broken.status).toBe(400);
    expect(((await json(broken)).message as string).startsWith('the request body is not JSON: ')).toBe(true);
  });

  it('logs out: the session stops working', async () => {
    const other = new InstructorClient(server.url);
    await other.login(EMAIL, PASSWORD);
    const token = other.cookies.get('clusterlab_session')!;
    expect((await other.request('GET', '/api/team/cohorts')).status).toBe(200);
    expect((await other.request('POST', '/api/team/logout', {})).status).toBe(200);
    expect(other.lastSetCookie[0]).toMatch(/^clusterlab_session=; Path=\/; Max-Age=0;/);
    other.cookies.set('clusterlab_session', token);
    expect((await other.request('GET', '/api/team/cohorts')).status).toBe(401);
  });
});

describe('cohorts and invitations', () => {
  it('creates and lists cohorts; an invitation link lets a learner join without a password', async () => {
    const created = await instructor.request('POST', '/api/team/cohorts', { name: 'Platform team, November' });
    expect(created.status).toBe(201);
    const cohort = await json(created);
    const list = (await json(await instructor.request('GET', '/api/team/cohorts'))).cohorts as { id: string; name: string; learners: number }[];
    expect(list.find((c) => c.id === cohort.id)).toMatchObject({ name: 'Platform team, November', learners: 0 });
    const invite = await json(await instructor.request('POST', `/api/team/cohorts/${String(cohort.id)}/invitations`, { expiresInHours: 48 }));
    expect(invite.url).toBe(`${server.url}/team/join/#${String(invite.token)}`);
    const joined = await fetch(`${server.url}/api/team/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ invitation: invite.token, name: 'Bo' }) });
    expect(joined.status).toBe(201);
    const { token } = (await joined.json()) as { token: string };
    const me = await json(await fetch(`${server.url}/api/team/learner`, { headers: { authorization: `Bearer ${token}` } }));
    expect(me).toMatchObject({ learner: { name: 'Bo' }, cohort: { id: cohort.id, name: 'Platform team, November' }, submissions: [] });
  });

  it('answers an expired invitation with 410 and adds no learner', async () => {
    const cohort = await json(await instructor.request('POST', '/api/team/cohorts', { name: 'Expired' }));
    const invite = await json(await instructor.request('POST', `/api/team/cohorts/${String(cohort.id)}/invitations`, { expiresInHours: 1 }));
    await server.db!.run('UPDATE invitations SET expires_at = ?', [Date.now() - 1000]);
    const res = await fetch(`${server.url}/api/team/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ invitation: invite.token, name: 'Late' }) });
    expect(res.status).toBe(410);
    expect((await json(res)).error).toBe('invitation-expired');
    expect(await server.store.learners(String(cohort.id))).toEqual([]);
    const bogus = await fetch(`${server.url}/api/team/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ invitation: 'nope', name: 'X' }) });
    expect(bogus.status).toBe(404);
  });
});

describe('submissions', () => {
  it('replays a genuine result (a reference solution, exported) and stores it verified with its score', async () => {
    const { token } = await cohortWithLearner();
    const result = await solvedResult();
    const res = await submit(server.url, token, JSON.stringify(result));
    expect(res.status).toBe(201);
    const body = await json(res);
    expect(body).toMatchObject({ labId: 'pending-pod', status: 'verified', rejectCode: null, reason: null, score: result.progress!.score, maxScore: result.progress!.maxScore, complete: true });
    expect(body.progress).toEqual(result.progress);
    // The same result again (a browser retry) is stored once.
    const again = await submit(server.url, token, JSON.stringify(result));
    expect(again.status).toBe(200);
    expect((await json(again)).id).toBe(body.id);
  });

  it('keeps a saved engine snapshot out of the database; the replay does not need it', async () => {
    const { token, learnerId } = await cohortWithLearner('Saver');
    const result = { ...(await solvedResult()), snapshot: { big: 'x'.repeat(100_000) } };
    const res = await submit(server.url, token, JSON.stringify(result));
    expect(await json(res)).toMatchObject({ status: 'verified' });
    const [stored] = await server.store.learnerSubmissions(learnerId);
    expect(stored!.resultJson).toBe(JSON.stringify({ ...result, snapshot: undefined }));
  });

  it('stores a tampered copy as rejected, with the reason the verifier gives', async () => {
    const { token } = await cohortWithLearner('Tamperer');
    const result = await solvedResult();
    const last = result.transcript.at(-1)!;
    last.output = last.output.replace(/\d+\/\d+/, '99/99');
    const res = await submit(server.url, token, JSON.stringify(result));
    expect(res.status).toBe(201);
    const body = await json(res);
    expect(body.status).toBe('rejected');
    expect(body.rejectCode).toBe('tampered-transcript');
    expect(body.reason).toMatch(new RegExp(`^input ${result.transcript.length} \\('check'\\) claims output that the replay does not print; line \\d+ claims ".*99/99`));
    expect(body.score).toBe(null);
  });

  it('answers bad input with 4xx and stores nothing', async () => {
    const { token } = await cohortWithLearner('Careless');
    const count = await server.store.submissionCount();
    const result = await solvedResult();
    const cases: [string, number, string][] = [
      ['{"format":', 400, 'malformed'],
      ['[1,2]', 400, 'malformed'],
      [JSON.stringify({ ...result, labId: 'no-such-lab' }), 422, 'unknown-lab'],
      [JSON.stringify({ ...result, engineVersion: '0.0.0-old' }), 422, 'engine-version'],
      [JSON.stringify({ ...result, nowMs: 25 * 3_600_000 }), 422, 'over-limits'],
    ];
    for (const [body, status, error] of cases) {
      const res = await submit(server.url, token, body);
      expect([res.status, (await json(res)).error], body.slice(0, 40)).toEqual([status, error]);
    }
    const unknown = await json(await submit(server.url, token, JSON.stringify({ ...result, labId: 'no-such-lab' })));
    expect(unknown.message).toMatch(/^there is no lab "no-such-lab" here$/);
    expect(ENGINE_VERSION).not.toBe('0.0.0-old');
    expect(await server.store.submissionCount()).toBe(count);
  });

  it('refuses an oversized body with 413 before reading it as JSON', async () => {
    const { token } = await cohortWithLearner('Bulky');
    const count = await server.store.submissionCount();
    const huge = `{"pad":"${'x'.repeat(16 * 1024 * 1024)}"}`;
    const res = await submit(server.url, token, huge);
    expect(res.status).toBe(413);
    expect(await json(res)).toEqual({ error: 'too-large', message: 'the request body is larger than 16777216 bytes' });
    // Without a Content-Length (chunked), the stream is cut off at the limit too.
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 17; i++) c.enqueue(new Uint8Array(1024 * 1024).fill(120));
        c.close();
      },
    });
    const chunked = await fetch(`${server.url}/api/team/submissions`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(await server.store.submissionCount()).toBe(count);
  });

  it('answers a missing or unknown learner token with 401', async () => {
    const none = await fetch(`${server.url}/api/team/submissions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(none.status).toBe(401);
    const wrong = await submit(server.url, 'a'.repeat(43), '{}');
    expect(wrong.status).toBe(401);
    expect((await json(wrong)).message).toBe('this learner token is not valid here; join the cohort again with an invitation link');
  });
});
