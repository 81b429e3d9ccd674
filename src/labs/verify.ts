import { z } from 'zod';
import { loadPrograms } from '../cli/deferred';
import { ENGINE_VERSION } from './engine-version';
import { LAB_LIMITS, utf8Bytes, type LabLimits } from './limits';
import type { LabDefinition } from './schema';
import { LabSession } from './session';
import type { LabProgress } from './types';

/**
 * Verify a learner's result by replay: a fresh lab from the same setup and seed runs the same
 * inputs at the same virtual times; the result is accepted only if every output and the final
 * progress come out identical. Checks are recomputed, never trusted.
 */

export type RejectCode = 'malformed' | 'over-limits' | 'engine-version' | 'unknown-lab' | 'wrong-seed' | 'tampered-transcript' | 'tampered-score';

export type Verdict = { accepted: true; progress: LabProgress } | { accepted: false; code: RejectCode; reason: string };

const entry = z.object({ atMs: z.number().int().min(0), input: z.string(), output: z.string(), exitCode: z.number().int(), interruptedAfterMs: z.number().int().min(0).optional() });
const resultSchema = z.object({
  format: z.literal('clusterlab/lab-state@1'),
  labId: z.string(),
  engineVersion: z.string(),
  seed: z.number().int(),
  transcript: z.array(entry),
  nowMs: z.number().int().min(0),
  progress: z.object({ labId: z.string(), score: z.number(), maxScore: z.number(), complete: z.boolean(), tasks: z.array(z.unknown()), hintsShown: z.record(z.string(), z.number()).optional(), assisted: z.boolean().optional() }).passthrough(),
});
type Result = z.infer<typeof resultSchema>;

const reject = (code: RejectCode, reason: string): Verdict => ({ accepted: false, code, reason });

