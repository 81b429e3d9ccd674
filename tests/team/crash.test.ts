import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/team/db/open';
import { TeamStore } from '../../src/team/store';
import { fixtureSite, solvedResult, tempDir } from './helpers';

/** `clusterlab serve --team` killed with SIGKILL in the middle of a burst loses no acknowledged submission. */
function serve(dbPath: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['bin/clusterlab.mjs', 'serve', '--team', '--port', '0', '--host', '127.0.0.1'], {
    env: { ...process.env, SITE_DIR: fixtureSite(), DATABASE_URL: `sqlite:${dbPath}` },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const url = /at (http:\/\/\S+?)\/? /.exec(text)?.[1];
      if (url) resolve({ child, url });
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${text}`)));
  });
}

describe('crash safety', () => {
  it('keeps every acknowledged submission when the server is SIGKILLed mid-burst', async () => {
    const dbPath = join(tempDir(), 'team.db');
    const setup = await openDatabase(`sqlite:${dbPath}`);
    const store = new TeamStore(setup);
    const instructorId = await store.addInstructor('ana@example.org', 'correct horse battery');
    const cohort = await store.createCohort('Burst', instructorId);
    const { learner, token } = await store.addLearner(cohort.id, 'Quick');
    await setup.close();

    const genuine = await solvedResult();
    // Distinct results: a few genuine ones that end later (replayed in full), many with another seed (rejected at once).
    const bodies = Array.from({ length: 80 }, (_, i) => JSON.stringify(i % 10 === 0 ? { ...genuine, nowMs: genuine.nowMs + i } : { ...genuine, seed: genuine.seed + 1 + i }));

    const first = await serve(dbPath);
    const acknowledged: string[] = [];
    let killed = false;
    await Promise.allSettled(
      bodies.map(async (body) => {
        const res = await fetch(`${first.url}/api/team/submissions`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
        if (res.status !== 201) throw new Error(`status ${res.status}`);
        acknowledged.push(((await res.json()) as { id: string }).id);
        if (acknowledged.length >= 20 && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }),
    );
    await new Promise((resolve) => (first.child.exitCode !== null || first.child.signalCode !== null ? resolve(null) : first.child.once('exit', resolve)));
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(20);
    expect(acknowledged.length).toBeLessThan(bodies.length);

    const second = await serve(dbPath);
    try {
      const res = await fetch(`${second.url}/api/team/learner`, { headers: { authorization: `Bearer ${token}` } });
      const { submissions } = (await res.json()) as { learner: { id: string }; submissions: { id: string; status: string }[] };
      const stored = new Set(submissions.map((s) => s.id));
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
      expect(submissions.every((s) => s.status === 'verified' || s.status === 'rejected')).toBe(true);
      expect(learner.id).toBeTruthy();
    } finally {
      second.child.kill('SIGTERM');
      await new Promise((resolve) => second.child.once('exit', resolve));
    }
  });
});
