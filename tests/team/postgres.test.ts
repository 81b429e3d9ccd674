import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationFiles, schemaVersion } from '../../src/team/db/migrate';
import { openDatabase } from '../../src/team/db/open';
import { numbered } from '../../src/team/db/postgres';
import { TeamStore } from '../../src/team/store';
import { InstructorClient, solvedResult, startTeamServer, submit, type TeamServer } from './helpers';
import { postgresBin, startPostgres, type Postgres } from './postgres-server';

/** The same migrations and API on a real PostgreSQL server (Debian's), started here. */
const bin = postgresBin();

describe.skipIf(!bin)('team mode on PostgreSQL', () => {
  let postgres: Postgres;
  let server: TeamServer;
  let instructor: InstructorClient;

  beforeAll(async () => {
    postgres = await startPostgres(bin!);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await postgres?.stop();
  });

  it('applies the SQLite migrations unchanged, once, even with two instances starting together', async () => {
    const [a, b] = await Promise.all([openDatabase(postgres.url), openDatabase(postgres.url)]);
    const newest = (await migrationFiles()).at(-1)!.version;
    expect(await schemaVersion(a)).toBe(newest);
    expect(await a.all('SELECT version FROM schema_version ORDER BY version')).toEqual((await migrationFiles()).map((m) => ({ version: m.version })));
    await Promise.all([a.close(), b.close()]);
    expect(numbered('SELECT a FROM t WHERE b = ? AND c = ?')).toBe('SELECT a FROM t WHERE b = $1 AND c = $2');
  });

  it('serves the team API: login, cohort, invitation, a verified, a duplicate and a rejected submission, the grid', async () => {
    server = await startTeamServer({ databaseUrl: postgres.url });
    const store = new TeamStore(server.db!);
    await store.addInstructor('ana@example.org', 'correct horse battery');
    instructor = new InstructorClient(server.url);
    expect((await instructor.login('ana@example.org', 'correct horse battery')).status).toBe(200);
    const cohort = (await (await instructor.request('POST', '/api/team/cohorts', { name: 'On Postgres' })).json()) as { id: string };
    const invite = (await (await instructor.request('POST', `/api/team/cohorts/${cohort.id}/invitations`, { expiresInHours: 1 })).json()) as { token: string };
    const joined = (await (await fetch(`${server.url}/api/team/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ invitation: invite.token, name: 'Pat' }) })).json()) as { token: string; learner: { id: string } };

    const result = await solvedResult();
    const verified = await submit(server.url, joined.token, JSON.stringify(result));
    expect(verified.status).toBe(201);
    expect(await verified.json()).toMatchObject({ status: 'verified', score: result.progress!.score, complete: true });
    expect((await submit(server.url, joined.token, JSON.stringify(result))).status).toBe(200);
    const tampered = await submit(server.url, joined.token, JSON.stringify({ ...result, seed: result.seed + 1 }));
    expect(await tampered.json()).toMatchObject({ status: 'rejected', rejectCode: 'wrong-seed', reason: `the result used seed ${result.seed + 1}, but lab pending-pod runs with seed ${result.seed}: it was not made in this lab` });

    const grid = (await (await instructor.request('GET', `/api/team/cohorts/${cohort.id}/progress`)).json()) as { learners: { labs: Record<string, { status: string; submissions: number; timeSpentMs: number }> }[] };
    expect(grid.learners[0]!.labs['pending-pod']).toMatchObject({ status: 'verified', submissions: 2, timeSpentMs: result.nowMs - result.transcript[0]!.atMs });
    const { cohorts } = (await (await instructor.request('GET', '/api/team/cohorts')).json()) as { cohorts: { name: string; learners: number }[] };
    expect(cohorts).toEqual([expect.objectContaining({ name: 'On Postgres', learners: 1 })]);

    await server.db!.run('UPDATE invitations SET expires_at = ?', [Date.now() - 1]);
    const late = await fetch(`${server.url}/api/team/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ invitation: invite.token, name: 'Late' }) });
    expect(late.status).toBe(410);
  });
});
