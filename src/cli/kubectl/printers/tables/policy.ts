/** `kubectl get poddisruptionbudgets` (printPodDisruptionBudget in printers.go). */
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { translateTimestampSince } from '../human-duration';
import type { KindPrinter } from './types';

/** An IntOrString cell: the value as written, or N/A when the field is unset. */
function intOrStringCell(value: number | string | undefined): string {
  return value === undefined ? 'N/A' : String(value);
}

/** PodDisruptionBudget columns: NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE. */
export const podDisruptionBudgetPrinter: KindPrinter<PodDisruptionBudget> = {
  kind: 'PodDisruptionBudget',
  group: 'policy',
  namespaced: true,
  columns: [{ name: 'Name' }, { name: 'Min Available' }, { name: 'Max Unavailable' }, { name: 'Allowed Disruptions' }, { name: 'Age' }],
  cells: (pdb, ctx) => [
    pdb.metadata?.name ?? '',
    intOrStringCell(pdb.spec?.minAvailable),
    intOrStringCell(pdb.spec?.maxUnavailable),
    String(pdb.status?.disruptionsAllowed ?? 0),
    translateTimestampSince(pdb.metadata?.creationTimestamp, ctx.nowMs),
  ],
};
