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
import { formatLabels, kindPrinters, newGetTabWriter, type KindPrinter, type PrintableKind, type TabWriter } from '../printers';
import { listNamespace, type Found } from '../query';
import { waitUntil } from '../wait-loop';

const DEFAULT_WATCH_MS = 30_000;

/** Tab-separated cells of one row (and the header), as the get table printer lays them out. */
function rowLines(ctx: KubectlContext, printer: KindPrinter<KubeObject>, obj: KubeObject, header: boolean, wide: boolean): string {
  const allNs = ctx.flags.bool('all-namespaces') && printer.namespaced;
  const labels = ctx.flags.bool('show-labels');
  let out = '';
  if (header) {
    const names = printer.columns.filter((c) => wide || !c.priority).map((c) => c.name.toUpperCase());
    out += `${[...(allNs ? ['NAMESPACE'] : []), ...names, ...(labels ? ['LABELS'] : [])].join('\t')}\n`;
  }
  const cells = printer.cells(obj, { nowMs: wallNow(ctx), wide });
  out += `${[...(allNs ? [obj.metadata?.namespace ?? ''] : []), ...cells, ...(labels ? [formatLabels(obj.metadata?.labels)] : [])].join('\t')}\n`;
  return out;
}

interface WatchState {
  writer: TabWriter;
  headerDone: boolean;
  text: string[];
}

function emit(ctx: KubectlContext, state: WatchState, type: ResourceType, format: OutputFormat, obj: KubeObject, flush = true): void {
  if (format.kind !== 'table') {
    const prefix = format.kind === 'yaml' && state.text.length > 0 ? '---\n' : '';
    state.text.push(prefix + printObjects(format, [obj], true));
    return;
  }
  const printer = kindPrinters[type.kind as PrintableKind] as KindPrinter<KubeObject> | undefined;
  if (!printer) throw usageError(`watch is not supported for ${type.resource} in this simulator`);
  state.writer.write(rowLines(ctx, printer, obj, !state.headerDone && !ctx.flags.bool('no-headers'), format.wide));
  state.headerDone = true;
  if (flush) state.writer.flush();
}

/** What a watch shows of the objects it hears about: the names asked for, under the selectors in effect. */
export type WatchFilter = (obj: KubeObject) => boolean;

let watchers = 0;

/**
 * Collect the API server's watch events for `type` while `run` lets time pass: every change the
 * store made, in order, so no intermediate state (a pod's brief ContainerCreating) is missed.
 */
function collectEvents(ctx: KubectlContext, type: ResourceType, namespace: string | undefined, run: (drain: () => KubeObject[]) => void): void {
  const sim = ctx.cluster.sim;
  const id = `kubectl-watch-${++watchers}`;
  const heard: KubeObject[] = [];
  sim.register({
    id,
    receive(message) {
      if (message.type !== 'watch') return;
      for (const e of (message as WatchMessage).events) {
        const obj = (e.type === 'DELETE' ? e.prevKv?.value : e.kv.value) as KubeObject | undefined;
        if (obj) heard.push(obj);
      }
    },
  });
  const watchId = ctx.cluster.api.watch(type.resource, namespace, ctx.cluster.store.revision, id);
  try {
    run(() => heard.splice(0));
  } finally {
    ctx.cluster.store.cancelWatch(watchId);
    sim.unregister(id);
  }
}

/** Run the watch for one resource type; `initial` is what a plain get would print. */
export function watch(ctx: KubectlContext, type: ResourceType, initial: Found[], accepts: WatchFilter, format: OutputFormat): void {
  const timeoutText = ctx.flags.string('request-timeout');
  const timeoutMs = timeoutText && timeoutText !== '0' ? parseDuration(timeoutText) : DEFAULT_WATCH_MS;
  if (timeoutMs === undefined) throw usageError(`invalid argument "${timeoutText}" for "--request-timeout" flag`);
  const state: WatchState = { writer: newGetTabWriter(), headerDone: false, text: [] };
  // The initial list prints as one block (one flush), as the printer does before watching.
  if (!ctx.flags.bool('watch-only')) for (const f of initial) emit(ctx, state, type, format, f.object, false);
  state.writer.flush();
  collectEvents(ctx, type, listNamespace(ctx, type), (drain) => {
    waitUntil(ctx.host, timeoutMs, () => {
      // A DELETED event carries the object's last state, which prints as one more row.
      for (const obj of drain()) if (accepts(obj)) emit(ctx, state, type, format, obj);
      return false;
    });
  });
  ctx.out.push(format.kind === 'table' ? state.writer.toString() : state.text.join(''));
}
