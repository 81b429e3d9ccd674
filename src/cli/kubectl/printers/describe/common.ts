/**
 * Sections shared by several describers: multi-line labels, annotations, taints and tolerations,
 * resource lists, the controller line and the Events table.
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import type { Event, ResourceRequirements, Taint, Toleration } from 'kubernetes-types/core/v1';
import { parseTimestamp, translateTimestampSince } from '../human-duration';
import { formatQuantity, parseQuantity } from '../quantity';
import { sortStrings } from '../tables/format';
import { LEVEL_0, LEVEL_1, type PrefixWriter } from './prefix-writer';

const MAX_ANNOTATION_LEN = 140;
const SKIPPED_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

/** printLabelsMultilineWithIndent: `Title:<inner>k=v`, continuation lines re-indented. */
export function printLabelsMultiline(
  w: PrefixWriter,
  title: string,
  labels: Record<string, string> | undefined,
  initialIndent = '',
  innerIndent = '\t',
): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const keys = sortStrings(Object.keys(labels ?? {}));
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, initialIndent + innerIndent);
    w.write(LEVEL_0, `${key}=${labels?.[key] ?? ''}\n`);
  });
}

/** printAnnotationsMultiline: long or multi-line values go below their key, cut at 140 chars. */
export function printAnnotationsMultiline(w: PrefixWriter, title: string, annotations: Record<string, string> | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = sortStrings(Object.keys(annotations ?? {}).filter((k) => !SKIPPED_ANNOTATIONS.has(k)));
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    const value = (annotations?.[key] ?? '').replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const line of value.split('\n')) {
        const short = line.length > MAX_ANNOTATION_LEN - 2 ? `${line.slice(0, MAX_ANNOTATION_LEN - 2)}...` : line;
        w.write(LEVEL_0, `\t  ${short}\n`);
      }
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

/** Taint.ToString: `key=value:Effect`, `key:Effect` without a value. */
export const taintString = (t: Taint): string => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;

/** printTaintsMultiline: sorted by effect then key. */
export function printTaintsMultiline(w: PrefixWriter, title: string, taints: Taint[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const list = [...(taints ?? [])].sort((a, b) => cmp(`${a.effect},${a.key}`, `${b.effect},${b.key}`));
  if (list.length === 0) {
    w.writeLine('<none>');
    return;
  }
  list.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${taintString(t)}\n`);
  });
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** One toleration as describe prints it, e.g. `node.kubernetes.io/not-ready:NoExecute op=Exists for 300s`. */
export function tolerationString(t: Toleration): string {
  let s = t.key ?? '';
  if (t.value) s += `=${t.value}`;
  if (t.effect) s += `:${t.effect}`;
  if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
  if (t.tolerationSeconds !== undefined) s += ` for ${t.tolerationSeconds}s`;
  return s;
}

/** printTolerationsMultilineWithIndent: sorted by key. */
export function printTolerationsMultiline(w: PrefixWriter, title: string, tolerations: Toleration[] | undefined, initialIndent = ''): void {
  w.write(LEVEL_0, `${initialIndent}${title}:\t`);
  const list = [...(tolerations ?? [])].sort((a, b) => cmp(a.key ?? '', b.key ?? ''));
  if (list.length === 0) {
    w.writeLine('<none>');
    return;
  }
  list.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, `${initialIndent}\t`);
    w.write(LEVEL_0, `${tolerationString(t)}\n`);
  });
}

/** printController: `Kind/name` of the controlling owner reference, or empty. */
export function printController(meta: ObjectMeta | undefined): string {
  const ref = (meta?.ownerReferences ?? []).find((o) => o.controller);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

/** describeResources: Limits then Requests, resource names sorted. */
export function describeResources(w: PrefixWriter, resources: ResourceRequirements | undefined, level: number): void {
  if (!resources) return;
  for (const [title, list] of [['Limits', resources.limits], ['Requests', resources.requests]] as const) {
    const names = sortStrings(Object.keys(list ?? {}));
    if (names.length > 0) w.write(level, `${title}:\n`);
    for (const name of names) w.write(level + 1, `${name}:\t${formatQuantity(parseQuantity(list?.[name] ?? '0'))}\n`);
  }
}

/**
 * The age of an event as describe and `kubectl events` print it (getInterval): since it was
 * first seen, and for repeats `AGE (xN over AGE-OF-FIRST)`.
 */
export function eventInterval(e: Event, nowMs: number): string {
  const first = e.eventTime ? translateTimestampSince(e.eventTime, nowMs) : translateTimestampSince(e.firstTimestamp, nowMs);
  if (e.series) return `${translateTimestampSince(e.series.lastObservedTime, nowMs)} (x${e.series.count ?? 0} over ${first})`;
  if ((e.count ?? 0) > 1) return `${translateTimestampSince(e.lastTimestamp, nowMs)} (x${e.count ?? 0} over ${first})`;
  return first;
}

/**
 * DescribeEvents: `Events: <none>`, or a table sorted by lastTimestamp (a stable sort, as Go's
 * insertion sort is for the short lists describe shows) with the fieldPath prefixing the message.
 */
export function describeEvents(w: PrefixWriter, events: Event[], nowMs: number): void {
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const last = (e: Event): number => parseTimestamp(e.lastTimestamp) ?? Number.NEGATIVE_INFINITY;
  const sorted = [...events].sort((a, b) => (last(a) < last(b) ? -1 : last(a) > last(b) ? 1 : 0));
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const source = e.source?.component || e.reportingComponent || '';
    let message = (e.message ?? '').trim();
    if (e.involvedObject.fieldPath) message = `${e.involvedObject.fieldPath}: ${message}`;
    w.write(LEVEL_1, `${e.type ?? ''}\t${e.reason ?? ''}\t${eventInterval(e, nowMs)}\t${source}\t${message}\n`);
  }
}

/** Optional events: undefined means events were not requested (`--show-events=false`). */
export function maybeDescribeEvents(w: PrefixWriter, events: Event[] | undefined, nowMs: number): void {
  if (events) describeEvents(w, events, nowMs);
}
