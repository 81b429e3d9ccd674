import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseDatabaseUrl, type Db } from './driver';
import { migrate } from './migrate';
import { SqliteDb } from './sqlite';

/** Open the team database named by DATABASE_URL and bring its schema up to date. */
export async function openDatabase(url: string): Promise<Db> {
  const target = parseDatabaseUrl(url);
  if (target.kind === 'postgres') throw new Error('PostgreSQL is not supported yet: use a sqlite: DATABASE_URL (the schema and driver interface are ready for it, see src/team/db/driver.ts)');
  const path = resolve(target.path);
  mkdirSync(dirname(path), { recursive: true });
  const db = new SqliteDb(path);
  await migrate(db);
  return db;
}
