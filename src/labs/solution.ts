import type { LabSession } from './session';
import { ms } from './setup';
import type { TranscriptEntry } from './types';

/**
 * Play a lab's reference solution as a learner would type it: each step waits until its time
 * (`at`, from the lab's start; `after`, from the previous step) and runs its input.
 */
export function runSolution(lab: LabSession): TranscriptEntry[] {
  return lab.def.solution.map((step) => {
    if (step.at !== undefined) lab.advanceTo(lab.startMs + ms(step.at));
    else if (step.after !== undefined) lab.advanceTo(lab.now() + ms(step.after));
    return lab.run(step.input);
  });
}
