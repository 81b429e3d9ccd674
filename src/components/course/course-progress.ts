import type { StoredProgress } from '../../runtime/persistence/records';

/**
 * One line about a lesson's labs from what this browser saved: `2 of 2 labs complete`, or
 * `In progress: 3 of 8 tasks done`; undefined when none of its labs was started.
 */
export function courseProgressLine(labIds: readonly string[], stored: readonly StoredProgress[]): string | undefined {
  const mine = stored.filter((s) => labIds.includes(s.labId));
  if (mine.length === 0) return undefined;
  const complete = mine.filter((s) => s.progress.complete).length;
  if (complete === labIds.length) return `✓ ${complete} of ${labIds.length} labs complete`;
  const tasks = mine.reduce((n, s) => n + s.progress.tasks.length, 0);
  const done = mine.reduce((n, s) => n + s.progress.tasks.filter((t) => t.pass).length, 0);
  return `In progress: ${complete} of ${labIds.length} labs complete, ${done} of ${tasks} tasks done in the labs you started`;
}
