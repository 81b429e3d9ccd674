import { MAX_NODE_SCORE } from '../types';

/**
 * helper.DefaultNormalizeScore: scale raw scores so the highest becomes 100; with `reverse`, the
 * highest becomes 0 (used where a higher raw count is worse, like untolerated PreferNoSchedule taints).
 * Overwrites `scores` and returns it.
 * @example defaultNormalizeScore([0, 1, 2], true) → [100, 50, 0]
 */
export function defaultNormalizeScore(scores: number[], reverse: boolean): number[] {
  let maxCount = 0;
  for (const s of scores) if (s > maxCount) maxCount = s;
  // In place: the raw scores are the scheduler's own array for this pod, and this runs per pod.
  for (let i = 0; i < scores.length; i++) {
    const scaled = maxCount === 0 ? 0 : Math.trunc((MAX_NODE_SCORE * scores[i]!) / maxCount);
    scores[i] = reverse ? MAX_NODE_SCORE - scaled : scaled;
  }
  return scores;
}
