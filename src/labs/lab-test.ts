import { markdownProblems } from './markdown';
import { runCheck } from './progress';
import type { LabDefinition } from './schema';
import { LabSession } from './session';
import { runSolution } from './solution';
import type { TranscriptEntry } from './types';
import { verifyResult } from './verify';

/** One proof about a lab, with what went wrong when it does not hold. */
export interface LabTestStep {
  name: string;
  ok: boolean;
  problems: string[];
}

export interface LabTestReport {
  labId: string;
  ok: boolean;
  steps: LabTestStep[];
}

const step = (name: string, problems: string[]): LabTestStep => ({ name, ok: problems.length === 0, problems });

/**
 * What CI proves for every lab: the untouched setup fails every task's check (so no task is
 * passed by doing nothing), the reference solution passes them all, two replays of it print the
 * same bytes and end in the same state, a saved result of it verifies, and every text renders.
 * (Schema validity is proven by loading the lab; a lab that does not load never gets here.)
 */
export function testLab(def: LabDefinition): LabTestReport {
  let first: LabSession | undefined;
  const solved = guarded('the reference solution passes every check', () => {
    first = LabSession.create(def);
    runSolution(first);
    return first.check().tasks.filter((t) => !t.pass).map((t) => `task ${t.id} fails after the solution: ${t.message}`);
  });
  const endMs = first?.now();
  const steps = [guarded('every task and hint renders as Markdown', () => markdownStep(def)), guarded('the untouched setup fails every check', () => untouchedStep(def, endMs)), solved];
  steps.push(guarded('replaying the solution twice gives identical output', () => (first ? replayStep(def, first) : ['the solution did not run'])));
  steps.push(
    guarded("the solution's saved result verifies", () => {
      if (!first) return ['the solution did not run'];
      const verdict = verifyResult(def, first.save() as Parameters<typeof verifyResult>[1]);
      return verdict.accepted ? [] : [`verify rejected it: ${verdict.reason}`];
    }),
  );
  return { labId: def.id, ok: steps.every((s) => s.ok), steps };
}

function guarded(name: string, run: () => string[]): LabTestStep {
  try {
    return step(name, run());
  } catch (e) {
    return step(name, [`error: ${(e as Error).message}`]);
  }
}

function markdownStep(def: LabDefinition): string[] {
  const texts: [string, string][] = [['summary', def.summary]];
  def.tasks.forEach((t) => {
    texts.push([`task ${t.id} instructions`, t.instructions]);
    t.hints.forEach((h, i) => texts.push([`task ${t.id} hint ${i + 1}`, h]));
  });
  return texts.flatMap(([where, text]) => markdownProblems(text).map((p) => `${where}: ${p}`));
}

/**
 * Every check fails on the untouched setup: at the start, and again after waiting as long as
 * the solution takes (so a fault or background job cannot pass a task on its own).
 */
function untouchedStep(def: LabDefinition, endMs: number | undefined): string[] {
  const lab = LabSession.create(def);
  const failures = (when: string) =>
    def.tasks.flatMap((t) => {
      const result = runCheck(t, lab.view());
      return result.pass ? [`task ${t.id} passes ${when} without the learner doing anything: ${result.message}`] : [];
    });
  const atStart = failures('at the start');
  if (endMs === undefined || endMs <= lab.now()) return atStart;
  lab.advanceTo(endMs);
  return [...atStart, ...failures(`after waiting ${(endMs - lab.startMs) / 1000}s`)];
}

function replayStep(def: LabDefinition, first: LabSession): string[] {
  const second = LabSession.create(def);
  runSolution(second);
  const problems: string[] = [];
  const a = first.transcript;
  const b = second.transcript;
  const i = a.findIndex((e, j) => !sameEntry(e, b[j]));
  if (i >= 0 || a.length !== b.length) {
    const n = i >= 0 ? i : Math.min(a.length, b.length);
    problems.push(`input ${n + 1} ('${(a[n] ?? b[n])?.input.split('\n')[0] ?? ''}') printed different output on the second run`);
  }
  if (first.cluster.stateHash() !== second.cluster.stateHash()) problems.push('the two runs ended in different cluster states');
  return problems;
}

function sameEntry(a: TranscriptEntry, b: TranscriptEntry | undefined): boolean {
  return b !== undefined && a.atMs === b.atMs && a.input === b.input && a.output === b.output && a.exitCode === b.exitCode;
}

/** The report as `clusterlab lab test` prints it. */
export function formatLabTest(report: LabTestReport): string {
  const lines = [`${report.ok ? 'PASS' : 'FAIL'} ${report.labId}`];
  for (const s of report.steps) {
    lines.push(`  ${s.ok ? 'ok  ' : 'FAIL'} ${s.name}`);
    for (const p of s.problems) lines.push(`         ${p}`);
  }
  return `${lines.join('\n')}\n`;
}
