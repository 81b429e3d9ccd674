import type { RejectCode } from '../labs/verify';
import { HttpError } from './server/http';
import type { Learner, StoredSubmission, TeamStore } from './store';
import type { Verify } from './verify-pool';

/**
 * A learner's result, replayed by the same function `clusterlab verify` calls. What the verifier
 * cannot even start on (not a result, over the limits, another engine, an unknown lab) is a 4xx
 * answer and stores nothing; a result that replays differently (a tampered transcript or score,
 * the wrong seed) is stored as rejected with the verifier's reason, for the instructor to see.
 */
const REFUSED: Partial<Record<RejectCode, number>> = { malformed: 400, 'over-limits': 422, 'engine-version': 422, 'unknown-lab': 422 };

export interface SubmitOutcome {
  submission: StoredSubmission;
  /** False when this exact result was stored before (a retry). */
  created: boolean;
}

export async function submitResult(store: TeamStore, learner: Learner, text: string, verify: Verify): Promise<SubmitOutcome> {
  const before = await store.findSubmission(learner.id, text);
  if (before) return { submission: before, created: false };
  const verdict = await verify(text);
  if (!verdict.accepted && REFUSED[verdict.code]) throw new HttpError(REFUSED[verdict.code]!, verdict.code, verdict.reason);
  // The verifier parsed it, so it is a result object with a labId and a transcript.
  const result = JSON.parse(text) as { labId: string; nowMs: number; transcript: { atMs: number }[]; snapshot?: unknown };
  // An engine snapshot (saved browser state) is not evidence and can be large: kept out of the database.
  const kept = result.snapshot === undefined ? text : JSON.stringify({ ...result, snapshot: undefined });
  const timeSpentMs = result.transcript.length > 0 ? Math.max(0, result.nowMs - result.transcript[0]!.atMs) : 0;
  const submission = verdict.accepted
    ? { status: 'verified' as const, rejectCode: null, reason: null, score: verdict.progress.score, maxScore: verdict.progress.maxScore, complete: verdict.progress.complete, progressJson: JSON.stringify(verdict.progress) }
    : { status: 'rejected' as const, rejectCode: verdict.code, reason: verdict.reason, score: null, maxScore: null, complete: false, progressJson: null };
  try {
    return { submission: await store.addSubmission({ learnerId: learner.id, labId: result.labId, timeSpentMs, ...submission }, text, kept), created: true };
  } catch (e) {
    // The same result sent twice at once: the unique index kept one; answer with it.
    const stored = await store.findSubmission(learner.id, text);
    if (stored) return { submission: stored, created: false };
    throw e;
  }
}
