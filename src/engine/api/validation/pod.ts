import type { Container, PodSpec, Probe } from 'kubernetes-types/core/v1';
import { duplicate, invalidValue, required, unsupportedValue, type FieldError } from '../errors';
import { validateName } from './names';

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

/** PodSpec validation with the field paths and messages the API server uses. */
export function validatePodSpec(spec: PodSpec | undefined, path: string, restartPolicies = RESTART_POLICIES): FieldError[] {
  if (!spec) return [required(path)];
  const errors: FieldError[] = [];
  if (!spec.containers || spec.containers.length === 0) errors.push(required(`${path}.containers`));
  const names = new Set<string>();
  spec.initContainers?.forEach((c, i) => errors.push(...validateContainer(c, `${path}.initContainers[${i}]`, names)));
  spec.containers?.forEach((c, i) => errors.push(...validateContainer(c, `${path}.containers[${i}]`, names)));
  if (spec.restartPolicy !== undefined && !restartPolicies.includes(spec.restartPolicy)) {
    errors.push(unsupportedValue(`${path}.restartPolicy`, spec.restartPolicy, restartPolicies));
  }
  if (spec.terminationGracePeriodSeconds !== undefined && spec.terminationGracePeriodSeconds < 0) {
    errors.push(invalidValue(`${path}.terminationGracePeriodSeconds`, spec.terminationGracePeriodSeconds, 'must be greater than or equal to 0'));
  }
  const volumes = new Set<string>();
  spec.volumes?.forEach((v, i) => {
    if (!v.name) errors.push(required(`${path}.volumes[${i}].name`));
    else if (volumes.has(v.name)) errors.push(duplicate(`${path}.volumes[${i}].name`, v.name));
    else volumes.add(v.name);
  });
  spec.containers?.forEach((c, i) =>
    c.volumeMounts?.forEach((m, j) => {
      if (m.name && !volumes.has(m.name)) errors.push({ field: `${path}.containers[${i}].volumeMounts[${j}].name`, type: 'Not found', detail: JSON.stringify(m.name) });
    }),
  );
  return errors;
}

function validateContainer(c: Container, path: string, names: Set<string>): FieldError[] {
  const errors: FieldError[] = [];
  if (!c.name) errors.push(required(`${path}.name`));
  else {
    errors.push(...validateName(`${path}.name`, c.name, 'label'));
    if (names.has(c.name)) errors.push(duplicate(`${path}.name`, c.name));
    names.add(c.name);
  }
  if (!c.image) errors.push(required(`${path}.image`));
  c.ports?.forEach((p, i) => {
    const port = `${path}.ports[${i}]`;
    if (p.containerPort === undefined || p.containerPort === 0) errors.push(required(`${port}.containerPort`));
    else if (p.containerPort < 1 || p.containerPort > 65535) {
      errors.push(invalidValue(`${port}.containerPort`, p.containerPort, 'must be between 1 and 65535, inclusive'));
    }
    if (p.protocol !== undefined && !PROTOCOLS.includes(p.protocol)) errors.push(unsupportedValue(`${port}.protocol`, p.protocol, PROTOCOLS));
  });
  for (const [kind, probe] of [['livenessProbe', c.livenessProbe], ['readinessProbe', c.readinessProbe], ['startupProbe', c.startupProbe]] as const) {
    if (probe) errors.push(...validateProbe(probe, `${path}.${kind}`));
  }
  if (c.imagePullPolicy !== undefined && !['Always', 'IfNotPresent', 'Never'].includes(c.imagePullPolicy)) {
    errors.push(unsupportedValue(`${path}.imagePullPolicy`, c.imagePullPolicy, ['Always', 'IfNotPresent', 'Never']));
  }
  return errors;
}

function validateProbe(probe: Probe, path: string): FieldError[] {
  const handlers = [probe.exec, probe.httpGet, probe.tcpSocket, probe.grpc].filter((h) => h !== undefined);
  if (handlers.length === 0) return [{ field: path, type: 'Required value', detail: 'must specify a handler type' }];
  if (handlers.length > 1) return [{ field: path, type: 'Forbidden', detail: 'may not specify more than 1 handler type' }];
  return [];
}
