/** `kubectl get events`: LAST SEEN, TYPE, REASON, OBJECT (`kind/name`), MESSAGE and the wide extras. */
import type { Event } from 'kubernetes-types/core/v1';
import { translateTimestampSince } from '../human-duration';
import type { KindPrinter } from './types';

/** formatEventSource: component (or reportingController), then `, host` (or reportingInstance). */
export function formatEventSource(e: Event): string {
  const component = e.source?.component || e.reportingComponent || '';
  const instance = e.source?.host || e.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

/** Event columns: LAST SEEN TYPE REASON OBJECT [SUBOBJECT SOURCE] MESSAGE [FIRST SEEN COUNT NAME]. */
export const eventPrinter: KindPrinter<Event> = {
  kind: 'Event',
  group: '',
  namespaced: true,
  columns: [
    { name: 'Last Seen' },
    { name: 'Type' },
    { name: 'Reason' },
    { name: 'Object' },
    { name: 'Subobject', priority: 1 },
    { name: 'Source', priority: 1 },
    { name: 'Message' },
    { name: 'First Seen', priority: 1 },
    { name: 'Count', priority: 1 },
    { name: 'Name', priority: 1 },
  ],
  cells(e, ctx) {
    const first = e.firstTimestamp
      ? translateTimestampSince(e.firstTimestamp, ctx.nowMs)
      : translateTimestampSince(e.eventTime, ctx.nowMs);
    let last = e.lastTimestamp ? translateTimestampSince(e.lastTimestamp, ctx.nowMs) : first;
    let count = e.count ?? 0;
    if (e.series) {
      last = translateTimestampSince(e.series.lastObservedTime, ctx.nowMs);
      count = e.series.count ?? 0;
    } else if (count === 0) {
      // Singleton events of the events.k8s.io API carry no count.
      count = 1;
    }
    const obj = e.involvedObject;
    const kind = (obj.kind ?? '').toLowerCase();
    const target = obj.name ? `${kind}/${obj.name}` : kind;
    const message = (e.message ?? '').trim();
    if (!ctx.wide) return [last, e.type ?? '', e.reason ?? '', target, message];
    return [
      last,
      e.type ?? '',
      e.reason ?? '',
      target,
      obj.fieldPath ?? '',
      formatEventSource(e),
      message,
      first,
      String(count),
      e.metadata.name ?? '',
    ];
  },
};
