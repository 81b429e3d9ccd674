import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { dirname, join, resolve } from 'node:path';
import { startServer } from '../../server/serve';
import { ConfigError, loadConfig, type ServeConfig } from '../../server/serve-config';
import { parseDatabaseUrl } from '../../team/db/driver';
import { openDatabase } from '../../team/db/open';
import { SqliteDb } from '../../team/db/sqlite';
import { TeamStore } from '../../team/store';

export const SERVE_USAGE = `Usage:
  clusterlab serve [--port N] [--host H] [--site-dir DIR] [--team] [--config FILE]
                                        serve the built site (and the team API with --team or TEAM_MODE=1)
  clusterlab team add-instructor EMAIL  create an instructor account; reads the password from standard input
  clusterlab team backup FILE           copy the team database (SQLite) to FILE, consistent while serving
  clusterlab team restore FILE          replace the team database with a backup (stop the server first)
Settings come from the config file, then environment variables (README: Self-hosting).
`;

const err = (text: string) => process.stderr.write(`clusterlab: ${text}\n`);
const out = (text: string) => process.stdout.write(text);

/** Flags of `serve` as environment overrides, then the merged config. */
function configFrom(args: string[]): ServeConfig | string {
  const env: NodeJS.ProcessEnv = { ...process.env };
  const flags: Record<string, string> = { '--port': 'PORT', '--host': 'HOST', '--site-dir': 'SITE_DIR', '--config': 'CLUSTERLAB_CONFIG', '--database-url': 'DATABASE_URL' };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--team') env.TEAM_MODE = '1';
    else if (flags[arg]) {
      const value = args[++i];
      if (!value) return `${arg} needs a value`;
      env[flags[arg]] = value;
    } else return `unknown argument ${arg}`;
  }
  try {
    return loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
}

/** `clusterlab serve`: runs until SIGINT/SIGTERM, then closes cleanly. */
export async function serveCommand(args: string[]): Promise<number> {
  if (args[0] === '--help' || args[0] === 'help') return (out(SERVE_USAGE), 0);
  const config = configFrom(args);
  if (typeof config === 'string') return (err(config), 2);
  if (!existsSync(join(config.siteDir, 'index.html'))) err(`warning: ${config.siteDir} has no index.html; run npm run build first (or set SITE_DIR)`);
  const running = await startServer(config);
  out(`clusterlab serving ${config.siteDir} at ${running.url}/${config.teamMode ? ` with the team API (${parseDatabaseUrl(config.databaseUrl).kind})` : ''}\n`);
  await new Promise<void>((done) => {
    const stop = () => void running.close().then(done);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

/** `clusterlab team ...`. */
export async function teamCommand(args: string[]): Promise<number> {
  const [verb, arg] = args;
  let config: ServeConfig;
  try {
    config = loadConfig();
  } catch (e) {
    return (err((e as Error).message), 2);
  }
  switch (verb) {
    case 'add-instructor':
      return addInstructor(config, arg);
    case 'backup':
      return backup(config, arg);
    case 'restore':
      return restore(config, arg);
    default:
      if (verb && verb !== 'help' && verb !== '--help') err(`unknown team command "${verb}"`);
      out(SERVE_USAGE);
      return verb === 'help' || verb === '--help' ? 0 : 2;
  }
}

async function addInstructor(config: ServeConfig, email: string | undefined): Promise<number> {
  if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) return (err('add-instructor needs an email address, e.g. clusterlab team add-instructor ana@example.org'), 2);
  const password = readFileSync(0, 'utf8').replace(/\r?\n$/, '');
  if (password.length < 10) return (err('give a password of at least 10 characters on standard input'), 2);
  const db = await openDatabase(config.databaseUrl);
  try {
    const store = new TeamStore(db);
    if (await store.instructorByEmail(email)) return (err(`there is already an instructor ${email.toLowerCase()}`), 1);
    await store.addInstructor(email, password);
    out(`added instructor ${email.toLowerCase()}\n`);
    return 0;
  } finally {
    await db.close();
  }
}

function sqlitePath(config: ServeConfig): string | undefined {
  const target = parseDatabaseUrl(config.databaseUrl);
  if (target.kind !== 'sqlite') {
    err('backup and restore handle SQLite; for PostgreSQL use pg_dump and pg_restore');
    return undefined;
  }
  return resolve(target.path);
}

async function backup(config: ServeConfig, file: string | undefined): Promise<number> {
  if (!file) return (err('backup needs a file to write, e.g. clusterlab team backup team-2026-11-23.db'), 2);
  const path = sqlitePath(config);
  if (!path) return 2;
  if (!existsSync(path)) return (err(`there is no team database at ${path}`), 1);
  if (existsSync(file)) return (err(`${file} exists; choose a new file name`), 1);
  const db = new SqliteDb(path);
  try {
    db.backupTo(resolve(file));
  } finally {
    await db.close();
  }
  out(`backed up ${path} to ${resolve(file)}\n`);
  return 0;
}

/** Check the backup, copy it next to the database, then swap it in (a rename is atomic). */
async function restore(config: ServeConfig, file: string | undefined): Promise<number> {
  if (!file) return (err('restore needs a backup file, e.g. clusterlab team restore team-2026-11-23.db'), 2);
  const path = sqlitePath(config);
  if (!path) return 2;
  const problem = checkBackup(file);
  if (problem) return (err(`${file} is not a team database backup: ${problem}`), 1);
  const staged = join(dirname(path), `.restore-${process.pid}.db`);
  rmSync(staged, { force: true });
  const source = new DatabaseSync(resolve(file), { readOnly: true });
  try {
    source.prepare('VACUUM INTO ?').run(staged);
  } finally {
    source.close();
  }
  // The old write-ahead log belongs to the old file: drop it before the new file takes the name.
  for (const suffix of ['-wal', '-shm']) rmSync(path + suffix, { force: true });
  renameSync(staged, path);
  const db = await openDatabase(config.databaseUrl);
  await db.close();
  out(`restored ${path} from ${resolve(file)}\n`);
  return 0;
}

function checkBackup(file: string): string | undefined {
  if (!existsSync(file)) return 'no such file';
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(resolve(file), { readOnly: true });
    const ok = db.prepare('PRAGMA integrity_check').get() as { integrity_check?: string } | undefined;
    if (ok?.integrity_check !== 'ok') return `integrity check says ${ok?.integrity_check ?? 'nothing'}`;
    const version = db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number | null } | undefined;
    if (!version?.v) return 'it has no schema version';
    return undefined;
  } catch (e) {
    return (e as Error).message;
  } finally {
    db?.close();
  }
}
