/**
 * `kubectl get -w`: print the current table, then one row per change as the cluster runs, for
 * `--request-timeout` (default 30 s) of virtual time. Rows go through one tabwriter that remembers
 * column widths across flushes, as the real watch does, so later rows line up with the header.
 */
import type { KubeObject } from '../../../engine/api/objects';
import type { ResourceType } from '../../../engine/api/resources';
import type { WatchMessage } from '../../../engine/store/mvcc';
import { parseDuration } from '../../../engine/sim/time';
import { wallNow, type KubectlContext } from '../context';
import { usageError } from '../errors';
import { printObjects, type OutputFormat } from '../output';
import { formatLabels, kindPrinters, labelColumnCells, labelColumnHeaders, newGetTabWriter, type KindPrinter, type PrintableKind, type TabWriter } from '../printers';
import { listNamespace, type Found } from '../query';
import { MAX_WAIT_MS, waitUntil } from '../wait-loop';
import { INTERRUPTED } from '../../types';

const DEFAULT_WATCH_MS = 30_000;

/** Tab-separated cells of one row (and the header), as the get table printer lays them out. */
function rowLines(ctx: KubectlContext, printer: KindPrinter<KubeObject>, obj: KubeObject, header: boolean, wide: boolean, nowMs: number): string {
  const allNs = ctx.flags.bool('all-namespaces') && printer.namespaced;
  const labels = ctx.flags.bool('show-labels');
  const keys = ctx.flags.array('label-columns');
  let out = '';
  if (header) {
    const names = printer.columns.filter((c) => wide || !c.priority).map((c) => c.name.toUpperCase());
    out += `${[...(allNs ? ['NAMESPACE'] : []), ...names, ...labelColumnHeaders(keys), ...(labels ? ['LABELS'] : [])].join('\t')}\n`;
  }
  const cells = printer.cells(obj, { nowMs, wide });
  const labelCells = [...labelColumnCells(keys, obj.metadata?.labels), ...(labels ? [formatLabels(obj.metadata?.labels)] : [])];
  out += `${[...(allNs ? [obj.metadata?.namespace ?? ''] : []), ...cells, ...labelCells].join('\t')}\n`;
  return out;
}

interface WatchState {
  writer: TabWriter;
  headerDone: boolean;
  text: string[];
}

/** One object as the watch prints it; `nowMs` (Unix) is when kubectl received it, for AGE. */
function emit(ctx: KubectlContext, state: WatchState, type: ResourceType, format: OutputFormat, obj: KubeObject, nowMs: number, flush = true): void {
  if (format.kind !== 'table') {
    const prefix = format.kind === 'yaml' && state.text.length > 0 ? '---\n' : '';
    state.text.push(prefix + printObjects(format, [obj], true));
    return;
  }
  const printer = kindPrinters[type.kind as PrintableKind] as KindPrinter<KubeObject> | undefined;
  if (!printer) throw usageError(`watch is not supported for ${type.resource} in this simulator`);
  state.writer.write(rowLines(ctx, printer, obj, !state.headerDone && !ctx.flags.bool('no-headers'), format.wide, nowMs));
  state.headerDone = true;
  if (flush) state.writer.flush();
}

function printed(state: WatchState, format: OutputFormat): string {
  return format.kind === 'table' ? state.writer.toString() : state.text.join('');
}

/** What a watch shows of the objects it hears about: the names asked for, under the selectors in effect. */
export type WatchFilter = (obj: KubeObject) => boolean;

let watchers = 0;

/** One change a watch heard: the object (its last state when deleted) and when it arrived, in virtual ms. */
export interface Heard {
  obj: KubeObject;
  atMs: number;
  deleted: boolean;
}

/** The API server's watch events for one resource: every change the store made, in order. */
export interface WatchStream {
  drain(): Heard[];
  close(): void;
}

