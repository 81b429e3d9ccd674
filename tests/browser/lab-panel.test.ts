/**
 * The lab panel in a real browser: the built site (dist/) served by the shipped nginx config,
 * driven in headless Chromium. Each test gets a fresh browser context, so a fresh IndexedDB.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { loadLab } from '../../src/labs/registry';
import { LabSession } from '../../src/labs/session';
import { startNginx, type RunningNginx } from './support/nginx';
import { axeViolations, launchChromium, screenshot, waitForTerminal } from './support/browser';

/** The pages under test, in one place: a free terminal, and a lesson with graded labs. */
const PAGES = {
  sandbox: 'sandbox/',
  lab: 'lessons/01-pod-creation/',
  lesson: 'getting-started/',
  progress: 'progress/',
} as const;
const LAB_ID = 'pod-journey';
/** A code block of that lesson, and what running it prints on the lab's fresh cluster. */
const LESSON_BLOCK = { command: 'kubectl delete pod greedy', prints: 'Error from server (NotFound): pods "greedy" not found' };
const PROMPT = 'root@workstation:~#';

let server: RunningNginx;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let requested: string[];

beforeAll(async () => {
  server = await startNginx();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  page.on('pageerror', (e) => console.error('page error:', e.message));
});

afterEach(async () => {
  await context?.close();
});

/** The lab panel the test works with: the only one on the sandbox, the lab's own on the lesson. */
let panel = '[data-lab-panel]';

async function open(path: string): Promise<void> {
  panel = path.startsWith(PAGES.lab) ? `#lab-${LAB_ID}` : '[data-lab-panel]';
  await page.goto(server.url + path);
}

async function start(): Promise<void> {
  await page.locator(panel).getByRole('button', { name: /^(Start|Resume) (lab|terminal)$/ }).click();
  await waitForTerminal(page, PROMPT, panel);
}

/** Type into the terminal as a learner does, then Enter. */
async function run(command: string): Promise<void> {
  await page.locator(`${panel} .xterm-helper-textarea`).focus();
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
}

/** Wait until the panel has stored a state holding `inputs` commands in IndexedDB. */
async function saved(inputs: number, on: Page = page): Promise<void> {
  await on.waitForFunction(({ n, selector }) => document.querySelector<HTMLElement>(selector)?.dataset.savedInputs === String(n), { n: inputs, selector: panel }, { timeout: 60_000 });
}

const status = () => page.locator(`${panel} [data-lab-status]`).textContent();

