import type { CaseClause, List } from './ast';
import { expandPattern, expandWord, type ExpandHost } from './expand';
import { patternMatches } from './glob';

/**
 * `case WORD in ...`: the body of the first item with a pattern matching the word; 0 when none
 * matches. `;&` runs the next body too, `;;&` goes on testing the next items' patterns.
 */
export function runCaseClause(clause: CaseClause, expander: ExpandHost, runBody: (body: List) => number, halted: () => boolean): number {
  const value = expandWord(clause.word, expander);
  let status = 0;
  let fallThrough = false;
  for (const item of clause.items) {
    if (!fallThrough && !item.patterns.some((p) => patternMatches(expandPattern(p, expander), value))) continue;
    status = item.body.length === 0 ? 0 : runBody(item.body);
    if (item.end === ';;' || halted()) return status;
    fallThrough = item.end === ';&';
  }
  return status;
}