/** Open a watch for `type` from the store's current revision, so no intermediate state is missed. */
export function openStream(ctx: KubectlContext, type: ResourceType, namespace: string | undefined): WatchStream {
  const sim = ctx.cluster.sim;
  const id = `kubectl-watch-${++watchers}`;
  const heard: Heard[] = [];
  sim.register({
    id,
    receive(message) {
      if (message.type !== 'watch') return;
      for (const e of (message as WatchMessage).events) {
        const obj = (e.type === 'DELETE' ? e.prevKv?.value : e.kv.value) as KubeObject | undefined;
        if (obj) heard.push({ obj, atMs: sim.now(), deleted: e.type === 'DELETE' });
      }
    },
  });
  const watchId = ctx.cluster.api.watch(type.resource, namespace, ctx.cluster.store.revision, id);
  return {
    drain: () => heard.splice(0),
    close: () => {
      ctx.cluster.store.cancelWatch(watchId);
      sim.unregister(id);
    },
  };
}

/**
 * Run the watch for one resource type; `initial` is what a plain get would print.
 */
export function watch(ctx: KubectlContext, type: ResourceType, initial: Found[], accepts: WatchFilter, format: OutputFormat): void {
  const state: WatchState = { writer: newGetTabWriter(), headerDone: false, text: [] };
  // The initial list prints as one block (one flush), as the printer does before watching.
  if (!ctx.flags.bool('watch-only')) for (const f of initial) emit(ctx, state, type, format, f.object, wallNow(ctx), false);
  state.writer.flush();
  // A DELETED event carries the object's last state, which prints as one more row.
  const heard = ({ obj, atMs }: Heard) => {
    if (accepts(obj)) emit(ctx, state, type, format, obj, atMs);
  };
  followWatch(ctx, type, listNamespace(ctx, type), heard, () => printed(state, format));
}

/**
 * Watch `type` (in `namespace`, or all) from now on, after the caller printed what it lists
 * first: `heard` prints each change, given its arrival as Unix ms, and `printed` returns all the
 * output so far. The watch ends after `--request-timeout` (30 s by default) of virtual time, or
 * at a replayed Ctrl-C (exit 130). In a live terminal it goes on as a foreground job instead,
 * printing as the clock runs, until Ctrl-C.
 */
export function followWatch(ctx: KubectlContext, type: ResourceType, namespace: string | undefined, heard: (change: Heard) => void, printed: () => string): void {
  const timeoutText = ctx.flags.string('request-timeout');
  const explicit = timeoutText !== undefined && timeoutText !== '0';
  const timeoutMs = explicit ? parseDuration(timeoutText) : DEFAULT_WATCH_MS;
  if (timeoutMs === undefined) throw usageError(`invalid argument "${timeoutText}" for "--request-timeout" flag`);
  const stream = openStream(ctx, type, namespace);
  const epoch = ctx.cluster.config.epochMs;
  const print = () => {
    for (const change of stream.drain()) heard({ ...change, atMs: epoch + change.atMs });
  };
  const interruptAt = ctx.host.interruptAtMs;
  if (ctx.host.foreground && ctx.tty && !explicit && interruptAt === undefined) {
    const startMs = ctx.host.now();
    let shown = printed().length;
    ctx.out.push(printed());
    ctx.host.foreground({
      pump: () => {
        print();
        const text = printed();
        const fresh = text.slice(shown);
        shown = text.length;
        // kubectl's longest watch; a learner who walks away is stopped there as if by Ctrl-C.
        return { text: fresh, done: ctx.host.now() - startMs >= MAX_WAIT_MS };
      },
      stop: () => stream.close(),
    });
    return;
  }
  const untilInterrupt = interruptAt === undefined ? Infinity : Math.max(0, interruptAt - ctx.host.now());
  const boundMs = explicit ? Math.min(timeoutMs, untilInterrupt) : interruptAt === undefined ? timeoutMs : untilInterrupt;
  try {
    waitUntil(ctx.host, boundMs, () => (print(), false));
  } finally {
    stream.close();
  }
  if (boundMs === untilInterrupt) ctx.exitCode = INTERRUPTED;
  ctx.out.push(printed());
}
