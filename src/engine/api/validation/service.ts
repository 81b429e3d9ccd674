import { atLeast, type KubeVersion } from '../../version';
import type { Service, ServicePort } from 'kubernetes-types/core/v1';
import { duplicate, forbidden, invalidValue, required, unsupportedValue, type FieldError } from '../errors';
import { validateLabels, validateName } from './names';
import { nonSpecialIPErrors, VALID_IP_MESSAGE } from './endpoints';
import { isIP } from '../registry/ip';

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
/** core.MaxClientIPServiceAffinitySeconds */
const MAX_AFFINITY_SECONDS = 86400;
const KUBELET_PORT = 10250;
const EXTERNAL_NAME_SET = 'may not be set for ExternalName services';

/**
 * A []string bad value as field errors print it. Since apimachinery v0.34 (Kubernetes 1.34,
 * kubernetes#132314) a value that is not a scalar is rendered with json.Marshal: `["10.96.0.10"]`;
 * older API servers printed Go's %#v, `[]string{"10.96.0.10"}`.
 */
export function goStringSlice(values: readonly string[], version?: KubeVersion): string {
  if (version && !atLeast(version, 34)) return `[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}`;
  return JSON.stringify(values);
}

/** An Invalid value error whose bad value is printed as Go would (already rendered). */
export function invalidRendered(field: string, rendered: string, why: string): FieldError {
  return { field, type: 'Invalid value', detail: `${rendered}: ${why}` };
}

/**
 * ValidateService: types, ports and their names, session affinity, external IPs and traffic
 * policies, as the API server reports them. Runs after defaulting and allocation, so clusterIPs,
 * ipFamilies and nodePorts are already filled in.
 */
export function validateService(svc: Service): FieldError[] {
  const spec = svc.spec ?? {};
  const type = spec.type ?? 'ClusterIP';
  const headless = spec.clusterIP === 'None';
  const errors: FieldError[] = [];
  const ports = spec.ports ?? [];
  if (ports.length === 0 && !headless && type !== 'ExternalName') errors.push(required('spec.ports'));
  errors.push(...typeRules(svc));
  const names = new Set<string>();
  ports.forEach((p, i) => errors.push(...validatePort(p, `spec.ports[${i}]`, ports.length > 1, names)));
  errors.push(...validateLabels('spec.selector', spec.selector));
  errors.push(...sessionAffinity(svc));
  (spec.externalIPs ?? []).forEach((ip, i) => {
    const path = `spec.externalIPs[${i}]`;
    errors.push(...(isIP(ip) ? nonSpecialIPErrors(path, ip) : [invalidValue(path, ip, VALID_IP_MESSAGE)]));
  });
  if (!TYPES.includes(type)) errors.push(unsupportedValue('spec.type', type, TYPES));
  errors.push(...portCombinations(type, ports));
  errors.push(...trafficPolicies(svc));
  return errors;
}

function typeRules(svc: Service): FieldError[] {
  const spec = svc.spec ?? {};
  const errors: FieldError[] = [];
  switch (spec.type) {
    case 'LoadBalancer':
      (spec.ports ?? []).forEach((p, i) => {
        if (p.port === KUBELET_PORT) errors.push(invalidValue(`spec.ports[${i}]`, p.port, `may not expose port ${KUBELET_PORT} externally since it is used by kubelet`));
      });
      if (spec.clusterIP === 'None') errors.push(invalidValue('spec.clusterIP', 'None', "may not be set to 'None' for LoadBalancer services"));
      break;
    case 'NodePort':
      if (spec.clusterIP === 'None') errors.push(invalidValue('spec.clusterIP', 'None', "may not be set to 'None' for NodePort services"));
      break;
    case 'ExternalName': {
      if ((spec.clusterIPs ?? []).length > 0 || spec.clusterIP) errors.push(forbidden('spec.clusterIPs', EXTERNAL_NAME_SET));
      if ((spec.ipFamilies ?? []).length > 0) errors.push(forbidden('spec.ipFamilies', EXTERNAL_NAME_SET));
      if (spec.ipFamilyPolicy) errors.push(forbidden('spec.ipFamilyPolicy', EXTERNAL_NAME_SET));
      // A CNAME may end with a dot to say it is fully qualified.
      const cname = (spec.externalName ?? '').replace(/\.$/, '');
      if (cname) errors.push(...validateName('spec.externalName', cname, 'subdomain'));
      else errors.push(required('spec.externalName'));
      break;
    }
  }
  return errors;
}

