/**
 * The shape of a `kubectl get` table: column definitions (a Priority 1 column shows only with
 * `-o wide`) and a cell function per kind, as the server-side printers in printers.go define them.
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1';

export interface Column {
  /** Name as defined upstream; the header is its upper-case form. */
  name: string;
  /** 0 for default columns, 1 for `-o wide` only. */
  priority?: number;
}

export interface CellContext {
  /** Virtual time "now", in ms since the Unix epoch. */
  nowMs: number;
  wide: boolean;
}

/** Everything the table printer needs to know about one kind. */
export interface KindPrinter<T> {
  kind: string;
  /** API group, empty for the core group; `kind.group` prefixes names when several kinds print. */
  group: string;
  /** Cluster-scoped kinds never get a NAMESPACE column. */
  namespaced: boolean;
  columns: Column[];
  /** Cells of one row; wide-only cells are present only when `ctx.wide`. */
  cells(obj: T, ctx: CellContext): string[];
}

/** The part of every object the table printer reads itself. */
export interface HasMetadata {
  metadata?: ObjectMeta;
}
