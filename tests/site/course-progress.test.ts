import { describe, expect, it } from 'vitest';
import { courseProgressLine } from '../../src/components/course/course-progress';
import type { StoredProgress } from '../../src/runtime/persistence/records';

function stored(labId: string, passed: boolean[], complete = passed.every(Boolean)): StoredProgress {
  const tasks = passed.map((pass, i) => ({ id: `t${i}`, title: `T${i}`, points: 10, required: true, pass, message: '' }));
  return { labId, title: labId, page: '/', updatedAt: '2026-11-23T00:00:00Z', progress: { labId, score: 0, maxScore: 10 * tasks.length, complete, tasks } };
}

describe('the course path on the home page', () => {
  it('says nothing for lessons not started, counts tasks for started ones, and marks complete lessons', () => {
    expect(courseProgressLine(['pod-journey', 'pending-pod'], [])).toBeUndefined();
    expect(courseProgressLine(['pod-journey', 'pending-pod'], [stored('pod-journey', [true, false, false])])).toBe(
      'In progress: 0 of 2 labs complete, 1 of 3 tasks done in the labs you started',
    );
    expect(courseProgressLine(['pod-journey', 'pending-pod'], [stored('pod-journey', [true]), stored('pending-pod', [true, true])])).toBe('✓ 2 of 2 labs complete');
    expect(courseProgressLine(['a'], [stored('b', [true])])).toBeUndefined();
  });
});
