/**
 * The part of the lab panel every lesson page ships: it wires the Start button, hints and the
 * solution, and shows saved progress. The terminal, the engine and xterm.js load only when a lab
 * starts (dynamic import of ./panel), so a page nobody starts stays light.
 */
import { loadLab } from '../../runtime/persistence/store';
import type { StoredLab } from '../../runtime/persistence/records';
import { confirmAction, panelParts, showTaskStates, type PanelParts } from './dom';
import { addRunButtons } from './run-buttons';
import { fill, uiStrings } from '../ui-strings';
import { prewarmLabWorker } from '../../runtime/worker/spawn';

/** The panel will run the Worker runtime: chosen, or `auto` where WebContainer cannot run (not isolated). */
function workerWillRun(root: HTMLElement): boolean {
  const asked = new URLSearchParams(location.search).get('runtime') ?? root.dataset.runtime ?? 'worker';
  return asked === 'worker' || (asked === 'auto' && !crossOriginIsolated);
}

type Mounted = Awaited<ReturnType<typeof import('./panel').mountPanel>>;
const mounted = new Map<HTMLElement, Promise<Mounted>>();

export function initLabPanels(): void {
  const panels = [...document.querySelectorAll<HTMLElement>('[data-lab-panel]')];
  for (const root of panels) void initPanel(root);
  const target = panels.find((p) => p.dataset.labId) ?? panels[0];
  if (target) {
    addRunButtons(uiStrings(target.dataset.locale), async (command) => {
      const { runtime } = await startPanel(target);
      runtime.type(command);
      target.querySelector<HTMLElement>('[data-lab-terminal]')?.scrollIntoView({ block: 'nearest' });
      target.querySelector<HTMLElement>('.xterm-helper-textarea')?.focus({ preventScroll: true });
    });
  }
}

/** Have the lab's worker start building what Start will ask for, when the worker will run it. */
function prewarm(root: HTMLElement, parts: PanelParts, stored: StoredLab | undefined): void {
  if (workerWillRun(root)) prewarmLabWorker({ ...(parts.labId ? { labId: parts.labId } : {}), ...(stored ? { saved: stored.saved } : {}) });
}

/** Start the panel's lab (once); resolves when its terminal is up. */
export function startPanel(root: HTMLElement, stored?: StoredLab): Promise<Mounted> {
  let started = mounted.get(root);
  if (!started) {
    const parts = panelParts(root);
    // Both downloads first (the engine's worker, the terminal's code), then the page's changes.
    prewarm(root, parts, stored);
    const loading = import('./panel');
    parts.startButton.disabled = true;
    parts.status.textContent = parts.strings.starting;
    started = loading.then((m) => m.mountPanel(parts, stored));
    started.catch((e: unknown) => {
      mounted.delete(root);
      parts.startButton.disabled = false;
      parts.status.textContent = fill(parts.strings.couldNotStart, { reason: e instanceof Error ? e.message : String(e) });
    });
    mounted.set(root, started);
  }
  return started;
}

async function initPanel(root: HTMLElement): Promise<void> {
  const parts = panelParts(root);
  // Start resumes the saved lab once it is read; a click before that starts from the setup.
  const found: { stored?: StoredLab } = {};
  parts.startButton.addEventListener('click', () => void startPanel(root, found.stored));
  // A pointer on Start (or focus on it) is a click on its way: fetch the terminal's code now, as
  // Astro's hover prefetch does for links. The engine's worker still waits for the click.
  const prefetch = () => void import('./panel').catch(() => undefined);
  parts.startButton.addEventListener('pointerenter', prefetch, { once: true });
  parts.startButton.addEventListener('focus', prefetch, { once: true });
  // Pressing it is the click beginning (the click comes on release, 50–150 ms later): the engine's
  // worker starts then. A press that slides off leaves that worker waiting for a later Start.
  const pressed = () => {
    if (!mounted.has(root)) prewarm(root, parts, found.stored);
  };
  parts.startButton.addEventListener('pointerdown', pressed);
  parts.startButton.addEventListener('keydown', (e) => (e.key === 'Enter' || e.key === ' ') && pressed());
  wireHints(parts);
  wireSolution(parts);
  const stored = await loadLab(parts.key).catch(() => undefined);
  if (!stored) return;
  found.stored = stored;
  restoreReveals(parts, stored);
  // A lab reset (or never used) since its last save shows "Not checked", as it did then.
  if (stored.saved.progress && stored.saved.transcript.length > 0) showTaskStates(parts, stored.saved.progress, false);
  // A lab that was open when the page was left comes back as it was.
  if (stored.open) void startPanel(root, stored);
  else parts.startButton.textContent = parts.labId ? parts.strings.resumeLab : parts.strings.resumeTerminal;
}

function wireHints(parts: PanelParts): void {
  for (const button of parts.root.querySelectorAll<HTMLButtonElement>('[data-lab-action="hint"]')) {
    button.addEventListener('click', () => {
      const hints = [...button.closest('.lab-hints')!.querySelectorAll<HTMLElement>('[data-lab-hint]')];
      const next = hints.find((h) => h.hidden);
      if (!next) return;
      next.hidden = false;
      next.tabIndex = -1;
      next.focus();
      updateHintButton(parts, button, hints);
      parts.root.dispatchEvent(new CustomEvent('lab:reveal'));
    });
  }
}

function updateHintButton(parts: PanelParts, button: HTMLButtonElement, hints: HTMLElement[]): void {
  const shown = hints.filter((h) => !h.hidden).length;
  if (shown === hints.length) {
    button.hidden = true;
    return;
  }
  button.textContent = parts.strings.showNextHint;
  button.setAttribute('aria-label', fill(parts.strings.showHintLabel, { n: shown + 1, total: hints.length, task: button.dataset.taskNumber ?? '' }));
}

function wireSolution(parts: PanelParts): void {
  const button = parts.root.querySelector<HTMLButtonElement>('[data-lab-action="solution"]');
  const body = parts.root.querySelector<HTMLElement>('[data-lab-solution]');
  if (!button || !body) return;
  button.addEventListener('click', () => {
    void confirmAction(parts, parts.strings.confirmSolution, parts.strings.showSolutionYes).then((yes) => {
      if (!yes) return;
      body.hidden = false;
      button.hidden = true;
      body.tabIndex = -1;
      body.focus();
      parts.root.dispatchEvent(new CustomEvent('lab:reveal'));
    });
  });
}

function restoreReveals(parts: PanelParts, stored: StoredLab): void {
  for (const task of parts.root.querySelectorAll<HTMLElement>('[data-lab-task]')) {
    const count = stored.hints[task.dataset.labTask ?? ''] ?? 0;
    const hints = [...task.querySelectorAll<HTMLElement>('[data-lab-hint]')];
    hints.forEach((h, i) => (h.hidden = i >= count));
    const button = task.querySelector<HTMLButtonElement>('[data-lab-action="hint"]');
    if (button && count > 0) updateHintButton(parts, button, hints);
  }
  if (stored.solutionShown) {
    parts.root.querySelector<HTMLElement>('[data-lab-solution]')?.removeAttribute('hidden');
    parts.root.querySelector<HTMLElement>('[data-lab-action="solution"]')?.setAttribute('hidden', '');
  }
}
