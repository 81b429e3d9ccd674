import type { EndpointAddress, EndpointPort, Endpoints } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { invalidValue, required, unsupportedValue, type FieldError } from '../errors';
import { isIP, looksLikeIPv6, parseIPv4 } from '../registry/ip';
import { validateName } from './names';

/** validation.IsValidIP's message since the IP validation rework (KEP-4858). */
export const VALID_IP_MESSAGE = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';

function inPrefix(ip: number, base: string, bits: number): boolean {
  const size = 2 ** (32 - bits);
  return Math.floor(ip / size) === Math.floor(parseIPv4(base)! / size);
}

/**
 * ValidateEndpointIP (ValidateNonSpecialIP for externalIPs): addresses that make no sense as a
 * Service backend, unspecified, loopback, link-local and link-local multicast, are refused.
 */
export function nonSpecialIPErrors(path: string, ip: string): FieldError[] {
  const v4 = parseIPv4(ip);
  const v6 = v4 === undefined && looksLikeIPv6(ip) ? ip.toLowerCase() : undefined;
  if (v4 === undefined && v6 === undefined) return [invalidValue(path, ip, 'must be a valid IP address')];
  const errors: FieldError[] = [];
  if (v4 === 0 || v6 === '::') errors.push(invalidValue(path, ip, `may not be unspecified (${ip})`));
  if ((v4 !== undefined && inPrefix(v4, '127.0.0.0', 8)) || v6 === '::1') {
    errors.push(invalidValue(path, ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  }
  if ((v4 !== undefined && inPrefix(v4, '169.254.0.0', 16)) || /^fe[89ab][0-9a-f]?:/.test(v6 ?? '')) {
    errors.push(invalidValue(path, ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  }
  if ((v4 !== undefined && inPrefix(v4, '224.0.0.0', 24)) || /^ff02:/.test(v6 ?? '')) {
    errors.push(invalidValue(path, ip, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  }
  return errors;
}

function validateAddress(a: EndpointAddress, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!isIP(a.ip ?? '')) errors.push(invalidValue(`${path}.ip`, a.ip ?? '', VALID_IP_MESSAGE));
  if (a.hostname) errors.push(...validateName(`${path}.hostname`, a.hostname, 'label'));
  if (a.nodeName) errors.push(...validateName(`${path}.nodeName`, a.nodeName, 'subdomain'));
  errors.push(...nonSpecialIPErrors(`${path}.ip`, a.ip ?? ''));
  return errors;
}

function validatePort(p: EndpointPort, path: string, requireName: boolean): FieldError[] {
  const errors: FieldError[] = [];
  if (requireName && !p.name) errors.push(required(`${path}.name`));
  else if (p.name) errors.push(...validateName(`${path}.name`, p.name, 'label'));
  if (!(p.port >= 1 && p.port <= 65535)) errors.push(invalidValue(`${path}.port`, p.port ?? 0, 'must be between 1 and 65535, inclusive'));
  if (p.protocol !== undefined && !['SCTP', 'TCP', 'UDP'].includes(p.protocol)) errors.push(unsupportedValue(`${path}.protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']));
  return errors;
}

/** ValidateEndpoints: every subset has addresses, every address is a usable IP, ports are valid. */
export function validateEndpoints(ep: Endpoints): FieldError[] {
  const errors: FieldError[] = [];
  (ep.subsets ?? []).forEach((ss, i) => {
    const path = `subsets[${i}]`;
    if ((ss.addresses ?? []).length === 0 && (ss.notReadyAddresses ?? []).length === 0) {
      errors.push({ ...required(path), detail: 'must specify `addresses` or `notReadyAddresses`' });
    }
    (ss.addresses ?? []).forEach((a, j) => errors.push(...validateAddress(a, `${path}.addresses[${j}]`)));
    (ss.notReadyAddresses ?? []).forEach((a, j) => errors.push(...validateAddress(a, `${path}.notReadyAddresses[${j}]`)));
    const ports = ss.ports ?? [];
    ports.forEach((p, j) => errors.push(...validatePort(p, `${path}.ports[${j}]`, ports.length > 1)));
  });
  return errors;
}

/** SetDefaults_EndpointPort: protocol TCP. */
export function defaultEndpoints(ep: Endpoints): void {
  for (const ss of ep.subsets ?? []) for (const p of ss.ports ?? []) (p as { protocol?: string }).protocol ??= 'TCP';
}

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
/** discovery validation limits: endpoints per slice, addresses per endpoint, ports per slice. */
const MAX_SLICE_ENDPOINTS = 1000;
const MAX_ENDPOINT_ADDRESSES = 100;
const MAX_SLICE_PORTS = 20000;

const tooMany = (field: string, n: number, max: number): FieldError => ({ field, type: 'Too many', detail: `${n}: must have at most ${max} items` });

/**
 * ValidateEndpointSlice (discovery/validation): a known address type, at least one address per
 * endpoint, IPv4 addresses that parse and are usable as endpoints (ValidateEndpointIP again).
 */
export function validateEndpointSlice(slice: EndpointSlice): FieldError[] {
  const errors: FieldError[] = [];
  const type = slice.addressType as string | undefined;
  if (!type) errors.push(required('addressType'));
  else if (!ADDRESS_TYPES.includes(type)) errors.push(unsupportedValue('addressType', type, ADDRESS_TYPES));
  const endpoints = slice.endpoints ?? [];
  if (endpoints.length > MAX_SLICE_ENDPOINTS) return [...errors, tooMany('endpoints', endpoints.length, MAX_SLICE_ENDPOINTS)];
  endpoints.forEach((e, i) => {
    const path = `endpoints[${i}].addresses`;
    const addresses = e.addresses ?? [];
    if (addresses.length === 0) errors.push({ ...required(path), detail: 'must contain at least 1 address' });
    else if (addresses.length > MAX_ENDPOINT_ADDRESSES) errors.push(tooMany(path, addresses.length, MAX_ENDPOINT_ADDRESSES));
    addresses.forEach((a, j) => {
      if (type !== 'IPv4') return;
      if (parseIPv4(a) === undefined) errors.push(invalidValue(`${path}[${j}]`, a, 'must be a valid IPv4 address'));
      else errors.push(...nonSpecialIPErrors(`${path}[${j}]`, a));
    });
  });
  const ports = slice.ports ?? [];
  if (ports.length > MAX_SLICE_PORTS) errors.push(tooMany('ports', ports.length, MAX_SLICE_PORTS));
  ports.forEach((p, i) => {
    if (p.name) errors.push(...validateName(`ports[${i}].name`, p.name, 'label'));
    if (p.port !== undefined && !(p.port >= 1 && p.port <= 65535)) errors.push(invalidValue(`ports[${i}].port`, p.port, 'must be between 1 and 65535, inclusive'));
  });
  return errors;
}