describe('the sandbox terminal', () => {
  it('loads no engine or terminal code until Start, then runs kubectl with real output', async () => {
    await open(PAGES.sandbox);
    await page.getByRole('button', { name: 'Start terminal' }).waitFor();
    expect(requested.filter((p) => /\/_astro\/(panel|entry|lab-entry|terminal)[.-]/.test(p))).toEqual([]);
    expect(await page.locator('.xterm').count()).toBe(0);
    // Pointing at Start fetches the terminal's code ahead of the click, but not the engine.
    await page.getByRole('button', { name: 'Start terminal' }).hover();
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /\/_astro\/panel\./.test(e.name)));
    expect(requested.filter((p) => /\/_astro\/(lab-)?entry[.-]/.test(p))).toEqual([]);
    expect(await page.locator('.xterm').count()).toBe(0);

    await start();
    expect(await status()).toBe('Worker runtime (offline)');
    // Screen-reader mode: xterm's row list for assistive technology, with the prompt in it.
    await page.locator(`${panel} .xterm-accessibility-tree`).filter({ hasText: PROMPT }).waitFor();
    // Printable ASCII was measured in one layout before xterm's first frame (glyph-widths.ts).
    // ('W' may be measured already: xterm sizes its letter spacing with it when it opens.)
    expect(Number(await page.locator('[data-lab-panel]').first().getAttribute('data-glyphs-measured'))).toBeGreaterThanOrEqual(94);
    await run('kubectl get nodes');
    const screen = await waitForTerminal(page, /NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION/);
    expect(screen).toMatch(/control-plane\s+Ready\s+control-plane\s+\d+s\s+v1\.\d+\.\d+/);
    expect(screen).toMatch(/node-1\s+Ready\s+<none>/);
    await screenshot(page, 'sandbox-kubectl-get-nodes');
  });

  it('runs the rarer programs (describe, xargs, awk) from its first line, loading them after the prompt', async () => {
    await open(PAGES.sandbox);
    await start();
    // The prompt shows on the engine's core; their chunk comes later, and the line waits for it.
    await run("kubectl get nodes -o name | head -n 1 | xargs kubectl describe | awk '/^Name:/ {print \"described\", $2}'");
    await waitForTerminal(page, /described\s+control-plane/);
    expect(requested.filter((p) => /\/_astro\/deferred-programs[.-]/.test(p))).toHaveLength(1);
  });

  it('starts the engine when Start is pressed; the click on release uses that same worker', async () => {
    await open(PAGES.sandbox);
    const button = page.getByRole('button', { name: 'Start terminal' });
    await button.waitFor();
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    await button.scrollIntoViewIfNeeded();
    const box = (await button.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const spawned = page.waitForEvent('worker');
    await page.mouse.down();
    await spawned;
    expect(await page.locator('.xterm').count()).toBe(0);
    await page.mouse.up();
    await waitForTerminal(page, PROMPT, panel);
    await run('kubectl get ns default');
    await waitForTerminal(page, /default\s+Active/);
    expect(workers).toHaveLength(1);
  });

  it('resumes after a reload: the same screen, the same cluster, the same history', async () => {
    await open(PAGES.sandbox);
    await start();
    await run('kubectl create deployment web --image=nginx');
    await waitForTerminal(page, 'deployment.apps/web created');
    await saved(1);
    await page.reload();
    const restored = await waitForTerminal(page, 'deployment.apps/web created');
    expect(restored).toContain(`${PROMPT} kubectl create deployment web --image=nginx\ndeployment.apps/web created`);
    await waitForTerminal(page, new RegExp(`created\\n${PROMPT}$`, 'm'));
    await run('kubectl get deployment web -o name');
    await waitForTerminal(page, 'deployment.apps/web\n');
    // Up twice recalls the command from before the reload.
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await waitForTerminal(page, new RegExp(`${PROMPT} kubectl create deployment web --image=nginx$`, 'm'));
    await screenshot(page, 'sandbox-after-reload');
  });

  it('streams kubectl get -w as the clock runs until Ctrl-C brings the prompt back', async () => {
    await open(PAGES.sandbox);
    await start();
    await page.locator(panel).getByRole('button', { name: 'Speed 20x' }).click();
    await run('kubectl create deployment web --image=nginx');
    await waitForTerminal(page, 'deployment.apps/web created');
    await run('kubectl get pods -w');
    // The first rows, then more as pods start; no prompt while the watch runs.
    await waitForTerminal(page, /NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n/);
    const streamed = await waitForTerminal(page, /web-\S+\s+1\/1\s+Running\s+0\s+\d+s\n$/m);
    expect(streamed.trimEnd().endsWith(PROMPT)).toBe(false);
    await page.keyboard.press('Control+C');
    await waitForTerminal(page, new RegExp(`Running.*\\n\\^C\\n${PROMPT}$`, 'ms'));
    await run('kubectl get deployment web -o name');
    await waitForTerminal(page, 'deployment.apps/web\n');
  });

  it('starts and runs with the keyboard alone, and Esc leaves the terminal', async () => {
    await open(PAGES.sandbox);
    let focused = '';
    for (let i = 0; i < 100 && focused !== 'Start terminal'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    }
    expect(focused).toBe('Start terminal');
    await page.keyboard.press('Enter');
    await waitForTerminal(page, PROMPT);
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('xterm-helper-textarea');
    await page.keyboard.type('kubectl get ns');
    await page.keyboard.press('Enter');
    await waitForTerminal(page, /kube-system\s+Active/);
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Reset lab');
  });

  it('falls back to the worker with a one-line notice when WebContainer cannot boot', async () => {
    await open(`${PAGES.sandbox}?runtime=webcontainer`);
    await page.getByRole('button', { name: 'Start terminal' }).click();
    await page.waitForFunction(() => /Worker runtime \(offline\)/.test(document.querySelector('[data-lab-status]')?.textContent ?? ''), undefined, { timeout: 60_000 });
    expect(await status()).toMatch(/^WebContainer unavailable \(.+\); using the Worker runtime \(offline\)\.$/);
    await waitForTerminal(page, PROMPT);
    await run('kubectl get nodes');
    await waitForTerminal(page, /node-2\s+Ready/);
    await screenshot(page, 'webcontainer-fallback');
  });
});

