/**
 * The human-readable `kubectl get` printer: decorates each kind's table (NAMESPACE first with
 * `-A`, a column per `-L` label key, then LABELS last with `--show-labels`, `kind.group/name`
 * when several kinds print together),
 * aligns it with the `get` tabwriter and separates kinds by a blank line, as get.go does.
 */
import { newGetTabWriter } from './tabwriter';
import { formatLabels } from './tables/format';
import { kindPrinters, type KindObjects } from './tables/index';
import type { CellContext, HasMetadata, KindPrinter } from './tables/types';

export interface TableOptions {
  /** `-o wide`: also print Priority 1 columns. */
  wide?: boolean;
  /** `--show-labels`. */
  showLabels?: boolean;
  /** `-L` / `--label-columns`: label keys, each printed as a column of its own. */
  labelColumns?: string[];
  /** `-A` / `--all-namespaces`: a NAMESPACE column first (never for cluster-scoped kinds). */
  withNamespace?: boolean;
  /** `--no-headers`. */
  noHeaders?: boolean;
  /**
   * Prefix names with `kind.group/`. Defaults to true when more than one kind was requested,
   * counting kinds that came back empty (kubectl decides on the requested resource types).
   */
  withKind?: boolean;
}

/** Cell text as the table printer writes it: cut at the first line break, terminal escapes made visible. */
function cellText(value: string): string {
  const brk = value.search(/[\f\n\r]/);
  const text = brk >= 0 ? `${value.slice(0, brk)}...` : value;
  return text.replaceAll('\x1b', '^[');
}

/** formatLabelHeaders: a `-L` column is headed by the key's last path segment, upper-cased (`app.kubernetes.io/name` -> NAME). */
export const labelColumnHeaders = (keys: readonly string[] = []): string[] => keys.map((k) => k.split('/').at(-1)!.toUpperCase());

/** The `-L` cells of one object: each key's value, empty when the object lacks the label. */
export const labelColumnCells = (keys: readonly string[] = [], labels: Record<string, string> = {}): string[] => keys.map((k) => labels[k] ?? '');

/** `Deployment` in group `apps` -> `deployment.apps`; core kinds have no group suffix. */
export const kindPrefix = (printer: { kind: string; group: string }): string =>
  (printer.group ? `${printer.kind}.${printer.group}` : printer.kind).toLowerCase();

/** The tab-separated lines (header included) of one kind's table, before alignment. */
function tableLines(group: KindObjects, options: TableOptions, withKind: boolean, nowMs: number): string[] {
  const printer = kindPrinters[group.kind] as KindPrinter<HasMetadata>;
  const items = group.items as HasMetadata[];
  if (items.length === 0) return [];
  const ctx: CellContext = { nowMs, wide: options.wide ?? false };
  const withNamespace = (options.withNamespace ?? false) && printer.namespaced;
  const nameColumn = printer.columns.findIndex((c) => c.name === 'Name' && !c.priority);
  const lines: string[] = [];
  if (!options.noHeaders) {
    const headers = printer.columns.filter((c) => ctx.wide || !c.priority).map((c) => c.name.toUpperCase());
    lines.push([...(withNamespace ? ['NAMESPACE'] : []), ...headers, ...labelColumnHeaders(options.labelColumns), ...(options.showLabels ? ['LABELS'] : [])].join('\t'));
  }
  for (const obj of items) {
    const cells = printer.cells(obj, ctx).map(cellText);
    if (withKind && nameColumn >= 0) cells[nameColumn] = `${kindPrefix(printer)}/${cells[nameColumn]}`;
    if (withNamespace) cells.unshift(obj.metadata?.namespace ?? '');
    cells.push(...labelColumnCells(options.labelColumns, obj.metadata?.labels));
    if (options.showLabels) cells.push(formatLabels(obj.metadata?.labels));
    lines.push(cells.join('\t'));
  }
  return lines;
}

/**
 * Prints one or several kinds the way `kubectl get` writes stdout. Kinds without objects print
 * nothing; an empty string means the caller should report `noResourcesFound`.
 */
export function printTable(groups: KindObjects | KindObjects[], options: TableOptions, nowMs: number): string {
  const list = Array.isArray(groups) ? groups : [groups];
  const withKind = options.withKind ?? new Set(list.map((g) => g.kind)).size > 1;
  // Consecutive groups of one kind share a table, as they share one printer in get.go; a new
  // kind flushes the tabwriter and forgets its remembered widths.
  const tables: string[][] = [];
  let table: string[] = [];
  list.forEach((group, i) => {
    if (i === 0 || group.kind !== list[i - 1]?.kind) {
      table = [];
      tables.push(table);
    }
    // Headers already printed for this kind are not repeated.
    const noHeaders = (options.noHeaders ?? false) || table.length > 0;
    table.push(...tableLines(group, { ...options, noHeaders }, withKind, nowMs));
  });
  let out = '';
  for (const lines of tables) {
    if (lines.length === 0) continue;
    const writer = newGetTabWriter();
    writer.write(`${lines.join('\n')}\n`);
    writer.flush();
    // get.go's separator writer: a blank line before each table that follows printed output.
    if (out && !options.noHeaders) out += '\n';
    out += writer.toString();
  }
  return out;
}

/**
 * The stderr line for an empty `kubectl get`: namespaced with the namespace unless `-A` was
 * given or a cluster-scoped kind was requested.
 */
export function noResourcesFound(namespace?: string): string {
  return namespace ? `No resources found in ${namespace} namespace.\n` : 'No resources found\n';
}

/** stdout and stderr of `kubectl get` for the given kinds, including the empty-result message. */
export function printGet(
  groups: KindObjects | KindObjects[],
  options: TableOptions & { namespace?: string },
  nowMs: number,
): { stdout: string; stderr: string } {
  const list = Array.isArray(groups) ? groups : [groups];
  const stdout = printTable(list, options, nowMs);
  if (stdout) return { stdout, stderr: '' };
  const allNamespaced = !options.withNamespace && list.every((g) => kindPrinters[g.kind].namespaced);
  return { stdout, stderr: noResourcesFound(allNamespaced ? options.namespace : undefined) };
}
