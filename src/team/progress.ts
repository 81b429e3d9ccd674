import type { LabProgress } from '../labs/types';
import type { Learner, StoredSubmission } from './store';

/**
 * The instructor's view of a cohort: one row per learner, one cell per lab. A cell shows the
 * learner's best verified result (highest score, then latest), its per-task state and the
 * virtual time the learner spent (first input to the result's end); rejected submissions only
 * count, with the last reason, so a tampered file never shows as progress.
 */
export interface LabCell {
  status: 'verified' | 'rejected' | 'not-started';
  score: number | null;
  maxScore: number | null;
  complete: boolean;
  tasks: { id: string; title: string; pass: boolean }[];
  timeSpentMs: number | null;
  submittedAt: number | null;
  submissions: number;
  rejected: number;
  lastRejection: string | null;
}

export interface ProgressGrid {
  cohort: { id: string; name: string };
  labs: string[];
  learners: { id: string; name: string; joinedAt: number; labs: Record<string, LabCell> }[];
}

export function progressGrid(cohort: { id: string; name: string }, labIds: string[], learners: Learner[], submissions: StoredSubmission[]): ProgressGrid {
  const labs = [...new Set([...labIds, ...submissions.map((s) => s.labId)])].sort();
  const byCell = new Map<string, StoredSubmission[]>();
  for (const s of submissions) {
    const key = `${s.learnerId}\0${s.labId}`;
    byCell.set(key, [...(byCell.get(key) ?? []), s]);
  }
  return {
    cohort,
    labs,
    learners: learners.map((l) => ({ id: l.id, name: l.name, joinedAt: l.joinedAt, labs: Object.fromEntries(labs.map((lab) => [lab, cell(byCell.get(`${l.id}\0${lab}`) ?? [])])) })),
  };
}

function cell(subs: StoredSubmission[]): LabCell {
  const verified = subs.filter((s) => s.status === 'verified');
  const rejected = subs.filter((s) => s.status === 'rejected');
  const best = verified.reduce<StoredSubmission | undefined>((a, s) => (!a || (s.score ?? 0) >= (a.score ?? 0) ? s : a), undefined);
  const progress = best?.progressJson ? (JSON.parse(best.progressJson) as LabProgress) : undefined;
  return {
    status: best ? 'verified' : rejected.length > 0 ? 'rejected' : 'not-started',
    score: best?.score ?? null,
    maxScore: best?.maxScore ?? null,
    complete: best?.complete ?? false,
    tasks: progress?.tasks.map((t) => ({ id: t.id, title: t.title, pass: t.pass })) ?? [],
    timeSpentMs: best?.timeSpentMs ?? null,
    submittedAt: best?.receivedAt ?? null,
    submissions: subs.length,
    rejected: rejected.length,
    lastRejection: rejected.at(-1)?.reason ?? null,
  };
}

const CSV_COLUMNS = ['learner', 'learner_id', 'lab', 'status', 'score', 'max_score', 'complete', 'tasks_passed', 'tasks_total', 'time_spent_s', 'submitted_at', 'rejected_submissions'];

/** The grid as CSV (RFC 4180), one line per learner and lab, for a spreadsheet or an LMS import. */
export function progressCsv(grid: ProgressGrid): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const learner of grid.learners) {
    for (const lab of grid.labs) {
      const c = learner.labs[lab]!;
      lines.push(
        [
          defuse(learner.name),
          learner.id,
          lab,
          c.status,
          c.score ?? '',
          c.maxScore ?? '',
          c.complete ? 'yes' : 'no',
          c.tasks.filter((t) => t.pass).length,
          c.tasks.length,
          c.timeSpentMs === null ? '' : Math.round(c.timeSpentMs / 1000),
          c.submittedAt === null ? '' : new Date(c.submittedAt).toISOString(),
          c.rejected,
        ]
          .map(csvField)
          .join(','),
      );
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** A learner's own text with a leading = + - @ defused, so a spreadsheet never runs it as a formula. */
export function defuse(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One CSV field, quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
