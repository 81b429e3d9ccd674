import type { Service } from 'kubernetes-types/core/v1';
import { duplicate, invalidValue, required, unsupportedValue, type FieldError } from '../errors';
import { validateName } from './names';

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

/** Service spec validation: types, ports and their names, as the API server reports them. */
export function validateService(svc: Service): FieldError[] {
  const spec = svc.spec ?? {};
  const errors: FieldError[] = [];
  const type = spec.type ?? 'ClusterIP';
  if (!TYPES.includes(type)) errors.push(unsupportedValue('spec.type', type, TYPES));
  const ports = spec.ports ?? [];
  if (ports.length === 0 && type !== 'ExternalName' && spec.clusterIP !== 'None') errors.push(required('spec.ports'));
  if (type === 'ExternalName' && !spec.externalName) errors.push(required('spec.externalName'));
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const path = `spec.ports[${i}]`;
    if (ports.length > 1 && !p.name) errors.push(required(`${path}.name`));
    if (p.name) {
      errors.push(...validateName(`${path}.name`, p.name, 'label'));
      if (names.has(p.name)) errors.push(duplicate(`${path}.name`, p.name));
      names.add(p.name);
    }
    if (!p.port) errors.push(required(`${path}.port`));
    else if (p.port < 1 || p.port > 65535) errors.push(invalidValue(`${path}.port`, p.port, 'must be between 1 and 65535, inclusive'));
    if (typeof p.targetPort === 'number' && (p.targetPort < 1 || p.targetPort > 65535)) {
      errors.push(invalidValue(`${path}.targetPort`, p.targetPort, 'must be between 1 and 65535, inclusive'));
    }
    if (p.nodePort !== undefined && type === 'ClusterIP') {
      errors.push({ field: `${path}.nodePort`, type: 'Forbidden', detail: 'may not be used when `type` is \'ClusterIP\'' });
    }
  });
  if (spec.sessionAffinity !== undefined && !['ClientIP', 'None'].includes(spec.sessionAffinity)) {
    errors.push(unsupportedValue('spec.sessionAffinity', spec.sessionAffinity, ['ClientIP', 'None']));
  }
  return errors;
}
