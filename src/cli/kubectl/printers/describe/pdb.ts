/** `kubectl describe pdb`: describePodDisruptionBudgetV1's layout. */
import type { Event } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { labelSelectorString } from '../tables/format';
import { describeEvents } from './common';
import { LEVEL_0, LEVEL_2, tabbedString } from './prefix-writer';

/** `kubectl describe pdb NAME`. */
export function describePodDisruptionBudget(pdb: PodDisruptionBudget, events: Event[], nowMs: number): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${pdb.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${pdb.metadata?.namespace ?? ''}\n`);
    if (pdb.spec?.minAvailable !== undefined) w.write(LEVEL_0, `Min available:\t${pdb.spec.minAvailable}\n`);
    else if (pdb.spec?.maxUnavailable !== undefined) w.write(LEVEL_0, `Max unavailable:\t${pdb.spec.maxUnavailable}\n`);
    w.write(LEVEL_0, `Selector:\t${labelSelectorString(pdb.spec?.selector)}\n`);
    w.write(LEVEL_0, 'Status:\n');
    const s = pdb.status;
    w.write(LEVEL_2, `Allowed disruptions:\t${s?.disruptionsAllowed ?? 0}\n`);
    w.write(LEVEL_2, `Current:\t${s?.currentHealthy ?? 0}\n`);
    w.write(LEVEL_2, `Desired:\t${s?.desiredHealthy ?? 0}\n`);
    w.write(LEVEL_2, `Total:\t${s?.expectedPods ?? 0}\n`);
    describeEvents(w, events, nowMs);
  });
}
