/**
 * `kubectl events` (GA since 1.26, kubectl/pkg/cmd/events): a namespace's events, oldest first,
 * in the command's own table (LAST SEEN, TYPE, REASON, OBJECT as `Kind/name`, MESSAGE; NAMESPACE
 * first with `-A`), narrowed by `--for TYPE/NAME` and `--types=Normal,Warning`, printed as an
 * EventList with `-o yaml|json|name|jsonpath`, and followed with `-w`.
 */
import { WRITE_FORMATS } from '../mutation';
import type { Event } from 'kubernetes-types/core/v1';
import { apiVersionOf, resolveResource, resourceType } from '../../../engine/api/resources';
import { wallNow, type KubectlContext } from '../context';
import { usageError } from '../errors';
import { parseOutput, printData, printObjects, typedList, type OutputFormat } from '../output';
import { newGetTabWriter, parseTimestamp, type TabWriter } from '../printers';
import { eventInterval } from '../printers/describe/common';
import { followWatch, type Heard } from './get-watch';

type ObjectFormat = Exclude<OutputFormat, { kind: 'table' }>;

/** events' PrintFlags are those of the writing verbs (no `wide`, no custom columns); these it prints here. */
const SUPPORTED = new Set(['json', 'jsonpath', 'name', 'yaml', 'go-template', 'template']);

/** `-o`, undefined for the events table. */
function outputFlag(ctx: KubectlContext): ObjectFormat | undefined {
  const value = ctx.flags.string('output');
  if (value === undefined || value === '') return undefined;
  const name = value.split('=')[0]!;
  if (!SUPPORTED.has(name)) throw usageError(`unable to match a printer suitable for the output format "${value}", allowed formats are: ${WRITE_FORMATS}`);
  return parseOutput(value, false, ctx.flags.string('template')) as ObjectFormat;
}

/** The object `--for` names, as the field selectors events.go sends: kind, apiVersion and name. */
interface ForObject {
  kind: string;
  apiVersion: string;
  name: string;
}

/** decodeResourceTypeName: `pod/web` through the RESTMapper, with its errors. */
function forFlag(ctx: KubectlContext): ForObject | undefined {
  const text = ctx.flags.string('for') ?? '';
  if (text === '') return undefined;
  if (!text.includes('/')) throw usageError('--for must be in resource/name form');
  const parts = text.split('/');
  if (parts.length !== 2) throw usageError('arguments in resource/name form may not have more than one slash');
  const [resource, name] = parts as [string, string];
  const type = resolveResource(resource.toLowerCase());
  if (!type) throw usageError(`no matches for ${unmatchedResource(resource.toLowerCase())}`);
  // An empty name (`--for pod/`) sets no field selector at all.
  return name === '' ? undefined : { kind: type.kind, apiVersion: apiVersionOf(type), name };
}

/** How the RESTMapper's NoResourceMatchError prints a GroupVersionResource it could not map: `/, Resource=foo`. */
function unmatchedResource(text: string): string {
  const dot = text.indexOf('.');
  return dot < 0 ? `/, Resource=${text}` : `${text.slice(dot + 1)}/, Resource=${text.slice(0, dot)}`;
}

/** `--types`: Normal and/or Warning, in any case. */
function typesFlag(ctx: KubectlContext): string[] {
  const types = ctx.flags.array('types');
  if (types.some((t) => !['normal', 'warning'].includes(t.toLowerCase()))) throw usageError('valid --types are Normal or Warning');
  return types;
}

/** Whether an event passes `--for` (the server's field selector) and `--types` (filtered by kubectl). */
function eventFilter(target: ForObject | undefined, types: string[]): (e: Event) => boolean {
  return (e) =>
    (!target || (e.involvedObject.kind === target.kind && e.involvedObject.apiVersion === target.apiVersion && e.involvedObject.name === target.name)) &&
    (types.length === 0 || types.some((t) => t.toLowerCase() === (e.type ?? '').toLowerCase()));
}

/** The time events sort by: the series' last sighting, else lastTimestamp, else eventTime (a zero time first). */
function eventTime(e: Event): number {
  const at = e.series ? e.series.lastObservedTime : e.lastTimestamp || e.eventTime;
  return parseTimestamp(at) ?? -Infinity;
}

