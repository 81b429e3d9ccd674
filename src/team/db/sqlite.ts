import { DatabaseSync } from 'node:sqlite';
import type { Db, Row, SqlValue } from './driver';

/**
 * SQLite through Node's built-in node:sqlite: one file, WAL so readers never wait for the
 * writer, synchronous=FULL so a write is on disk before the API acknowledges it (the crash
 * test kills the server with SIGKILL mid-burst and finds every acknowledged submission).
 */
export class SqliteDb implements Db {
  readonly kind = 'sqlite' as const;
  readonly db: DatabaseSync;

  constructor(readonly path: string) {
    this.db = new DatabaseSync(path);
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
  }

  all(sql: string, params: SqlValue[] = []): Promise<Row[]> {
    return Promise.resolve(this.db.prepare(sql).all(...params) as Row[]);
  }

  get(sql: string, params: SqlValue[] = []): Promise<Row | undefined> {
    return Promise.resolve(this.db.prepare(sql).get(...params) as Row | undefined);
  }

  run(sql: string, params: SqlValue[] = []): Promise<number> {
    return Promise.resolve(Number(this.db.prepare(sql).run(...params).changes));
  }

  execScript(sql: string): Promise<void> {
    this.db.exec('BEGIN');
    try {
      this.db.exec(sql);
      this.db.exec('COMMIT');
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
    return Promise.resolve();
  }

  /** A consistent copy of the live database in one file (VACUUM INTO works while others read). */
  backupTo(file: string): void {
    this.db.prepare('VACUUM INTO ?').run(file);
  }

  close(): Promise<void> {
    if (this.db.isOpen) this.db.close();
    return Promise.resolve();
  }
}
