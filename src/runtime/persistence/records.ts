/**
 * What the browser keeps between visits, as plain data (no IndexedDB here, so Node tests can
 * check it): each lab's resumable state and screen, each lab's progress, and the export file
 * that carries both to another browser.
 */
import type { LabProgress, SavedLab } from '../../labs/types';

/** One lab panel's state: where the lab is, what the terminal showed, what the learner revealed. */
export interface StoredLab {
  /** The lab id, or `sandbox` for a free terminal. */
  key: string;
  saved: SavedLab;
  /** The terminal output so far (bounded), written back on reload before the prompt. */
  screen: string;
  /** Hints shown per task id. */
  hints: Record<string, number>;
  solutionShown: boolean;
  /** Whether the lab was running when the page was left: a reload starts it again. */
  open: boolean;
  updatedAt: string;
}

/** A lab's progress as last checked, and the page it was done on. */
export interface StoredProgress {
  labId: string;
  title: string;
  page: string;
  progress: LabProgress;
  updatedAt: string;
}

export const EXPORT_FORMAT = 'clusterlab/progress@1';

export interface ExportFile {
  format: typeof EXPORT_FORMAT;
  exportedAt: string;
  labs: StoredLab[];
  progress: StoredProgress[];
}

/** The screen kept for a reload: the end of the output, cut at a line start so no escape sequence is split. */
export const MAX_SCREEN_CHARS = 200_000;

export function boundScreen(screen: string): string {
  if (screen.length <= MAX_SCREEN_CHARS) return screen;
  const tail = screen.slice(-MAX_SCREEN_CHARS);
  const lineStart = tail.indexOf('\r\n');
  return lineStart < 0 ? tail : tail.slice(lineStart + 2);
}

export class ImportError extends Error {
  override name = 'ImportError';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isProgress(v: unknown): v is LabProgress {
  return isObject(v) && typeof v.labId === 'string' && typeof v.score === 'number' && Array.isArray(v.tasks);
}

/** Check an imported file; the message says what is wrong with it, in terms of the file. */
export function parseExport(text: string): ExportFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ImportError(`not a JSON file: ${(e as Error).message}`);
  }
  if (!isObject(data) || data.format !== EXPORT_FORMAT) throw new ImportError(`not a clusterlab progress file (format must be "${EXPORT_FORMAT}")`);
  if (!Array.isArray(data.labs) || !Array.isArray(data.progress)) throw new ImportError('the file has no "labs" and "progress" lists');
  data.labs.forEach((lab: unknown, i) => {
    if (!isObject(lab) || typeof lab.key !== 'string' || !isObject(lab.saved) || lab.saved.format !== 'clusterlab/lab-state@1') {
      throw new ImportError(`labs[${i}] is not a saved lab`);
    }
  });
  data.progress.forEach((p: unknown, i) => {
    if (!isObject(p) || typeof p.labId !== 'string' || !isProgress(p.progress)) throw new ImportError(`progress[${i}] is not a lab's progress`);
  });
  return data as unknown as ExportFile;
}