describe('a lesson page with labs', () => {
  it('shows why a task is not done when Check is pressed, and keeps progress across a reload', async () => {
    const def = await loadLab(LAB_ID);
    const fresh = LabSession.create(def).check();
    const firstTask = fresh.tasks[0]!;
    await open(PAGES.lab);
    await start();
    await page.locator(panel).getByRole('button', { name: 'Check', exact: true }).click();
    const task = page.locator(`${panel} [data-lab-task="${firstTask.id}"]`);
    await expect.poll(() => task.locator('[data-lab-task-reason]').textContent(), { timeout: 30_000 }).toBe(firstTask.message);
    expect(await task.locator('[data-lab-task-state]').textContent()).toBe('✗ Not done');
    expect(await page.locator(`${panel} [data-lab-check-summary]`).textContent()).toBe(`Checked: 0 of ${fresh.tasks.length} tasks done (0/${fresh.maxScore} points).`);
    await screenshot(page, 'lab-check-failing');

    await run('kubectl apply -f web.yaml');
    await waitForTerminal(page, 'pod/web created');
    await expect.poll(() => task.locator('[data-lab-task-state]').textContent(), { timeout: 30_000 }).toBe('✓ Done');
    await saved(1);
    await page.reload();
    await waitForTerminal(page, 'pod/web created');
    expect(await page.locator(`${panel} [data-lab-task="${firstTask.id}"] [data-lab-task-state]`).textContent()).toBe('✓ Done');
  });

  it('Reset lab brings the tasks back to "Not checked", also after a reload', async () => {
    await open(PAGES.lab);
    await start();
    await run('kubectl apply -f web.yaml');
    await waitForTerminal(page, 'pod/web created');
    const states = () => page.locator(`${panel} [data-lab-task-state]`).allTextContents();
    await expect.poll(states, { timeout: 30_000 }).toContain('✓ Done');
    const lab = page.locator(panel);
    await lab.getByRole('button', { name: 'Reset lab' }).click();
    await lab.getByRole('dialog').getByRole('button', { name: 'Reset lab' }).click();
    await expect.poll(states, { timeout: 30_000 }).toEqual((await states()).map(() => 'Not checked'));
    await saved(0);
    await page.reload();
    await waitForTerminal(page, PROMPT);
    expect(new Set(await states())).toEqual(new Set(['Not checked']));
  });

  it('types a lesson code block into the lab with "Run in terminal"', async () => {
    await open(PAGES.lab);
    await page.getByRole('button', { name: `Run in terminal: ${LESSON_BLOCK.command}` }).click();
    const screen = await waitForTerminal(page, LESSON_BLOCK.prints, panel);
    expect(screen).toContain(`${PROMPT} ${LESSON_BLOCK.command}\n${LESSON_BLOCK.prints}`);
  });

  it('saves a lesson manifest to the lab with "Save to terminal", so the next block applies it line by line', async () => {
    await open(PAGES.lab);
    await page.getByRole('button', { name: 'Save to terminal as greedy.yaml' }).click();
    await waitForTerminal(page, '> EOF', panel);
    await page.getByRole('button', { name: 'Run in terminal: kubectl apply -f greedy.yaml' }).click();
    const screen = await waitForTerminal(page, 'now ', panel);
    // The heredoc's lines carry the continuation prompt; each command prints before the next runs.
    expect(screen).toContain(`${PROMPT} cat > greedy.yaml <<'EOF'\n> apiVersion: v1\n`);
    expect(screen).toContain(`${PROMPT} kubectl apply -f greedy.yaml\npod/greedy created\n${PROMPT} sim advance 1s\nnow `);
  });

  it('unlocks hints one at a time and asks before showing the solution', async () => {
    await open(PAGES.lab);
    const task = page.locator(`${panel} [data-lab-task="create"]`);
    const hints = task.locator('[data-lab-hint]');
    expect(await hints.evaluateAll((els) => els.map((e) => (e as HTMLElement).hidden))).toEqual([true, true]);
    await task.getByRole('button', { name: /Show hint 1 of 2/ }).click();
    expect(await hints.evaluateAll((els) => els.map((e) => (e as HTMLElement).hidden))).toEqual([false, true]);
    await task.getByRole('button', { name: /Show hint 2 of 2/ }).click();
    expect(await hints.evaluateAll((els) => els.map((e) => (e as HTMLElement).hidden))).toEqual([false, false]);

    const lab = page.locator(panel);
    await lab.getByRole('button', { name: 'Show solution…' }).click();
    await lab.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    expect(await lab.locator('[data-lab-solution]').isHidden()).toBe(true);
    await lab.getByRole('button', { name: 'Show solution…' }).click();
    await lab.getByRole('dialog').getByRole('button', { name: 'Show solution' }).click();
    expect(await lab.locator('[data-lab-solution] code').textContent()).toContain('kubectl apply -f web.yaml');
  });
});