/** EventPrinter: the header once, then a row per event; not the `get events` table. */
function eventLines(events: Event[], allNamespaces: boolean, header: boolean, nowMs: number): string {
  let out = header ? `${allNamespaces ? 'NAMESPACE\t' : ''}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n` : '';
  for (const e of events) {
    const cells = [eventInterval(e, nowMs), e.type ?? '', e.reason ?? '', `${e.involvedObject.kind ?? ''}/${e.involvedObject.name ?? ''}`, (e.message ?? '').trim()];
    out += `${[...(allNamespaces ? [e.metadata.namespace ?? ''] : []), ...cells].map((c) => c.replaceAll('\x1b', '^[')).join('\t')}\n`;
  }
  return out;
}

function listEvents(ctx: KubectlContext, namespace: string | undefined, accepts: (e: Event) => boolean): Event[] {
  return (ctx.cluster.api.list('events', namespace).items as Event[]).filter(accepts);
}

function run(ctx: KubectlContext): void {
  const allNamespaces = ctx.flags.bool('all-namespaces');
  const namespace = allNamespaces ? undefined : ctx.namespace;
  // events.go checks --for and -o as it builds its options, then validates --types.
  const target = forFlag(ctx);
  const format = outputFlag(ctx);
  const accepts = eventFilter(target, typesFlag(ctx));
  const events = listEvents(ctx, namespace, accepts);
  if (ctx.flags.bool('watch')) return watchEvents(ctx, namespace, events, accepts, format);
  if (events.length === 0) {
    ctx.err.push(allNamespaces ? 'No events found.\n' : `No events found in ${ctx.namespace} namespace.\n`);
    return;
  }
  // Oldest first. kubectl sorts with Go's unstable sort.Sort, which orders events of the same
  // second among themselves its own way once there are more than 12; ours keeps them in the
  // order the API lists them (a stable sort), which matches kubectl for 12 or fewer.
  const sorted = [...events].sort((a, b) => eventTime(a) - eventTime(b));
  if (format) {
    const items = sorted.map((e) => ({ ...e, apiVersion: 'v1', kind: 'Event' }));
    ctx.out.push(printData(format, typedList('EventList', items), items, 'as-built'));
    return;
  }
  const writer = newGetTabWriter();
  writer.write(eventLines(sorted, allNamespaces, !ctx.flags.bool('no-headers'), wallNow(ctx)));
  writer.flush();
  ctx.out.push(writer.toString());
}

/**
 * `kubectl events -w`: the watch starts with the events already stored (the API server's initial
 * ADDED events, unsorted), then prints each new or updated one as it comes, flushing per event.
 * Deleted events (expired after an hour) are not printed.
 */
function watchEvents(ctx: KubectlContext, namespace: string | undefined, existing: Event[], accepts: (e: Event) => boolean, format: ObjectFormat | undefined): void {
  const allNamespaces = ctx.flags.bool('all-namespaces');
  const state = { writer: newGetTabWriter(), header: !ctx.flags.bool('no-headers'), text: [] as string[] };
  const print = (e: Event, nowMs: number) => {
    if (format) {
      const separator = format.kind === 'yaml' && state.text.length > 0 ? '---\n' : '';
      state.text.push(separator + printObjects(format, [{ ...e, apiVersion: 'v1', kind: 'Event' }], true, 'as-built'));
      return;
    }
    printRow(state, e, allNamespaces, nowMs);
  };
  for (const e of existing) print(e, wallNow(ctx));
  const heard = ({ obj, atMs, deleted }: Heard) => {
    const e = obj as unknown as Event;
    if (!deleted && accepts(e)) print(e, atMs);
  };
  followWatch(ctx, resourceType('events'), namespace, heard, () => (format ? state.text.join('') : state.writer.toString()));
}

function printRow(state: { writer: TabWriter; header: boolean }, e: Event, allNamespaces: boolean, nowMs: number): void {
  state.writer.write(eventLines([e], allNamespaces, state.header, nowMs));
  state.header = false;
  state.writer.flush();
}

/** The verb's run; its name and flags are in deferred-verbs.ts, in the engine bundle. */
export const runEvents = run;

