import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InstructorClient, solvedResult, startTeamServer, submit, tempDir } from './helpers';
import { clusterlab } from './cli';

/** `clusterlab team add-instructor | backup | restore` as real processes on a real SQLite file. */
describe('clusterlab team', () => {
  it('adds an instructor with the password from stdin, refusing short passwords and duplicates', async () => {
    const env = { DATABASE_URL: `sqlite:${join(tempDir(), 'team.db')}` };
    expect(await clusterlab(['team', 'add-instructor', 'ana@example.org'], env, 'short\n')).toEqual({ code: 2, stdout: '', stderr: 'clusterlab: give a password of at least 10 characters on standard input\n' });
    expect(await clusterlab(['team', 'add-instructor', 'Ana@Example.org'], env, 'correct horse battery\n')).toEqual({ code: 0, stdout: 'added instructor ana@example.org\n', stderr: '' });
    expect(await clusterlab(['team', 'add-instructor', 'ana@example.org'], env, 'another password\n')).toEqual({ code: 1, stdout: '', stderr: 'clusterlab: there is already an instructor ana@example.org\n' });
  });

  it('backs up a live database and restores it: what came after the backup is gone, the rest is back', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'team.db');
    const env = { DATABASE_URL: `sqlite:${dbPath}` };
    expect((await clusterlab(['team', 'add-instructor', 'ana@example.org'], env, 'correct horse battery')).code).toBe(0);

    let server = await startTeamServer({}, dbPath);
    const who = new InstructorClient(server.url);
    expect((await who.login('ana@example.org', 'correct horse battery')).status).toBe(200);
    const cohort = (await (await who.request('POST', '/api/team/cohorts', { name: 'Before backup' })).json()) as { id: string };
    const invite = (await (await who.request('POST', `/api/team/cohorts/${cohort.id}/invitations`, {})).json()) as { token: string };
    const { token } = (await (await fetch(`${server.url}/api/team/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ invitation: invite.token, name: 'Kim' }) })).json()) as { token: string };
    expect((await submit(server.url, token, JSON.stringify(await solvedResult()))).status).toBe(201);

    // Backed up while the server runs and holds the database open in WAL mode.
    const backupFile = join(dir, 'backup.db');
    expect(await clusterlab(['team', 'backup', backupFile], env)).toEqual({ code: 0, stdout: `backed up ${dbPath} to ${backupFile}\n`, stderr: '' });
    expect((await clusterlab(['team', 'backup', backupFile], env)).stderr).toBe(`clusterlab: ${backupFile} exists; choose a new file name\n`);
    await who.request('POST', '/api/team/cohorts', { name: 'After backup' });
    await server.close();

    const notABackup = join(dir, 'notes.txt');
    writeFileSync(notABackup, 'hello');
    const refused = await clusterlab(['team', 'restore', notABackup], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^clusterlab: .*notes\.txt is not a team database backup: /);

    expect(await clusterlab(['team', 'restore', backupFile], env)).toEqual({ code: 0, stdout: `restored ${dbPath} from ${backupFile}\n`, stderr: '' });
    server = await startTeamServer({}, dbPath);
    try {
      const again = new InstructorClient(server.url);
      expect((await again.login('ana@example.org', 'correct horse battery')).status).toBe(200);
      const { cohorts } = (await (await again.request('GET', '/api/team/cohorts')).json()) as { cohorts: { name: string; learners: number }[] };
      expect(cohorts.map((c) => [c.name, c.learners])).toEqual([['Before backup', 1]]);
      expect(await server.store.submissionCount()).toBe(1);
      // The learner's token still works after the restore.
      expect((await fetch(`${server.url}/api/team/learner`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