describe('the progress page', () => {
  it('lists completed tasks, exports them to a file and imports the file in another browser', async () => {
    await open(PAGES.lab);
    await start();
    await run('kubectl apply -f web.yaml');
    await waitForTerminal(page, 'pod/web created');
    await saved(1);
    await open(PAGES.progress);
    const lab = page.locator(`[data-progress-lab="${LAB_ID}"]`);
    await expect.poll(() => lab.locator('[data-progress-summary]').textContent(), { timeout: 30_000 }).toMatch(/^In progress: 1 of 5 tasks, 10\/60 points/);
    expect(await lab.locator('[data-progress-task="create"] [data-progress-task-state]').textContent()).toBe('✓ Done');
    await screenshot(page, 'progress-page');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export progress (JSON)' }).click()]);
    const file = await download.path();
    const exported = JSON.parse(readFileSync(file, 'utf8')) as { format: string; labs: { key: string }[] };
    expect(exported.format).toBe('clusterlab/progress@1');
    expect(exported.labs.map((l) => l.key)).toEqual([LAB_ID]);

    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await otherPage.goto(server.url + PAGES.progress);
    const otherLab = otherPage.locator(`[data-progress-lab="${LAB_ID}"]`);
    await expect.poll(() => otherLab.locator('[data-progress-summary]').textContent(), { timeout: 30_000 }).toBe('Not started');
    await otherPage.getByLabel('Import progress from a file:').setInputFiles(file);
    await expect.poll(() => otherPage.locator('[data-progress-status]').textContent(), { timeout: 30_000 }).toMatch(/^Imported 1 saved labs and the progress of 1 labs/);
    expect(await otherLab.locator('[data-progress-summary]').textContent()).toMatch(/^In progress: 1 of 5 tasks/);
    // The imported lab resumes where it was.
    await otherPage.goto(server.url + PAGES.lab);
    await otherPage.locator(`#lab-${LAB_ID}`).getByRole('button', { name: 'Resume lab' }).click();
    await waitForTerminal(otherPage, 'pod/web created', `#lab-${LAB_ID}`);
    await other.close();
  });

  it('says what is wrong with a file that is not a progress export', async () => {
    await open(PAGES.progress);
    await page.getByLabel('Import progress from a file:').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
    await expect.poll(() => page.locator('[data-progress-status]').textContent(), { timeout: 30_000 }).toBe('notes.json was not imported: not a clusterlab progress file (format must be "clusterlab/progress@1").');
  });
});

describe('accessibility (axe-core, WCAG 2.1 A/AA)', () => {
  for (const [name, path, startIt] of [
    ['getting-started page', PAGES.lesson, false],
    ['lesson page with labs, before start', PAGES.lab, false],
    ['lesson page with its lab running', PAGES.lab, true],
    ['sandbox with the terminal running', PAGES.sandbox, true],
    ['progress page', PAGES.progress, false],
  ] as const) {
    it(`finds no violations on the ${name}`, async () => {
      await open(path);
      if (startIt) {
        await start();
        await run('kubectl get pods -A');
        await waitForTerminal(page, /kube-system\s+\S+/);
      }
      const violations = await axeViolations(page);
      expect(violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      await screenshot(page, `axe-${name.replace(/\W+/g, '-')}`);
    });
  }
});

describe('the lab panel on a Simplified Chinese page', () => {
  it('speaks the page\'s language around an English terminal', async () => {
    await page.goto(`${server.url}zh-cn/lessons/05-graceful-shutdown/`);
    const lab = page.locator('#lab-lost-requests');
    expect(await lab.locator('[data-lab-status]').textContent()).toBe('未启动');
    await lab.getByRole('button', { name: '开始实验' }).click();
    await waitForTerminal(page, PROMPT, '#lab-lost-requests');
    expect(await lab.locator('[data-lab-status]').textContent()).toBe('Worker 运行时（离线）');
    await lab.getByRole('button', { name: '检查', exact: true }).click();
    await lab.locator('[data-lab-check-summary]').filter({ hasText: /^已检查：2 个任务中完成了 0 个（0\/\d+ 分）。$/ }).waitFor();
    expect(await lab.locator('[data-lab-task-state]').first().textContent()).toBe('✗ 未完成');
    expect(await page.locator('.cl-timeline th[scope=col]').first().textContent()).toBe('虚拟时间');
    expect(await page.locator('.lab-run-button').first().textContent()).toMatch(/^(在终端中运行|保存到终端)$/);
  });
});
