import { describe, expect, it } from 'vitest';
import { solvedResult, startTeamServer, submit } from './helpers';

/**
 * 200 learners on loopback, each sending one result at the same moment: half genuine (each a
 * distinct result, ending at a different virtual time), half with a tampered score. Every one is
 * answered, stored once, and judged right; throughput and p95 latency are printed, not asserted.
 */
const LEARNERS = 200;

describe('load', () => {
  it(`${LEARNERS} concurrent learners: nothing lost, nothing wrongly accepted`, async () => {
    const server = await startTeamServer();
    try {
      const instructorId = await server.store.addInstructor('ana@example.org', 'correct horse battery');
      const cohort = await server.store.createCohort('Load', instructorId);
      const learners = await Promise.all(Array.from({ length: LEARNERS }, (_, i) => server.store.addLearner(cohort.id, `learner-${i}`)));
      const genuine = await solvedResult();
      const bodies = learners.map((_, i) => {
        const r = { ...genuine, nowMs: genuine.nowMs + i };
        return i % 2 === 0 ? r : { ...r, progress: { ...r.progress!, score: r.progress!.maxScore + 1 } };
      });
      const started = performance.now();
      const answers = await Promise.all(
        learners.map(async ({ token }, i) => {
          const t0 = performance.now();
          const res = await submit(server.url, token, JSON.stringify(bodies[i]));
          return { i, status: res.status, body: (await res.json()) as { status: string; rejectCode: string | null }, ms: performance.now() - t0 };
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const sorted = answers.map((a) => a.ms).sort((a, b) => a - b);
      console.log(`team load: ${LEARNERS} submissions in ${seconds.toFixed(1)}s (${(LEARNERS / seconds).toFixed(1)}/s), p50 ${sorted[LEARNERS / 2]!.toFixed(0)}ms, p95 ${sorted[Math.floor(LEARNERS * 0.95)]!.toFixed(0)}ms`);

      expect(answers.filter((a) => a.status !== 201)).toEqual([]);
      expect(answers.filter((a) => a.body.status !== (a.i % 2 === 0 ? 'verified' : 'rejected'))).toEqual([]);
      expect(answers.filter((a) => a.i % 2 === 1 && a.body.rejectCode !== 'tampered-score')).toEqual([]);
      expect(await server.store.submissionCount()).toBe(LEARNERS);
    } finally {
      await server.close();
    }
  }, 300_000);
});
