import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { perStoredPart } from './objects';

/**
 * Label selectors, equality-based (`app=web,tier!=db`) and set-based (`env in (a,b)`, `!canary`,
 * `release`), parsed from kubectl's `-l` and from LabelSelector objects, matched against labels.
 */
export type Requirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | 'doesnotexist' };

export type Selector = Requirement[];

export type Labels = Readonly<Record<string, string>> | undefined;

export function matches(selector: Selector, labels: Labels): boolean {
  // A plain loop: controllers match every pod they own on every sync, and a closure per call
  // was a sizeable share of a large rollout's garbage.
  const present = labels ?? NO_LABELS;
  for (let i = 0; i < selector.length; i++) if (!matchesRequirement(selector[i]!, present)) return false;
  return true;
}

const NO_LABELS: Readonly<Record<string, string>> = Object.freeze({});

function matchesRequirement(r: Requirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  switch (r.op) {
    case 'exists':
      return has;
    case 'doesnotexist':
      return !has;
    case 'in':
      return has && r.values.includes(labels[r.key]!);
    case 'notin':
      return !has || !r.values.includes(labels[r.key]!);
  }
}

/** A LabelSelector object (matchLabels + matchExpressions) as requirements. Empty selects all. */
export function fromLabelSelector(selector: LabelSelector | undefined): Selector {
  const out: Selector = [];
  for (const [key, value] of Object.entries(selector?.matchLabels ?? {})) out.push({ key, op: 'in', values: [value] });
  for (const e of selector?.matchExpressions ?? []) {
    const op = e.operator.toLowerCase();
    if (op === 'in' || op === 'notin') out.push({ key: e.key, op, values: e.values ?? [] });
    else if (op === 'exists' || op === 'doesnotexist') out.push({ key: e.key, op });
  }
  return out;
}

/** Selectors of stored specs: a spec as the API server stored it never changes. */
const storedSpecSelector = perStoredPart((spec: { selector?: LabelSelector }) => fromLabelSelector(spec.selector));

/**
 * The selector of a workload's spec (`spec.selector`), built once per stored spec version: a
 * ReplicaSet controller asks for it on every sync, and status writes keep the spec object.
 */
export function specSelector(spec: { selector?: LabelSelector } | undefined): Selector {
  return spec ? storedSpecSelector(spec) : fromLabelSelector(undefined);
}

/** A plain map selector (Service.spec.selector, ReplicationController) as requirements. */
export function fromMap(map: Readonly<Record<string, string>> | undefined): Selector {
  return Object.entries(map ?? {}).map(([key, value]) => ({ key, op: 'in' as const, values: [value] }));
}

export class SelectorParseError extends Error {}

/**
 * Parse kubectl's `-l` syntax. Throws SelectorParseError with apimachinery's wording, e.g.
 * `unable to parse requirement: found '', expected: identifier`.
 */
export function parseSelector(text: string): Selector {
  const out: Selector = [];
  for (const part of splitTopLevel(text.trim())) {
    if (part === '') continue;
    out.push(parseRequirement(part.trim()));
  }
  return out;
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

const KEY = /^[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?$/;
const VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

function parseRequirement(part: string): Requirement {
  if (part.startsWith('!')) return { key: checkKey(part.slice(1).trim()), op: 'doesnotexist' };
  const set = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(part);
  if (set) {
    const values = set[3]!.split(',').map((v) => checkValue(v.trim()));
    return { key: checkKey(set[1]!), op: set[2] as 'in' | 'notin', values };
  }
  const eq = /^([^=!\s]+)\s*(==|=|!=)\s*(.*)$/.exec(part);
  if (eq) {
    const values = [checkValue(eq[3]!.trim())];
    return { key: checkKey(eq[1]!), op: eq[2] === '!=' ? 'notin' : 'in', values };
  }
  return { key: checkKey(part), op: 'exists' };
}

function checkKey(key: string): string {
  if (!KEY.test(key)) throw new SelectorParseError(`unable to parse requirement: found '${key}', expected: identifier`);
  return key;
}

function checkValue(value: string): string {
  if (!VALUE.test(value) || value.length > 63) {
    throw new SelectorParseError(`unable to parse requirement: values[0][${value}]: Invalid value: "${value}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`);
  }
  return value;
}

/** `app=web,tier=front`: how kubectl prints a selector. */
export function formatSelector(map: Readonly<Record<string, string>> | undefined): string {
  const entries = Object.entries(map ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  return entries.map(([k, v]) => `${k}=${v}`).join(',');
}
