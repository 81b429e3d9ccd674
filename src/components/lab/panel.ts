/**
 * The lab panel once started: the runtime (worker or WebContainer), the terminal, Check, Reset
 * and the time controls, and saving to IndexedDB after every command. Loaded on Start only.
 */
import { TeamSubmitter } from './team-submit';
import { startRuntime, runtimeLabel } from '../../runtime/index';
import { setActiveRuntime } from '../../runtime/active';
import { boundScreen, type StoredLab } from '../../runtime/persistence/records';
import { saveLab, saveProgress } from '../../runtime/persistence/store';
import type { LabProgress } from '../../labs/types';
import type { LabRuntime, RuntimePreference, RuntimeStart, RuntimeStartOptions, TimeStatus } from '../../runtime/types';
import { clearTaskStates, confirmAction, downloadJson, revealed, showTaskStates, type PanelParts } from './dom';
import { createTerminal } from './terminal';
import { fill } from '../ui-strings';

/** A StackBlitz WebContainer API key for production use, set when building the site. */
const WEBCONTAINER_API_KEY = import.meta.env.PUBLIC_WEBCONTAINER_API_KEY as string | undefined;

export interface MountedPanel {
  runtime: LabRuntime;
}

export async function mountPanel(parts: PanelParts, resumeFrom: StoredLab | undefined): Promise<MountedPanel> {
  let stored = resumeFrom;
  parts.body.hidden = false;
  const rows = Number(parts.root.dataset.rows ?? 18);
  const lab = createTerminal(parts.terminal, rows, () => parts.root.querySelector<HTMLButtonElement>('.lab-toolbar button')?.focus());
  const size = lab.fit();
  parts.root.dataset.glyphsMeasured = String(lab.glyphsMeasured);
  let screen = stored?.screen ?? '';
  // The saved screen comes back first; its last line is the old prompt, which the runtime's replaces.
  if (screen !== '') lab.term.write(`${screen}\r\x1b[2K`);
  const options = (saved: StoredLab | undefined): RuntimeStartOptions => ({
    ...(parts.labId ? { labId: parts.labId } : {}),
    ...(saved ? { saved: saved.saved } : {}),
    preference: (parts.root.dataset.runtime ?? 'worker') as RuntimePreference,
    webcontainer: { bootTimeoutMs: 20_000, ...(WEBCONTAINER_API_KEY ? { apiKey: WEBCONTAINER_API_KEY } : {}) },
    cols: size.cols,
    rows: size.rows,
    strings: parts.strings,
  });
  let started: RuntimeStart;
  try {
    started = await startRuntime(options(stored), screen !== '');
  } catch (e) {
    if (!stored) throw e;
    // A state saved by another version of the course (or damaged) cannot resume: start afresh, say why.
    lab.term.reset();
    screen = '';
    stored = undefined;
    started = await startRuntime(options(undefined), false);
    started.notice = fill(parts.strings.resumeFailed, { reason: e instanceof Error ? e.message : String(e) });
  }
  const { runtime, notice } = started;
  runtime.onOutput((data) => {
    lab.term.write(data);
    screen = boundScreen(screen + data);
  });
  lab.term.onData((data) => runtime.input(data));
  lab.term.onResize(({ cols, rows: r }) => runtime.resize(cols, r));
  runtime.resize(lab.term.cols, lab.term.rows);
  // xterm parses the greeting in a task of its own and paints on the frame after: let it ask for
  // that frame before the rest of the panel changes the page, or the prompt waits a frame more.
  await new Promise((resolve) => setTimeout(resolve));

  const persist = async (progress?: LabProgress): Promise<void> => {
    const saved = await runtime.save();
    const now = new Date().toISOString();
    await saveLab({ key: parts.key, saved, screen, ...revealed(parts), open: true, updatedAt: now });
    const latest = progress ?? saved.progress;
    if (parts.labId && latest) await saveProgress({ labId: parts.labId, title: parts.title, page: location.pathname, progress: latest, updatedAt: now });
    // How many inputs the stored state holds: tests (and curious readers) can see it is saved.
    parts.root.dataset.savedInputs = String(saved.transcript.length);
  };
  let saving = Promise.resolve();
  const save = (progress?: LabProgress) => (saving = saving.then(() => persist(progress)).catch((e: unknown) => console.error('clusterlab: could not save the lab', e)));

  // Team mode: a learner who joined a cohort has each newly passed task's result sent for replay.
  const team = new TeamSubmitter(location.origin, localStorage, (line) => (parts.checkSummary.textContent = line), parts.strings);
  runtime.onCommand((progress) => {
    if (progress) showTaskStates(parts, progress, false);
    void save(progress);
    if (parts.labId) void team.onProgress(progress, () => runtime.result());
  });
  parts.root.addEventListener('lab:reveal', () => void save());

  const label = notice ?? runtimeLabel(runtime, parts.strings);
  parts.status.textContent = label;
  parts.start.hidden = true;
  wireControls(parts, runtime, label, save);
  setActiveRuntime(runtime, parts.labId);
  // The first save carries the whole snapshot across from the worker: let the prompt paint first.
  // (xterm parses writes in order and paints on the frame after: save on the one after that.)
  if (!stored) lab.term.write('', () => requestAnimationFrame(() => setTimeout(() => void save())));
  // xterm draws only while visible; the learner wants to see what they started anyway.
  parts.terminal.scrollIntoView({ block: 'nearest' });
  lab.term.focus();
  return { runtime };
}

