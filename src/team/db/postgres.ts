import pg from 'pg';
import type { Db, Row, SqlValue } from './driver';

/**
 * PostgreSQL through `pg`, for teams that run several stateless server instances on one
 * database. The schema and queries are the SQLite ones: `?` placeholders become `$1, $2, ...`
 * here, and BIGINT/COUNT values (which pg returns as strings) are read with Number() by the store.
 */
export class PostgresDb implements Db {
  readonly kind = 'postgres' as const;
  private readonly pool: pg.Pool;

  constructor(url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle connection the server drops (a restart, a failover) must not crash the process; the pool reconnects.
    this.pool.on('error', (e) => console.error(`clusterlab serve: PostgreSQL connection lost: ${e.message}`));
  }

  async all(sql: string, params: SqlValue[] = []): Promise<Row[]> {
    return (await this.pool.query<Row>(numbered(sql), params)).rows;
  }

  async get(sql: string, params: SqlValue[] = []): Promise<Row | undefined> {
    return (await this.all(sql, params))[0];
  }

  async run(sql: string, params: SqlValue[] = []): Promise<number> {
    return (await this.pool.query(numbered(sql), params)).rowCount ?? 0;
  }

  async execScript(sql: string): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(sql);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK');
      throw e;
    } finally {
      client.release();
    }
  }

  /** Run `fn` holding a cluster-wide advisory lock, so instances starting together migrate one at a time. */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock(7349021)');
      return await fn();
    } finally {
      await client.query('SELECT pg_advisory_unlock(7349021)').catch(() => undefined);
      client.release();
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/** `?` → `$1, $2, ...` (the team SQL has no `?` inside string literals). */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
