/**
 * The `kubectl create poddisruptionbudget` (alias `pdb`) generator (create_pdb.go), which
 * create.ts dispatches to; `kubectl describe pdb` is printers/describe/pdb.ts.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { parseSelector, SelectorParseError } from '../../../engine/api/labels';
import type { KubeObject } from '../../../engine/api/objects';
import type { KubectlContext } from '../context';
import { usageError } from '../errors';
import type { FlagSpec } from '../flags';
import { generatedMeta } from '../mutation';

/** Flags `create pdb` adds to `kubectl create` (`--selector` is shared with other generators). */
export const CREATE_PDB_FLAGS: FlagSpec[] = [
  { name: 'selector', type: 'string' },
  { name: 'min-available', type: 'string' },
  { name: 'max-unavailable', type: 'string' },
];

/** metav1.ParseToLabelSelector: equality requirements become matchLabels, the rest matchExpressions. */
function toLabelSelector(text: string): LabelSelector {
  let reqs;
  try {
    reqs = parseSelector(text);
  } catch (e) {
    if (e instanceof SelectorParseError) throw usageError(e.message);
    throw e;
  }
  const selector: LabelSelector = {};
  for (const r of reqs) {
    if (r.op === 'in' && r.values.length === 1 && !text.includes(`${r.key} in`)) selector.matchLabels = { ...selector.matchLabels, [r.key]: r.values[0]! };
    else {
      const operator = { in: 'In', notin: 'NotIn', exists: 'Exists', doesnotexist: 'DoesNotExist' }[r.op];
      selector.matchExpressions = [...(selector.matchExpressions ?? []), { key: r.key, operator, ...('values' in r ? { values: r.values } : {}) }];
    }
  }
  return selector;
}

/** intstr.Parse: an integer when it is one, the text otherwise (`50%`). */
const intOrString = (text: string): number | string => (/^-?\d+$/.test(text) ? Number(text) : text);

/** `kubectl create pdb NAME --selector=... --min-available=N|N%` (or `--max-unavailable`), validated as kubectl does. */
export function podDisruptionBudgetObject(ctx: KubectlContext, name: string): KubeObject {
  const selector = ctx.flags.string('selector') ?? '';
  const minAvailable = ctx.flags.string('min-available') ?? '';
  const maxUnavailable = ctx.flags.string('max-unavailable') ?? '';
  if (selector === '') throw usageError('a selector must be specified');
  if (minAvailable === '' && maxUnavailable === '') throw usageError('one of min-available or max-unavailable must be specified');
  if (minAvailable !== '' && maxUnavailable !== '') throw usageError('min-available and max-unavailable cannot be both specified');
  const format = /^[0-9]+%?$/;
  if (minAvailable !== '' && !format.test(minAvailable)) throw usageError('invalid format specified for min-available');
  if (maxUnavailable !== '' && !format.test(maxUnavailable)) throw usageError('invalid format specified for max-unavailable');
  const spec: PodDisruptionBudget['spec'] = {
    ...(minAvailable !== '' ? { minAvailable: intOrString(minAvailable) } : {}),
    ...(maxUnavailable !== '' ? { maxUnavailable: intOrString(maxUnavailable) } : {}),
    selector: toLabelSelector(selector),
  };
  return { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: generatedMeta(ctx, name), spec, status: { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 } } as KubeObject;
}
