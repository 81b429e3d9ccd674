import type { Ingress, IngressBackend } from 'kubernetes-types/networking/v1';
import { invalidValue, required, unsupportedValue, type FieldError } from '../api/errors';

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SUBDOMAIN_MESSAGE = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];

/** networking/validation ValidateIngress, the parts learners trip over. */
export function validateIngress(ing: Ingress): FieldError[] {
  const spec = ing.spec ?? {};
  const errors: FieldError[] = [];
  if (!spec.defaultBackend && (spec.rules ?? []).length === 0) errors.push(invalidValue('spec.rules', '[]', 'either `defaultBackend` or `rules` must be specified'));
  if (spec.defaultBackend) errors.push(...validateBackend(spec.defaultBackend, 'spec.defaultBackend'));
  (spec.rules ?? []).forEach((rule, i) => {
    const at = `spec.rules[${i}]`;
    const host = rule.host;
    if (host !== undefined && host !== '') {
      const bare = host.startsWith('*.') ? host.slice(2) : host;
      if (!SUBDOMAIN.test(bare)) errors.push(invalidValue(`${at}.host`, host, host.startsWith('*.') ? `a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain` : SUBDOMAIN_MESSAGE));
    }
    (rule.http?.paths ?? []).forEach((p, j) => {
      const pat = `${at}.http.paths[${j}]`;
      if (!p.pathType) errors.push({ field: `${pat}.pathType`, type: 'Required value', detail: 'pathType must be specified' });
      else if (!PATH_TYPES.includes(p.pathType)) errors.push(unsupportedValue(`${pat}.pathType`, p.pathType, PATH_TYPES));
      if (p.pathType !== 'ImplementationSpecific' && p.path !== undefined && !p.path.startsWith('/')) errors.push(invalidValue(`${pat}.path`, p.path, 'must be an absolute path'));
      errors.push(...validateBackend(p.backend, `${pat}.backend`));
    });
  });
  return errors;
}

function validateBackend(b: IngressBackend | undefined, at: string): FieldError[] {
  if (!b?.service && !b?.resource) return [required(`${at}`)];
  const port = b.service?.port;
  if (b.service && !b.service.name) return [required(`${at}.service.name`)];
  if (b.service && port?.name && port.number !== undefined) return [invalidValue(`${at}.service.port`, port, 'cannot set both port name & port number')];
  if (b.service && !port?.name && port?.number === undefined) return [invalidValue(`${at}.service.port`, port ?? {}, 'port name or number is required')];
  return [];
}
