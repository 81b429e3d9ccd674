/**
 * IndexedDB, through idb-keyval: one object store, keys `lab/<key>` (StoredLab) and
 * `progress/<labId>` (StoredProgress). Every call is a small transaction, so a write after each
 * command costs little and a crash loses at most the command in flight.
 */
import { createStore, entries, get, set, setMany, type UseStore } from 'idb-keyval';
import { EXPORT_FORMAT, type ExportFile, type StoredLab, type StoredProgress } from './records';

let store: UseStore | undefined;
const db = (): UseStore => (store ??= createStore('clusterlab', 'state'));

export function loadLab(key: string): Promise<StoredLab | undefined> {
  return get<StoredLab>(`lab/${key}`, db());
}

export function saveLab(lab: StoredLab): Promise<void> {
  return set(`lab/${lab.key}`, lab, db());
}

export function saveProgress(progress: StoredProgress): Promise<void> {
  return set(`progress/${progress.labId}`, progress, db());
}

export async function allProgress(): Promise<StoredProgress[]> {
  const all = await entries<string, StoredProgress>(db());
  return all.filter(([k]) => k.startsWith('progress/')).map(([, v]) => v);
}

export async function exportAll(now = new Date()): Promise<ExportFile> {
  const all = await entries<string, unknown>(db());
  return {
    format: EXPORT_FORMAT,
    exportedAt: now.toISOString(),
    labs: all.filter(([k]) => k.startsWith('lab/')).map(([, v]) => v as StoredLab),
    progress: all.filter(([k]) => k.startsWith('progress/')).map(([, v]) => v as StoredProgress),
  };
}

/** Store everything in an export file, replacing what this browser has for the same labs. */
export function importAll(file: ExportFile): Promise<void> {
  return setMany(
    [...file.labs.map((l): [string, unknown] => [`lab/${l.key}`, { ...l, open: false }]), ...file.progress.map((p): [string, unknown] => [`progress/${p.labId}`, p])],
    db(),
  );
}
