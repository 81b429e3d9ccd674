import { loadLab } from '../labs/registry';
import { UnknownLabError } from '../labs/resolve';
import type { LabDefinition } from '../labs/schema';
import { verifyResultText, type RejectCode } from '../labs/verify';
import { HttpError } from './server/http';
import type { Learner, StoredSubmission, TeamStore } from './store';

/**
 * A learner's result, replayed by the same function `clusterlab verify` calls. What the verifier
 * cannot even start on (not a result, over the limits, another engine, an unknown lab) is a 4xx
 * answer and stores nothing; a result that replays differently (a tampered transcript or score,
 * the wrong seed) is stored as rejected with the verifier's reason, for the instructor to see.
 */
const REFUSED: Partial<Record<RejectCode, number>> = { malformed: 400, 'over-limits': 422, 'engine-version': 422, 'unknown-lab': 422 };

export function labLoader(dir: string): (id: string) => Promise<LabDefinition | undefined> {
  const cache = new Map<string, Promise<LabDefinition | undefined>>();
  return (id) => {
    let def = cache.get(id);
    if (!def) {
      def = loadLab(id, dir).catch((e: unknown) => {
        cache.delete(id);
        if (e instanceof UnknownLabError) return undefined;
        throw e;
      });
      cache.set(id, def);
    }
    return def;
  };
}

export interface SubmitOutcome {
  submission: StoredSubmission;
  /** False when this exact result was stored before (a retry). */
  created: boolean;
}

export async function submitResult(store: TeamStore, learner: Learner, text: string, loadLab: (id: string) => Promise<LabDefinition | undefined>): Promise<SubmitOutcome> {
  const before = await store.findSubmission(learner.id, text);
  if (before) return { submission: before, created: false };
  const verdict = await verifyResultText(text, loadLab);
  if (!verdict.accepted && REFUSED[verdict.code]) throw new HttpError(REFUSED[verdict.code]!, verdict.code, verdict.reason);
  // The verifier parsed it, so it is a result object with a labId and a transcript.
  const result = JSON.parse(text) as { labId: string; nowMs: number; transcript: { atMs: number }[] };
  const timeSpentMs = result.transcript.length > 0 ? Math.max(0, result.nowMs - result.transcript[0]!.atMs) : 0;
  const submission = verdict.accepted
    ? { status: 'verified' as const, rejectCode: null, reason: null, score: verdict.progress.score, maxScore: verdict.progress.maxScore, complete: verdict.progress.complete, progressJson: JSON.stringify(verdict.progress) }
    : { status: 'rejected' as const, rejectCode: verdict.code, reason: verdict.reason, score: null, maxScore: null, complete: false, progressJson: null };
  try {
    return { submission: await store.addSubmission({ learnerId: learner.id, labId: result.labId, timeSpentMs, ...submission }, text), created: true };
  } catch (e) {
    // The same result sent twice at once: the unique index kept one; answer with it.
    const stored = await store.findSubmission(learner.id, text);
    if (stored) return { submission: stored, created: false };
    throw e;
  }
}
