/**
 * A learner's result, from the browser to the instructor's machine: the pod-journey lab done in
 * the lesson page's panel (headless Chromium, the built site behind the shipped nginx config),
 * exported with "Export result", then checked by `clusterlab verify` as a separate Node process.
 * Virtual time follows the wall clock at 1x in the panel, so the inputs' times are whatever they
 * happened to be; verify replays them exactly and accepts, and rejects copies that were edited.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE_VERSION } from '../../src/labs/engine-version';
import { loadLab } from '../../src/labs/registry';
import { LabSession } from '../../src/labs/session';
import type { SavedLab } from '../../src/labs/types';
import { ARTIFACTS, launchChromium, waitForTerminal } from './support/browser';
import { REPO_ROOT, startNginx, type RunningNginx } from './support/nginx';

const LAB_ID = 'pod-journey';
const LESSON = 'lessons/01-pod-creation/';
const PANEL = `#lab-${LAB_ID}`;
const PROMPT = 'root@workstation:~#';
/**
 * The task each step of the lab's reference solution (labs/pod-journey/lab.ts) completes, in
 * order; the test checks after the last step of each task. The final `check` grades in the terminal.
 */
const STEP_TASK = ['create', 'create', 'etcd', 'scheduler', 'scheduler', 'running', 'kubelet', 'kubelet'];

let server: RunningNginx;
let browser: Browser;
let page: Page;
let work: string;

