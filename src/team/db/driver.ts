/**
 * What the team store needs from a database, small enough for SQLite (node:sqlite) now and
 * PostgreSQL (`pg`) later. SQL is written once with `?` placeholders; a PostgreSQL driver
 * rewrites them to `$1, $2, ...`. Values are strings, numbers and null only (no dialect types).
 */
export type SqlValue = string | number | null;
export type Row = Record<string, SqlValue>;

export interface Db {
  /** Which dialect, for the few statements that differ (backup). */
  readonly kind: 'sqlite' | 'postgres';
  all(sql: string, params?: SqlValue[]): Promise<Row[]>;
  get(sql: string, params?: SqlValue[]): Promise<Row | undefined>;
  /** A write; resolves once it is durable. Returns the rows it changed. */
  run(sql: string, params?: SqlValue[]): Promise<number>;
  /** Several statements (a migration file) in one transaction. */
  execScript(sql: string): Promise<void>;
  /** Run `fn` while no other process migrates the same database (PostgreSQL: an advisory lock). */
  exclusive?<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** `sqlite:PATH` (or a bare path) → SQLite; `postgres://...` → PostgreSQL. */
export function parseDatabaseUrl(url: string): { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string } {
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
  return { kind: 'sqlite', path: url.replace(/^sqlite:(\/\/)?/, '') };
}
