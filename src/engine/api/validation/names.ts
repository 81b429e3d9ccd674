import { invalidValue, required, type FieldError } from '../errors';

/** The regexes and messages apimachinery's validation package uses for names. */
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

export const DNS1123_LABEL_MESSAGE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
export const DNS1123_SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
export const DNS1035_LABEL_MESSAGE =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

export type NameRule = 'subdomain' | 'label' | 'dns1035';

export function validateName(field: string, name: string, rule: NameRule): FieldError[] {
  const errors: FieldError[] = [];
  if (rule === 'subdomain') {
    if (name.length > 253) errors.push(invalidValue(field, name, 'must be no more than 253 characters'));
    if (!DNS1123_SUBDOMAIN.test(name)) errors.push(invalidValue(field, name, DNS1123_SUBDOMAIN_MESSAGE));
  } else {
    if (name.length > 63) errors.push(invalidValue(field, name, 'must be no more than 63 characters'));
    const [re, message] = rule === 'label' ? [DNS1123_LABEL, DNS1123_LABEL_MESSAGE] : [DNS1035_LABEL, DNS1035_LABEL_MESSAGE];
    if (!re.test(name)) errors.push(invalidValue(field, name, message));
  }
  return errors;
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** metadata.labels: keys are qualified names with an optional DNS prefix, values ≤ 63 chars. */
export function validateLabels(field: string, labels: Record<string, string> | undefined): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(labels ?? {})) {
    const slash = key.lastIndexOf('/');
    const name = slash < 0 ? key : key.slice(slash + 1);
    if (!QUALIFIED_NAME.test(name) || name.length > 63) {
      errors.push(
        invalidValue(
          field,
          key,
          "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
        ),
      );
    }
    if (typeof value !== 'string' || !LABEL_VALUE.test(value) || value.length > 63) {
      errors.push(
        invalidValue(
          `${field}`,
          value,
          "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
        ),
      );
    }
  }
  return errors;
}

/** metadata: a name (or generateName) valid for the kind, and valid labels. */
export function validateObjectMeta(
  meta: { name?: string; generateName?: string; labels?: Record<string, string> } | undefined,
  rule: NameRule,
): FieldError[] {
  const errors: FieldError[] = [];
  if (!meta?.name) {
    errors.push({ ...required('metadata.name'), detail: 'name or generateName is required' });
  } else {
    errors.push(...validateName('metadata.name', meta.name, rule));
  }
  errors.push(...validateLabels('metadata.labels', meta?.labels));
  return errors;
}
