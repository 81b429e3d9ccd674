import type { CheckResult, LabProgress, TaskReport } from './types';
import type { LabDefinition, TaskDefinition } from './schema';
import type { LabView } from './view';

/** Run one check; a check that throws fails with the error, never takes the lab down. */
export function runCheck(task: TaskDefinition, view: LabView): CheckResult {
  try {
    const result = task.check(view);
    if (typeof result?.pass !== 'boolean' || typeof result.message !== 'string') {
      return { pass: false, message: `the check of task ${task.id} returned no verdict (a lab bug: it must return { pass, message })` };
    }
    return result;
  } catch (e) {
    return { pass: false, message: `the check of task ${task.id} failed to run: ${(e as Error).message}` };
  }
}

/**
 * Grade every task. A task whose dependencies have not passed fails with the first one to do;
 * score is the points of passed tasks; the lab is complete when every required task passes.
 */
export function runChecks(def: LabDefinition, view: LabView): LabProgress {
  const passed = new Set<string>();
  const tasks: TaskReport[] = def.tasks.map((task) => {
    const blocker = task.dependsOn.find((d) => !passed.has(d));
    const result: CheckResult = blocker
      ? { pass: false, message: `do task "${def.tasks.find((t) => t.id === blocker)!.title}" first` }
      : runCheck(task, view);
    if (result.pass) passed.add(task.id);
    const report: TaskReport = { id: task.id, title: task.title, points: task.points, required: task.required, pass: result.pass, message: result.message };
    if (result.hint !== undefined) report.hint = result.hint;
    return report;
  });
  return {
    labId: def.id,
    score: tasks.filter((t) => t.pass).reduce((sum, t) => sum + t.points, 0),
    maxScore: tasks.reduce((sum, t) => sum + t.points, 0),
    complete: tasks.every((t) => t.pass || !t.required),
    tasks,
  };
}

/** The `check` command's report: one line per task, the reason under each that is not done. */
export function formatProgress(def: LabDefinition, p: LabProgress): string {
  const done = p.tasks.filter((t) => t.pass).length;
  const lines = [`${def.title}: ${done} of ${p.tasks.length} tasks done, score ${p.score}/${p.maxScore}${p.complete ? ' (lab complete)' : ''}`];
  p.tasks.forEach((t, i) => {
    const optional = t.required ? '' : ', optional';
    lines.push(`  [${t.pass ? 'x' : ' '}] ${i + 1}. ${t.title} (${t.points} points${optional})`);
    if (!t.pass) {
      lines.push(`        ${t.message}`);
      if (def.tasks[i]!.hints.length > 0) lines.push(`        Stuck? Run: hint ${t.id}`);
    } else lines.push(`        ${t.message}`);
  });
  return `${lines.join('\n')}\n`;
}
