/** The lab panel's elements (LabPanel.astro) and the small DOM updates both halves share. */
import type { LabProgress } from '../../labs/types';
import { uiStrings, type UiStrings } from '../ui-strings';

export interface PanelParts {
  root: HTMLElement;
  key: string;
  labId: string | undefined;
  title: string;
  status: HTMLElement;
  startButton: HTMLButtonElement;
  start: HTMLElement;
  body: HTMLElement;
  terminal: HTMLElement;
  checkSummary: HTMLElement;
  clock: HTMLElement;
  dialog: HTMLDialogElement;
  /** The page's locale's words (data-locale, from Astro.currentLocale). */
  strings: UiStrings;
}

function part<T extends Element>(root: HTMLElement, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`lab panel ${root.id} has no ${selector}`);
  return found;
}

export function panelParts(root: HTMLElement): PanelParts {
  return {
    root,
    key: root.dataset.labKey ?? 'sandbox',
    labId: root.dataset.labId || undefined,
    title: root.dataset.labTitle ?? '',
    status: part(root, '[data-lab-status]'),
    startButton: part(root, '[data-lab-action="start"]'),
    start: part(root, '[data-lab-start]'),
    body: part(root, '[data-lab-body]'),
    terminal: part(root, '[data-lab-terminal]'),
    checkSummary: part(root, '[data-lab-check-summary]'),
    clock: part(root, '[data-lab-clock]'),
    dialog: part(root, '[data-lab-dialog]'),
    strings: uiStrings(root.dataset.locale),
  };
}

/** Hints and solution the learner has revealed, for saving. */
export function revealed(parts: PanelParts): { hints: Record<string, number>; solutionShown: boolean } {
  const hints: Record<string, number> = {};
  for (const task of parts.root.querySelectorAll<HTMLElement>('[data-lab-task]')) {
    const shown = [...task.querySelectorAll<HTMLElement>('[data-lab-hint]')].filter((h) => !h.hidden).length;
    if (shown > 0) hints[task.dataset.labTask ?? ''] = shown;
  }
  const solution = parts.root.querySelector<HTMLElement>('[data-lab-solution]');
  return { hints, solutionShown: solution !== null && !solution.hidden };
}

/**
 * Mark each task done or not; with `reasons`, also say why a task is not done (after Check).
 * The state is text, not only colour, so screen readers and high-contrast modes get it too.
 */
export function showTaskStates(parts: PanelParts, progress: LabProgress, reasons: boolean): void {
  for (const report of progress.tasks) {
    const item = parts.root.querySelector<HTMLElement>(`[data-lab-task="${CSS.escape(report.id)}"]`);
    if (!item) continue;
    item.dataset.state = report.pass ? 'pass' : 'fail';
    item.querySelector<HTMLElement>('[data-lab-task-state]')!.textContent = report.pass ? parts.strings.done : parts.strings.notDone;
    const reason = item.querySelector<HTMLElement>('[data-lab-task-reason]')!;
    if (reasons || report.pass) {
      reason.textContent = report.pass ? '' : report.message;
      reason.hidden = report.pass;
    }
  }
}

/** Every task back to how a fresh lab shows it: not checked, no reason (after Reset lab). */
export function clearTaskStates(parts: PanelParts): void {
  for (const item of parts.root.querySelectorAll<HTMLElement>('[data-lab-task]')) {
    item.dataset.state = 'unknown';
    item.querySelector<HTMLElement>('[data-lab-task-state]')!.textContent = parts.strings.notChecked;
    const reason = item.querySelector<HTMLElement>('[data-lab-task-reason]')!;
    reason.textContent = '';
    reason.hidden = true;
  }
}

/** Offer `value` as a JSON file download (a Blob behind an object URL, released soon after). */
export function downloadJson(fileName: string, value: unknown): void {
  const blob = new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** Ask in the panel's dialog; resolves true when the learner confirms. */
export function confirmAction(parts: PanelParts, question: string, yesLabel: string): Promise<boolean> {
  const { dialog } = parts;
  dialog.querySelector('[data-lab-dialog-text]')!.textContent = question;
  dialog.querySelector('[data-lab-dialog-yes]')!.textContent = yesLabel;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'yes'), { once: true }));
}
