/**
 * Secrets as the API server takes them: `stringData` folded into `data` (base64) and dropped, as
 * the v1 conversion does; `type` defaulted to Opaque; ValidateSecret's key, size and per-type
 * checks; and ValidateSecretUpdate's immutable `type` and `immutable: true` rules.
 */
import type { Secret } from 'kubernetes-types/core/v1';
import { base64, base64DecodedLength } from '../../sim/base64';
import { forbidden, invalidValue, required, type FieldError } from '../errors';

/** core.MaxSecretSize: 1 MiB of decoded data. */
const MAX_SECRET_BYTES = 1024 * 1024;

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const CONFIG_KEY_MESSAGE =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

/** validation.IsConfigMapKey's messages for a key. */
export function configKeyErrors(key: string): string[] {
  const errors: string[] = [];
  if (key.length > 253) errors.push('must be no more than 253 characters');
  if (!CONFIG_KEY.test(key)) errors.push(CONFIG_KEY_MESSAGE);
  if (key === '.') errors.push("must not be '.'");
  else if (key === '..') errors.push("must not be '..'");
  else if (key.startsWith('..')) errors.push("must not start with '..'");
  return errors;
}

/** The v1 → internal conversion and defaulting: stringData wins over data, then is gone. */
export function defaultSecret(secret: Secret): void {
  if (secret.stringData) {
    const data = { ...secret.data };
    for (const [key, value] of Object.entries(secret.stringData)) data[key] = base64(value);
    secret.data = data;
    delete secret.stringData;
  }
  secret.type ??= 'Opaque';
}

/** Keys every Secret of a built-in type must have. */
const REQUIRED_KEYS: Record<string, string[]> = {
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
};

export function validateSecret(secret: Secret): FieldError[] {
  const errors: FieldError[] = [];
  const data = secret.data ?? {};
  let bytes = 0;
  for (const [key, value] of Object.entries(data)) {
    for (const message of configKeyErrors(key)) errors.push(invalidValue(`data[${key}]`, key, message));
    bytes += base64DecodedLength(value);
  }
  if (bytes > MAX_SECRET_BYTES) errors.push({ field: 'data', type: 'Too long', detail: `must have at most ${MAX_SECRET_BYTES} bytes` });
  const type = secret.type ?? 'Opaque';
  for (const key of REQUIRED_KEYS[type] ?? []) if (!Object.hasOwn(data, key)) errors.push(required(`data[${key}]`));
  if (type === 'kubernetes.io/service-account-token' && !secret.metadata?.annotations?.['kubernetes.io/service-account.name']) {
    errors.push(required('metadata.annotations[kubernetes.io/service-account.name]'));
  }
  if (type === 'kubernetes.io/basic-auth' && !Object.hasOwn(data, 'username') && !Object.hasOwn(data, 'password')) {
    errors.push(required('data[username]'), required('data[password]'));
  }
  return errors;
}

/** ValidateSecretUpdate: the immutable fields first, then everything ValidateSecret checks. */
export function validateSecretUpdate(secret: Secret, old: Secret): FieldError[] {
  const errors: FieldError[] = [];
  if ((secret.type ?? 'Opaque') !== (old.type ?? 'Opaque')) errors.push(invalidValue('type', secret.type, 'field is immutable'));
  if (old.immutable) {
    if (!secret.immutable) errors.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
    if (JSON.stringify(secret.data ?? {}) !== JSON.stringify(old.data ?? {})) errors.push(forbidden('data', 'field is immutable when `immutable` is set'));
  }
  return [...errors, ...validateSecret(secret)];
}