function validatePort(p: ServicePort, path: string, requireName: boolean, names: Set<string>): FieldError[] {
  const errors: FieldError[] = [];
  if (requireName && !p.name) errors.push(required(`${path}.name`));
  else if (p.name) {
    errors.push(...validateName(`${path}.name`, p.name, 'label'));
    if (names.has(p.name)) errors.push(duplicate(`${path}.name`, p.name));
    else names.add(p.name);
  }
  errors.push(...portNumber(`${path}.port`, p.port));
  if (!p.protocol) errors.push(required(`${path}.protocol`));
  else if (!PROTOCOLS.includes(p.protocol)) errors.push(unsupportedValue(`${path}.protocol`, p.protocol, PROTOCOLS));
  const target = p.targetPort;
  if (typeof target === 'number') errors.push(...portNumber(`${path}.targetPort`, target));
  else if (typeof target === 'string') errors.push(...portName(`${path}.targetPort`, target));
  return errors;
}

function portNumber(path: string, port: number | undefined): FieldError[] {
  const n = port ?? 0;
  return n >= 1 && n <= 65535 ? [] : [invalidValue(path, n, 'must be between 1 and 65535, inclusive')];
}

/** IsValidPortName: an IANA service name. */
export function portName(path: string, name: string): FieldError[] {
  const errors: FieldError[] = [];
  if (name.length < 1 || name.length > 15) errors.push(invalidValue(path, name, 'must be no more than 15 characters'));
  if (!/^[-a-z0-9]+$/.test(name)) errors.push(invalidValue(path, name, 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'));
  if (!/[a-z]/.test(name)) errors.push(invalidValue(path, name, 'must contain at least one letter (a-z)'));
  if (name.includes('--')) errors.push(invalidValue(path, name, 'must not contain consecutive hyphens'));
  if (name.startsWith('-') || name.endsWith('-')) errors.push(invalidValue(path, name, 'must not begin or end with a hyphen'));
  return errors;
}

function sessionAffinity(svc: Service): FieldError[] {
  const spec = svc.spec ?? {};
  const affinity = spec.sessionAffinity;
  if (!affinity) return [required('spec.sessionAffinity')];
  if (!['ClientIP', 'None'].includes(affinity)) return [unsupportedValue('spec.sessionAffinity', affinity, ['ClientIP', 'None'])];
  const path = 'spec.sessionAffinityConfig';
  if (affinity === 'None') return spec.sessionAffinityConfig ? [forbidden(path, 'must not be set when session affinity is None')] : [];
  const when = { detail: 'when session affinity type is ClientIP' };
  if (!spec.sessionAffinityConfig) return [{ ...required(path), ...when }];
  if (!spec.sessionAffinityConfig.clientIP) return [{ ...required(`${path}.clientIP`), ...when }];
  const timeout = spec.sessionAffinityConfig.clientIP.timeoutSeconds;
  if (timeout === undefined) return [{ ...required(`${path}.clientIP.timeoutSeconds`), ...when }];
  return timeout <= 0 || timeout > MAX_AFFINITY_SECONDS
    ? [invalidValue(`${path}.clientIP.timeoutSeconds`, timeout, `must be greater than 0 and less than ${MAX_AFFINITY_SECONDS}`)]
    : [];
}

/** Go's %#v of the (protocol, port) key upstream reports duplicate ports with. */
function servicePortKey(p: ServicePort): string {
  return `core.ServicePort{Name:"", Protocol:${JSON.stringify(p.protocol ?? '')}, AppProtocol:(*string)(nil), Port:${p.port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`;
}

function portCombinations(type: string, ports: ServicePort[]): FieldError[] {
  const errors: FieldError[] = [];
  if (type === 'LoadBalancer') {
    const protocols = new Set<string>();
    ports.forEach((p, i) => {
      if (p.protocol === 'TCP' || p.protocol === 'UDP' || p.protocol === 'SCTP') protocols.add(p.protocol);
      else errors.push(invalidValue(`spec.ports[${i}].protocol`, p.protocol ?? '', 'cannot create an external load balancer with non-TCP/UDP ports'));
    });
  }
  if (type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (p.nodePort) errors.push(forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    if (p.nodePort) {
      const key = `${p.protocol}/${p.nodePort}`;
      if (nodePorts.has(key)) errors.push(duplicate(`spec.ports[${i}].nodePort`, p.nodePort));
      nodePorts.add(key);
    }
    const key = `${p.protocol}/${p.port}`;
    if (seen.has(key)) errors.push({ field: `spec.ports[${i}]`, type: 'Duplicate value', detail: servicePortKey(p) });
    seen.add(key);
  });
  return errors;
}

/** ExternallyAccessible: NodePort, LoadBalancer, or a ClusterIP Service with externalIPs. */
export function externallyAccessible(svc: Service): boolean {
  const type = svc.spec?.type;
  return type === 'NodePort' || type === 'LoadBalancer' || (type === 'ClusterIP' && (svc.spec?.externalIPs ?? []).length > 0);
}

function trafficPolicies(svc: Service): FieldError[] {
  const spec = svc.spec ?? {};
  const errors: FieldError[] = [];
  const etp = spec.externalTrafficPolicy;
  if (!externallyAccessible(svc)) {
    if (etp) errors.push(invalidValue('spec.externalTrafficPolicy', etp, 'may only be set for externally-accessible services'));
  } else if (!etp) {
    errors.push(required('spec.externalTrafficPolicy'));
  } else if (etp !== 'Cluster' && etp !== 'Local') {
    errors.push(unsupportedValue('spec.externalTrafficPolicy', etp, ['Cluster', 'Local']));
  }
  const itp = spec.internalTrafficPolicy;
  if (spec.type !== 'ExternalName' && itp !== undefined && itp !== 'Cluster' && itp !== 'Local') {
    errors.push(unsupportedValue('spec.internalTrafficPolicy', itp, ['Cluster', 'Local']));
  }
  if (spec.healthCheckNodePort && !(spec.type === 'LoadBalancer' && etp === 'Local')) {
    errors.push(invalidValue('spec.healthCheckNodePort', spec.healthCheckNodePort, 'may only be set when `type` is \'LoadBalancer\' and `externalTrafficPolicy` is \'Local\''));
  }
  return errors;
}

/**
 * ValidateServiceClusterIPsRelatedFields, which the registry runs before it allocates: clusterIP
 * and clusterIPs agree, each is a valid IP or a lone 'None', at most two.
 */
export function validateClusterIPFields(svc: Service): FieldError[] {
  const spec = svc.spec ?? {};
  if (spec.type === 'ExternalName') return [];
  const errors: FieldError[] = [];
  const ips = spec.clusterIPs ?? [];
  if (spec.clusterIP) {
    if (ips.length === 0) errors.push(required('spec.clusterIPs'));
    else if (ips[0] !== spec.clusterIP) errors.push(invalidRendered('spec.clusterIPs', goStringSlice(ips), 'first value must match `clusterIP`'));
  } else if (ips.length > 0) {
    errors.push(invalidRendered('spec.clusterIPs', goStringSlice(ips), 'must be empty when `clusterIP` is not specified'));
  }
  (spec.ipFamilies ?? []).forEach((f, i) => {
    if (f !== 'IPv4' && f !== 'IPv6') errors.push(unsupportedValue(`spec.ipFamilies[${i}]`, f, ['IPv4', 'IPv6']));
  });
  const policy = spec.ipFamilyPolicy;
  if (policy && !['PreferDualStack', 'RequireDualStack', 'SingleStack'].includes(policy)) {
    errors.push(unsupportedValue('spec.ipFamilyPolicy', policy, ['PreferDualStack', 'RequireDualStack', 'SingleStack']));
  }
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) errors.push(invalidRendered('spec.clusterIPs', goStringSlice(ips), "'None' must be the first and only value"));
      return;
    }
    if (!isIP(ip)) errors.push(invalidValue(`spec.clusterIPs[${i}]`, ip, VALID_IP_MESSAGE));
  });
  if (ips.length > 2) errors.push(invalidRendered('spec.clusterIPs', goStringSlice(ips), 'may only hold up to 2 values'));
  return errors;
}

/** validateUpgradeDowngradeClusterIPs, single-stack: a set clusterIP never changes. */
export function validateClusterIPsUpdate(svc: Service, old: Service): FieldError[] {
  if (svc.spec?.type === 'ExternalName' || old.spec?.type === 'ExternalName') return [];
  const now = svc.spec?.clusterIPs ?? [];
  const before = old.spec?.clusterIPs ?? [];
  if (now[0] === 'None' && before[0] === 'None') return [];
  if (before.length > 0 && now.length === 0) return [invalidRendered('spec.clusterIPs[0]', goStringSlice(now), 'primary clusterIP can not be unset')];
  return before.flatMap((ip, i) => (i < now.length && now[i] !== ip ? [invalidRendered(`spec.clusterIPs[${i}]`, goStringSlice(now), 'may not change once set')] : []));
}
