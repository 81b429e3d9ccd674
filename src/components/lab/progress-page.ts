/**
 * The progress page's script: fill in what this browser knows (IndexedDB) about each lab's
 * tasks, and export everything to a JSON file or import such a file.
 */
import { ImportError, parseExport, type StoredProgress } from '../../runtime/persistence/records';
import { allProgress, exportAll, importAll } from '../../runtime/persistence/store';
import { downloadJson } from './dom';

export async function initProgressPage(root: HTMLElement): Promise<void> {
  const status = root.querySelector<HTMLElement>('[data-progress-status]')!;
  await showProgress(root).catch((e: unknown) => (status.textContent = `Could not read saved progress: ${String(e)}`));
  root.querySelector('[data-progress-export]')?.addEventListener('click', () => {
    void exportAll().then((file) => {
      downloadJson(`clusterlab-progress-${file.exportedAt.slice(0, 10)}.json`, file);
      status.textContent = `Exported ${file.labs.length} saved labs and the progress of ${file.progress.length} labs.`;
    });
  });
  const input = root.querySelector<HTMLInputElement>('[data-progress-import]')!;
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (!file) return;
    void file
      .text()
      .then(async (text) => {
        const parsed = parseExport(text);
        await importAll(parsed);
        await showProgress(root);
        status.textContent = `Imported ${parsed.labs.length} saved labs and the progress of ${parsed.progress.length} labs from ${file.name}.`;
      })
      .catch((e: unknown) => {
        status.textContent = e instanceof ImportError ? `${file.name} was not imported: ${e.message}.` : `${file.name} was not imported: ${String(e)}`;
      })
      .finally(() => (input.value = ''));
  });
}

async function showProgress(root: HTMLElement): Promise<void> {
  const byLab = new Map<string, StoredProgress>((await allProgress()).map((p) => [p.labId, p]));
  for (const lab of root.querySelectorAll<HTMLElement>('[data-progress-lab]')) {
    const stored = byLab.get(lab.dataset.progressLab ?? '');
    const summary = lab.querySelector<HTMLElement>('[data-progress-summary]')!;
    if (!stored) {
      summary.textContent = 'Not started';
      continue;
    }
    const { progress } = stored;
    const done = progress.tasks.filter((t) => t.pass).length;
    summary.textContent = `${progress.complete ? 'Complete' : 'In progress'}: ${done} of ${progress.tasks.length} tasks, ${progress.score}/${progress.maxScore} points (last worked on ${new Date(stored.updatedAt).toLocaleString()})`;
    for (const task of lab.querySelectorAll<HTMLElement>('[data-progress-task]')) {
      const report = progress.tasks.find((t) => t.id === task.dataset.progressTask);
      const state = task.querySelector<HTMLElement>('[data-progress-task-state]')!;
      state.textContent = report?.pass ? '✓ Done' : '✗ Not done';
      task.dataset.state = report?.pass ? 'pass' : 'fail';
    }
  }
}
