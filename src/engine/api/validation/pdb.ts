import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import type { FieldError } from '../errors';
import { unsupportedValue } from '../errors';

/**
 * PodDisruptionBudget validation (pkg/apis/policy/validation): minAvailable and maxUnavailable
 * are exclusive, each a non-negative integer or a percentage of at most 100%, and the unhealthy
 * pod eviction policy one of two values.
 */
export function validatePdb(pdb: PodDisruptionBudget): FieldError[] {
  const spec = pdb.spec ?? {};
  const errors: FieldError[] = [];
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
    errors.push({ field: 'spec', type: 'Invalid value', detail: `${goSpec(spec)}: minAvailable and maxUnavailable cannot be both set` });
  }
  if (spec.minAvailable !== undefined) errors.push(...intOrPercent('spec.minAvailable', spec.minAvailable));
  if (spec.maxUnavailable !== undefined) errors.push(...intOrPercent('spec.maxUnavailable', spec.maxUnavailable));
  const policy = spec.unhealthyPodEvictionPolicy;
  if (policy !== undefined && policy !== 'IfHealthyBudget' && policy !== 'AlwaysAllow') {
    errors.push(unsupportedValue('spec.unhealthyPodEvictionPolicy', policy, ['AlwaysAllow', 'IfHealthyBudget']));
  }
  return errors;
}

const PERCENT_MESSAGE = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/** ValidatePositiveIntOrPercent plus IsNotMoreThan100Percent. */
function intOrPercent(field: string, value: number | string): FieldError[] {
  if (typeof value === 'number') {
    return value < 0 ? [{ field, type: 'Invalid value', detail: `${value}: must be greater than or equal to 0` }] : [];
  }
  if (!/^[0-9]+%$/.test(value)) return [{ field, type: 'Invalid value', detail: `${goIntOrString(value)}: ${PERCENT_MESSAGE}` }];
  if (Number(value.slice(0, -1)) > 100) return [{ field, type: 'Invalid value', detail: `${goIntOrString(value)}: must not be greater than 100%` }];
  return [];
}

/** An intstr.IntOrString bad value as field errors print it since 1.34: its JSON, `"120%"` (see goStringSlice). */
function goIntOrString(value: string): string {
  return JSON.stringify(value);
}

/** Go's %#v of the spec: pointer fields print as addresses (stable made-up ones here). */
function goSpec(spec: NonNullable<PodDisruptionBudget['spec']>): string {
  const ptr = (set: boolean, type: string, addr: string) => `(*${type})(${set ? addr : 'nil'})`;
  return (
    `policy.PodDisruptionBudgetSpec{MinAvailable:${ptr(spec.minAvailable !== undefined, 'intstr.IntOrString', '0xc000b2e1a0')}, ` +
    `MaxUnavailable:${ptr(spec.maxUnavailable !== undefined, 'intstr.IntOrString', '0xc000b2e1c0')}, ` +
    `Selector:${ptr(spec.selector !== undefined, 'v1.LabelSelector', '0xc000a4f140')}, ` +
    `UnhealthyPodEvictionPolicy:${ptr(spec.unhealthyPodEvictionPolicy !== undefined, 'policy.UnhealthyPodEvictionPolicyType', '0xc000b2e1e0')}}`
  );
}
