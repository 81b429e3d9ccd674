import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { canonicalJson } from '../../sim/hash';
import { invalidValue, required, type FieldError } from '../errors';
import { fromLabelSelector, matches } from '../labels';
import { validateLabels } from './names';
import { validatePodSpec } from './pod';

/** Shared by Deployment and ReplicaSet: selector present, non-empty, and matching the template. */
function validateSelectorAndTemplate(
  selector: LabelSelector | undefined,
  template: { metadata?: { labels?: Record<string, string> }; spec?: unknown } | undefined,
): FieldError[] {
  const errors: FieldError[] = [];
  const emptySelector = !selector || (!selector.matchLabels && !selector.matchExpressions);
  if (emptySelector) errors.push(required('spec.selector'));
  else if (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0) {
    errors.push(invalidValue('spec.selector', selector, 'empty selector is invalid for deployment'));
  }
  const labels = template?.metadata?.labels;
  errors.push(...validateLabels('spec.template.metadata.labels', labels));
  // LabelSelectorAsSelector turns a missing selector into labels.Nothing(), which matches no
  // template: a manifest without one gets both errors, as kubectl users know them.
  if (!selector || (!emptySelector && !matches(fromLabelSelector(selector), labels))) {
    errors.push({
      field: 'spec.template.metadata.labels',
      type: 'Invalid value',
      detail: `${canonicalJson(labels ?? {})}: \`selector\` does not match template \`labels\``,
    });
  }
  errors.push(...validatePodSpec(template?.spec as never, 'spec.template.spec', ['Always']));
  return errors;
}

function validateReplicas(replicas: number | undefined): FieldError[] {
  return replicas !== undefined && replicas < 0 ? [invalidValue('spec.replicas', replicas, 'must be greater than or equal to 0')] : [];
}

export function validateDeployment(d: Deployment): FieldError[] {
  const errors = [...validateReplicas(d.spec?.replicas), ...validateSelectorAndTemplate(d.spec?.selector, d.spec?.template)];
  const strategy = d.spec?.strategy;
  if (strategy?.type === 'Recreate' && strategy.rollingUpdate) {
    errors.push({ field: 'spec.strategy.rollingUpdate', type: 'Forbidden', detail: 'may not be specified when strategy `type` is \'Recreate\'' });
  }
  if (strategy?.type !== undefined && !['Recreate', 'RollingUpdate'].includes(strategy.type)) {
    errors.push({ field: 'spec.strategy.type', type: 'Unsupported value', detail: `"${strategy.type}": supported values: "Recreate", "RollingUpdate"` });
  }
  const ru = strategy?.rollingUpdate;
  if (ru && isZero(ru.maxSurge) && isZero(ru.maxUnavailable)) {
    errors.push(invalidValue('spec.strategy.rollingUpdate.maxUnavailable', ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
  }
  return errors;
}

function isZero(v: number | string | undefined): boolean {
  return v === 0 || v === '0%';
}

export function validateReplicaSet(rs: ReplicaSet): FieldError[] {
  return [...validateReplicas(rs.spec?.replicas), ...validateSelectorAndTemplate(rs.spec?.selector, rs.spec?.template)];
}

/** spec.selector may never change once a Deployment or ReplicaSet exists. */
export function validateSelectorImmutable(oldSel: LabelSelector | undefined, newSel: LabelSelector | undefined): FieldError[] {
  if (canonicalJson(oldSel) === canonicalJson(newSel)) return [];
  return [{ field: 'spec.selector', type: 'Invalid value', detail: `${goSelector(newSel)}: field is immutable` }];
}

/**
 * A LabelSelector bad value as field errors print it since 1.34 (see goStringSlice): JSON with its
 * json tags, empty fields omitted, map keys sorted as encoding/json sorts them.
 */
function goSelector(sel: LabelSelector | undefined): string {
  const out: LabelSelector = {};
  if (sel?.matchLabels && Object.keys(sel.matchLabels).length > 0) out.matchLabels = sel.matchLabels;
  if (sel?.matchExpressions && sel.matchExpressions.length > 0) out.matchExpressions = sel.matchExpressions;
  return canonicalJson(out);
}