function wireControls(parts: PanelParts, runtime: LabRuntime, label: string, save: (p?: LabProgress) => Promise<void>): void {
  const on = (action: string, handler: (button: HTMLButtonElement) => void | Promise<void>) => {
    const button = parts.root.querySelector<HTMLButtonElement>(`[data-lab-action="${action}"]`);
    button?.addEventListener('click', () => void handler(button));
  };
  const showTime = (t: TimeStatus) => {
    parts.clock.textContent = formatClock(t.nowMs);
    const pause = parts.root.querySelector<HTMLButtonElement>('[data-lab-action="pause"]')!;
    pause.setAttribute('aria-pressed', String(t.paused));
    pause.textContent = t.paused ? parts.strings.resume : parts.strings.pause;
    for (const b of parts.root.querySelectorAll<HTMLButtonElement>('[data-lab-speed]')) b.setAttribute('aria-pressed', String(Number(b.dataset.labSpeed) === t.speed));
  };
  on('check', async () => {
    const progress = await runtime.check();
    showTaskStates(parts, progress, true);
    const done = progress.tasks.filter((t) => t.pass).length;
    parts.checkSummary.textContent = fill(progress.complete ? parts.strings.checkedComplete : parts.strings.checked, { done, total: progress.tasks.length, score: progress.score, max: progress.maxScore });
    await save(progress);
  });
  on('export-result', async () => {
    try {
      const result = await runtime.result();
      downloadJson(`${result.labId}-result.json`, result);
      const p = result.progress;
      const file = `${result.labId}-result.json`;
      parts.checkSummary.textContent = p ? fill(parts.strings.exportedWithScore, { file, n: result.transcript.length, score: p.score, max: p.maxScore }) : fill(parts.strings.exported, { file, n: result.transcript.length });
    } catch (e) {
      parts.checkSummary.textContent = fill(parts.strings.exportFailed, { reason: e instanceof Error ? e.message : String(e) });
    }
  });
  const exportButton = parts.root.querySelector<HTMLButtonElement>('[data-lab-action="export-result"]');
  if (exportButton) exportButton.disabled = false;
  on('reset', async () => {
    if (!(await confirmAction(parts, parts.strings.confirmReset, parts.strings.reset))) return;
    await runtime.reset();
    parts.checkSummary.textContent = '';
    clearTaskStates(parts);
    showTime(await runtime.time({}));
    // The progress page learns that nothing is done now; the tasks show "Not checked" until the
    // next command or Check, as in a lab never started.
    await save(await runtime.check());
  });
  on('pause', async (b) => showTime(await runtime.time({ paused: b.getAttribute('aria-pressed') !== 'true' })));
  on('step', async () => showTime(await runtime.time({ step: true })));
  for (const b of parts.root.querySelectorAll<HTMLButtonElement>('[data-lab-speed]')) {
    b.addEventListener('click', () => void runtime.time({ speed: Number(b.dataset.labSpeed) }).then(showTime));
  }
  parts.status.textContent = label;
  // The clock display follows virtual time; a second is fine-grained enough to read.
  const timer = setInterval(() => {
    if (!parts.root.isConnected) return clearInterval(timer);
    void runtime.time({}).then(showTime, () => clearInterval(timer));
  }, 1000);
  void runtime.time({}).then(showTime);
}

/** `1m05s` style virtual time for the clock display. */
export function formatClock(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m${String(s).padStart(2, '0')}s`;
  return m > 0 ? `${m}m${String(s).padStart(2, '0')}s` : `${s}s`;
}
