import type { Pod } from 'kubernetes-types/core/v1';
import type { CheckFn } from '../schema';
import { describeObject } from './objects';
import { failed, labTime, passed } from './result';

/** The object was created after the lab started (by the learner, not by the setup). */
export function createdDuringLab(resource: string, namespace: string | undefined, name: string): CheckFn {
  return (view) => {
    const what = describeObject(resource, namespace, name);
    const created = view.history(resource, namespace, name).filter((v) => v.type === 'ADDED' && v.revision > view.startRevision);
    if (created.length === 0) return failed(`${what} was not created during this lab`);
    return passed(`${what} was created at ${labTime(created.at(-1)!.atMs)}`);
  };
}

/**
 * The Pod went through these phases in this order (other phases may come between), as its
 * history shows: `['Pending', 'Running']`.
 */
export function podPhasesSeen(namespace: string, name: string, phases: string[]): CheckFn {
  return (view) => {
    const what = describeObject('pods', namespace, name);
    const seen: string[] = [];
    for (const v of view.history('pods', namespace, name)) {
      if (v.type === 'DELETED') continue;
      const phase = (v.object as Pod).status?.phase ?? 'Pending';
      if (seen.at(-1) !== phase) seen.push(phase);
    }
    let next = 0;
    for (const phase of seen) if (phase === phases[next]) next++;
    if (next < phases.length) return failed(`${what} has been ${seen.join(' → ') || 'nothing yet'}; expected to see ${phases.join(' → ')}`);
    return passed(`${what} went ${seen.join(' → ')}`);
  };
}
