import { MAX_NODE_SCORE } from '../types';

/**
 * helper.DefaultNormalizeScore: scale raw scores so the highest becomes 100; with `reverse`, the
 * highest becomes 0 (used where a higher raw count is worse, like untolerated PreferNoSchedule taints).
 * @example defaultNormalizeScore([0, 1, 2], true) → [100, 50, 0]
 */
export function defaultNormalizeScore(scores: number[], reverse: boolean): number[] {
  let maxCount = 0;
  for (const s of scores) if (s > maxCount) maxCount = s;
  if (maxCount === 0) return scores.map(() => (reverse ? MAX_NODE_SCORE : 0));
  return scores.map((s) => {
    const scaled = Math.trunc((MAX_NODE_SCORE * s) / maxCount);
    return reverse ? MAX_NODE_SCORE - scaled : scaled;
  });
}
