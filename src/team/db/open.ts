import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseDatabaseUrl, type Db } from './driver';
import { migrate } from './migrate';
import { PostgresDb } from './postgres';
import { SqliteDb } from './sqlite';

/** Open the team database named by DATABASE_URL and bring its schema up to date. */
export async function openDatabase(url: string): Promise<Db> {
  const target = parseDatabaseUrl(url);
  if (target.kind === 'postgres') {
    const db = new PostgresDb(target.url);
    try {
      await migrate(db);
    } catch (e) {
      await db.close();
      throw e;
    }
    return db;
  }
  const path = resolve(target.path);
  mkdirSync(dirname(path), { recursive: true });
  const db = new SqliteDb(path);
  await migrate(db);
  return db;
}