/** Verify the text of a result file; `loadLab` finds the lab by id (undefined when unknown). */
export async function verifyResultText(text: string, loadLab: (id: string) => Promise<LabDefinition | undefined>, limits: LabLimits = LAB_LIMITS): Promise<Verdict> {
  // The replay runs the learner's lines, which may use any program.
  await loadPrograms();
  if (utf8Bytes(text) > limits.maxFileBytes) return reject('over-limits', `the result file is larger than ${limits.maxFileBytes} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return reject('malformed', `the result file is not JSON: ${(e as Error).message}`);
  }
  const parsed = resultSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    return reject('malformed', `the result file is not a lab result: ${first.path.join('.') || '(root)'}: ${first.message}`);
  }
  const result = parsed.data;
  if (result.engineVersion !== ENGINE_VERSION) return reject('engine-version', `the result was made with engine ${result.engineVersion}; this verifier runs ${ENGINE_VERSION} and cannot replay it faithfully`);
  const def = await loadLab(result.labId);
  if (!def) return reject('unknown-lab', `there is no lab "${result.labId}" here`);
  return verifyResult(def, result, limits);
}

/** Replay a parsed result against its lab. */
export function verifyResult(def: LabDefinition, result: Result, limits: LabLimits = LAB_LIMITS): Verdict {
  if (result.labId !== def.id) return reject('unknown-lab', `the result is for lab "${result.labId}", not "${def.id}"`);
  if (result.seed !== def.seed) return reject('wrong-seed', `the result used seed ${result.seed}, but lab ${def.id} runs with seed ${def.seed}: it was not made in this lab`);
  const over = overLimits(result, limits);
  if (over) return reject('over-limits', over);
  const lab = LabSession.create(def);
  for (const [i, claimed] of result.transcript.entries()) {
    if (claimed.atMs < lab.now()) return reject('tampered-transcript', `input ${i + 1} ('${firstLine(claimed.input)}') claims virtual time ${claimed.atMs}ms, but the replay was already at ${lab.now()}ms`);
    lab.advanceTo(claimed.atMs);
    const got = lab.run(claimed.input, claimed.interruptedAfterMs);
    if (lab.now() > limits.maxVirtualTimeMs) return reject('over-limits', `input ${i + 1} ('${firstLine(claimed.input)}') ran the clock past ${limits.maxVirtualTimeMs}ms of virtual time`);
    if (got.output !== claimed.output || got.exitCode !== claimed.exitCode) return reject('tampered-transcript', describeMismatch(i, claimed, got));
  }
  if (result.nowMs < lab.now()) return reject('tampered-transcript', `the result ends at ${result.nowMs}ms, before its last input finished (${lab.now()}ms)`);
  lab.advanceTo(result.nowMs);
  const progress = lab.check();
  const claimed = result.progress;
  const same = (k: keyof LabProgress) => JSON.stringify(claimed[k] ?? null) === JSON.stringify(progress[k] ?? null);
  const differs = (['score', 'maxScore', 'complete', 'tasks', 'hintsShown', 'assisted'] as const).find((k) => !same(k));
  // The schema checked the claim's shape loosely (tasks as plain objects); compared field by field.
  if (differs) return reject('tampered-score', describeProgressMismatch(differs, claimed as unknown as LabProgress, progress));
  return { accepted: true, progress };
}

/** Name what the claimed progress says that the replay does not: the score, or the first task field. */
function describeProgressMismatch(field: keyof LabProgress, claimed: LabProgress, progress: LabProgress): string {
  const score = (p: LabProgress) => `${p.score}/${p.maxScore}${p.complete ? ' (complete)' : ''}`;
  if (field === 'score' || field === 'maxScore' || field === 'complete') {
    const passed = progress.tasks.filter((t) => t.pass).map((t) => t.id);
    return `the result claims score ${score(claimed)}; the replay gives ${score(progress)} (passed: ${passed.join(', ') || 'none'})`;
  }
  if (field === 'tasks') {
    for (const [i, task] of progress.tasks.entries()) {
      const other = (claimed.tasks[i] ?? {}) as unknown as Record<string, unknown>;
      const key = Object.keys(task).find((k) => JSON.stringify(other[k] ?? null) !== JSON.stringify((task as unknown as Record<string, unknown>)[k] ?? null));
      if (key) return `task ${task.id}: the result claims ${key} ${JSON.stringify(other[key] ?? null)}; the replay gives ${JSON.stringify((task as unknown as Record<string, unknown>)[key] ?? null)}`;
    }
    return `the result lists ${claimed.tasks.length} tasks; the lab has ${progress.tasks.length}`;
  }
  return `the result claims ${field} ${JSON.stringify(claimed[field] ?? null)}; the replay gives ${JSON.stringify(progress[field] ?? null)}`;
}

function overLimits(r: Result, L: LabLimits): string | undefined {
  if (r.transcript.length > L.maxCommands) return `the transcript has ${r.transcript.length} inputs; at most ${L.maxCommands} are replayed`;
  const long = r.transcript.findIndex((e) => utf8Bytes(e.input) > L.maxInputBytes);
  if (long >= 0) return `input ${long + 1} is longer than ${L.maxInputBytes} bytes`;
  const output = r.transcript.reduce((n, e) => n + utf8Bytes(e.output), 0);
  if (output > L.maxOutputBytes) return `the transcript holds ${output} bytes of output; at most ${L.maxOutputBytes} are replayed`;
  const lastAt = Math.max(r.nowMs, ...r.transcript.map((e) => e.atMs));
  if (lastAt > L.maxVirtualTimeMs) return `the result runs to virtual time ${lastAt}ms; at most ${L.maxVirtualTimeMs}ms are replayed`;
  return undefined;
}

function describeMismatch(i: number, claimed: { input: string; output: string; exitCode: number }, got: { output: string; exitCode: number }): string {
  const where = `input ${i + 1} ('${firstLine(claimed.input)}')`;
  if (got.output === claimed.output) return `${where} claims exit status ${claimed.exitCode}; the replay exited with ${got.exitCode}`;
  const a = claimed.output.split('\n');
  const b = got.output.split('\n');
  const line = a.findIndex((l, j) => l !== b[j]);
  const n = line < 0 ? b.length : line;
  return `${where} claims output that the replay does not print; line ${n + 1} claims "${a[n] ?? ''}" but the replay printed "${b[n] ?? ''}"`;
}

function firstLine(input: string): string {
  return input.split('\n')[0]!;
}
