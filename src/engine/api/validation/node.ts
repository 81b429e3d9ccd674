import type { Node, Taint } from 'kubernetes-types/core/v1';
import { invalidValue, required, unsupportedValue, type FieldError } from '../errors';
import { labelValueErrors, qualifiedNameErrors } from './names';

export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** ValidateNode's part a user can get wrong: spec.taints (validateNodeTaints). */
export function validateNode(node: Node): FieldError[] {
  return validateNodeTaints(node.spec?.taints ?? [], 'spec.taints');
}

/** Each taint a qualified key, a label value and a known effect; unique by key and effect. */
function validateNodeTaints(taints: readonly Taint[], field: string): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  taints.forEach((taint, i) => {
    const path = `${field}[${i}]`;
    for (const message of qualifiedNameErrors(taint.key ?? '')) errors.push(invalidValue(`${path}.key`, taint.key ?? '', message));
    const valueErrors = labelValueErrors(taint.value ?? '');
    if (valueErrors.length > 0) errors.push(invalidValue(`${path}.value`, taint.value ?? '', valueErrors.join(';')));
    if (!taint.effect) errors.push(required(`${path}.effect`));
    else if (!TAINT_EFFECTS.includes(taint.effect)) errors.push(unsupportedValue(`${path}.effect`, taint.effect, TAINT_EFFECTS));
    const pair = `${taint.effect ?? ''}\u0000${taint.key ?? ''}`;
    if (seen.has(pair)) errors.push({ field: path, type: 'Duplicate value', detail: `${goTaint(taint)}: taints must be unique by key and effect pair` });
    seen.add(pair);
  });
  return errors;
}

/**
 * The internal core.Taint as Go's %#v prints it, which the Duplicate error quotes. A set
 * timeAdded is a pointer, which %#v prints as its address (any heap address will do).
 */
function goTaint(t: Taint): string {
  const added = t.timeAdded ? '(*v1.Time)(0xc000a2e1e0)' : '<nil>';
  return `core.Taint{Key:${JSON.stringify(t.key ?? '')}, Value:${JSON.stringify(t.value ?? '')}, Effect:${JSON.stringify(t.effect ?? '')}, TimeAdded:${added}}`;
}
