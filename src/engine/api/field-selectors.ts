/**
 * Field selectors as the API server takes them: `=`/`==` and `!=` terms on the fields each kind
 * converts (its field label conversion function). Kinds with a conversion function of their own
 * refuse others with "field label not supported: X"; the rest take only metadata.name and
 * metadata.namespace, refused with the default conversion's message.
 */
import type { ResourceType } from './resources';

export interface FieldTerm {
  field: string;
  op: '=' | '!=';
  value: string;
}

const META = ['metadata.name', 'metadata.namespace'];

/** Fields by resource, for the kinds core/v1 and apps/v1 register a conversion function for. */
const CONVERTED: Record<string, readonly string[]> = {
  pods: [
    ...META,
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.podIPs',
    'status.nominatedNodeName',
  ],
  nodes: [...META, 'spec.unschedulable'],
  namespaces: [...META, 'status.phase'],
  secrets: [...META, 'type'],
  services: [...META, 'spec.clusterIP', 'spec.type'],
  events: [
    ...META,
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  replicasets: [...META, 'status.replicas'],
};

/** Why the server refuses these terms (a 400's message), or undefined. */
export function fieldSelectorError(type: ResourceType, terms: readonly FieldTerm[]): string | undefined {
  const converted = CONVERTED[type.resource];
  for (const { field } of terms) {
    if (converted && !converted.includes(field)) return `field label not supported: ${field}`;
    if (!converted && !META.includes(field)) return `"${field}" is not a known field selector: only "metadata.name", "metadata.namespace"`;
  }
  return undefined;
}

/** A field's value as the selector compares it: its text, '' when absent (the events `source` is the component). */
function fieldValue(obj: object, field: string): string {
  if (field === 'source') return String((obj as { source?: { component?: string } }).source?.component ?? '');
  let value: unknown = obj;
  for (const part of field.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
  if (field === 'status.podIPs' && Array.isArray(value)) return String((value[0] as { ip?: string } | undefined)?.ip ?? '');
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

/** A selector as terms: a Record (what components ask) means equality on each field. */
export function fieldTerms(fields: Readonly<Record<string, string>> | readonly FieldTerm[]): readonly FieldTerm[] {
  return isTerms(fields) ? fields : Object.entries(fields).map(([field, value]): FieldTerm => ({ field, op: '=', value }));
}

/** Whether the object passes every term. */
export function matchesFields(obj: object, terms: readonly FieldTerm[]): boolean {
  return terms.every((t) => (fieldValue(obj, t.field) === t.value) === (t.op === '='));
}

const isTerms = (fields: Readonly<Record<string, string>> | readonly FieldTerm[]): fields is readonly FieldTerm[] => Array.isArray(fields);
