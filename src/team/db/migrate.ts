import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './driver';

/**
 * Apply src/team/migrations/NNN_name.sql in order, each once, recorded in schema_version. Each
 * file runs in one transaction with its version row, so a crash mid-migration leaves the
 * previous version intact. Plain SQL both SQLite and PostgreSQL accept.
 */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

export async function migrationFiles(dir = MIGRATIONS_DIR): Promise<{ version: number; file: string }[]> {
  const names = (await readdir(dir)).filter((n) => /^\d+_[\w-]+\.sql$/.test(n)).sort();
  return names.map((name) => ({ version: Number(name.slice(0, name.indexOf('_'))), file: join(dir, name) }));
}

/** Bring the database up to the newest schema; returns the versions applied now. */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<number[]> {
  return db.exclusive ? db.exclusive(() => migrateNow(db, dir)) : migrateNow(db, dir);
}

async function migrateNow(db: Db, dir: string): Promise<number[]> {
  await db.execScript('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL);');
  const done = new Set((await db.all('SELECT version FROM schema_version')).map((r) => Number(r.version)));
  const applied: number[] = [];
  for (const { version, file } of await migrationFiles(dir)) {
    if (done.has(version)) continue;
    const sql = await readFile(file, 'utf8');
    await db.execScript(`${sql}\nINSERT INTO schema_version (version, applied_at) VALUES (${version}, ${Date.now()});`);
    applied.push(version);
  }
  return applied;
}

export async function schemaVersion(db: Db): Promise<number> {
  const row = await db.get('SELECT MAX(version) AS v FROM schema_version');
  return Number(row?.v ?? 0);
}