beforeAll(async () => {
  server = await startNginx();
  browser = await launchChromium();
  work = mkdtempSync(join(tmpdir(), 'clusterlab-result-'));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Type a command into the lab's terminal as a learner does, and wait until the panel stored it. */
async function run(command: string, inputsAfter: number): Promise<void> {
  await page.locator(`${PANEL} .xterm-helper-textarea`).focus();
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
  await page.waitForFunction(({ n, selector }) => document.querySelector<HTMLElement>(selector)?.dataset.savedInputs === String(n), { n: inputsAfter, selector: PANEL }, { timeout: 60_000 });
}

/** `node bin/clusterlab.mjs verify FILE`: its exit status and what it printed. */
function verify(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(REPO_ROOT, 'bin/clusterlab.mjs'), 'verify', file], { cwd: REPO_ROOT, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** A copy of the result with `edit` applied, written next to it. */
function tampered(result: SavedLab, name: string, edit: (copy: SavedLab) => void): string {
  const copy = structuredClone(result);
  edit(copy);
  const file = join(work, name);
  writeFileSync(file, JSON.stringify(copy, null, 2));
  return file;
}

describe('a result exported from the lab panel', () => {
  it('is the lab done task by task in the browser, and clusterlab verify accepts it and rejects edited copies', async () => {
    const def = await loadLab(LAB_ID);
    expect(STEP_TASK).toHaveLength(def.solution.length);
    const fresh = LabSession.create(def).check();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(server.url + LESSON);
    const panel = page.locator(PANEL);
    await panel.getByRole('button', { name: 'Start lab' }).click();
    await waitForTerminal(page, PROMPT, PANEL);

    const exportButton = panel.getByRole('button', { name: 'Export result' });
    expect(await exportButton.isEnabled()).toBe(true);
    const noteId = await exportButton.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${noteId}"]`).textContent()).toContain('hand this file in; your instructor can verify it with clusterlab verify');

    const check = async () => panel.getByRole('button', { name: 'Check', exact: true }).click();
    const task = (id: string) => panel.locator(`[data-lab-task="${id}"]`);
    await check();
    const first = fresh.tasks[0]!;
    await expect.poll(() => task(first.id).locator('[data-lab-task-reason]').textContent(), { timeout: 30_000 }).toBe(first.message);
    expect(await task(first.id).locator('[data-lab-task-state]').textContent()).toBe('✗ Not done');

    const typed: string[] = [];
    for (const [i, step] of def.solution.entries()) {
      // The solution waits here; a command that waits moves virtual time by itself, as a learner's would.
      if (step.after) {
        typed.push(`sim advance ${step.after}`);
        await run(`sim advance ${step.after}`, typed.length);
      }
      typed.push(step.input);
      await run(step.input, typed.length);
      const taskId = STEP_TASK[i]!;
      if (STEP_TASK[i + 1] === taskId) continue;
      await check();
      await expect.poll(() => task(taskId).locator('[data-lab-task-state]').textContent(), { timeout: 30_000 }).toBe('✓ Done');
      expect(await task(taskId).locator('[data-lab-task-reason]').isHidden()).toBe(true);
    }
    await waitForTerminal(page, /score 60\/60/, PANEL);
    await expect.poll(() => panel.locator('[data-lab-check-summary]').textContent(), { timeout: 30_000 }).toBe('Checked: 5 of 5 tasks done (60/60 points) — lab complete!');

    const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
    expect(download.suggestedFilename()).toBe(`${LAB_ID}-result.json`);
    const file = join(work, download.suggestedFilename());
    await download.saveAs(file);
    await expect.poll(() => panel.locator('[data-lab-check-summary]').textContent(), { timeout: 30_000 }).toBe(`Exported ${LAB_ID}-result.json: ${typed.length} commands, 60/60 points.`);
    await panel.screenshot({ path: join(ARTIFACTS, 'lab-result-exported.png') });
    await page.context().close();

    const result = JSON.parse(readFileSync(file, 'utf8')) as SavedLab;
    expect(result).not.toHaveProperty('snapshot');
    expect(result).toMatchObject({ format: 'clusterlab/lab-state@1', labId: LAB_ID, engineVersion: ENGINE_VERSION, seed: def.seed, progress: { score: 60, maxScore: 60, complete: true } });
    expect(result.transcript.map((e) => e.input)).toEqual(typed);
    // The times are the panel's, wall-clock driven: never backwards, and each `sim advance` moved them on.
    const at = result.transcript.map((e) => e.atMs);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    typed.forEach((input, i) => {
      const wait = /^sim advance (\d+)s$/.exec(input);
      if (wait) expect(at[i + 1]! - at[i]!).toBeGreaterThanOrEqual(Number(wait[1]) * 1000);
    });

    const accepted = await verify(file);
    expect(accepted).toEqual({ code: 0, stderr: '', stdout: `accepted: lab ${LAB_ID}, score 60/60, complete; 0 hints shown (replayed on engine ${ENGINE_VERSION})\n` });

    const applied = typed.indexOf('kubectl apply -f web.yaml');
    const output = tampered(result, 'output.json', (r) => (r.transcript[applied]!.output = 'pod/web configured\n'));
    expect(await verify(output)).toEqual({
      code: 1,
      stderr: '',
      stdout: `rejected (tampered-transcript): input ${applied + 1} ('kubectl apply -f web.yaml') claims output that the replay does not print; line 1 claims "pod/web configured" but the replay printed "pod/web created"\n`,
    });

    const score = tampered(result, 'score.json', (r) => (r.progress!.score = 70));
    expect(await verify(score)).toEqual({
      code: 1,
      stderr: '',
      stdout: 'rejected (tampered-score): the result claims score 70/60 (complete); the replay gives 60/60 (complete) (passed: create, etcd, scheduler, kubelet, running)\n',
    });

    // Moving an input to before the 10 s wait it followed is caught: the replay's clock is already past it.
    const waited = typed.indexOf('sim advance 10s');
    const early = tampered(result, 'time.json', (r) => (r.transcript[waited + 1]!.atMs = r.transcript[waited]!.atMs));
    const moved = await verify(early);
    expect(moved.code).toBe(1);
    expect(moved.stdout).toBe(
      `rejected (tampered-transcript): input ${waited + 2} ('${typed[waited + 1]}') claims virtual time ${at[waited]}ms, but the replay was already at ${at[waited]! + 10_000}ms\n`,
    );
  });
});
