/**
 * Every lab, completed in the browser as a learner would: its lesson page (the built site served
 * by the shipped nginx config), Start, the reference solution typed into the panel's terminal,
 * then Check. The clock is paused so virtual time moves only with the commands, and a solution
 * step that waits (`after: 20s`) is typed as `sim advance 20s`, as the CI pair replays it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLab } from '../../src/labs/registry';
import { launchChromium, waitForTerminal } from './support/browser';
import { REPO_ROOT, startNginx, type RunningNginx } from './support/nginx';

/** lab id → the lesson page that embeds it (its frontmatter lists the labs). */
function labPages(): [string, string][] {
  const dir = join(REPO_ROOT, 'content/lessons');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.mdx'))
    .flatMap((file) => {
      const front = parse(/^---\n([\s\S]*?)\n---\n/.exec(readFileSync(join(dir, file), 'utf8'))![1]!) as { labs?: string[] };
      return (front.labs ?? []).map((id): [string, string] => [id, `lessons/${file.replace(/\.mdx$/, '')}/`]);
    });
}

let server: RunningNginx;
let browser: Browser;

beforeAll(async () => {
  server = await startNginx();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Type one input (a heredoc line by line) and wait until the panel has saved it. */
async function enter(page: Page, panel: string, input: string, count: number): Promise<void> {
  await page.locator(`${panel} .xterm-helper-textarea`).focus();
  for (const [i, line] of input.split('\n').entries()) {
    if (i > 0) await page.keyboard.press('Enter');
    await page.keyboard.type(line);
  }
  await page.keyboard.press('Enter');
  await page.waitForFunction(({ selector, n }) => document.querySelector<HTMLElement>(selector)?.dataset.savedInputs === String(n), { selector: panel, n: count }, { timeout: 60_000 });
}

describe('every lab, completed in the browser with its reference solution', () => {
  it('covers every lab under labs/', () => {
    const dirs = readdirSync(join(REPO_ROOT, 'labs'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(labPages().map(([id]) => id).sort()).toEqual(dirs.sort());
  });

  it.each(labPages())('%s (on /%s)', async (labId, path) => {
    const def = await loadLab(labId);
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on('pageerror', (e) => console.error(`page error (${labId}):`, e.message));
    try {
      await page.goto(server.url + path);
      const panel = `#lab-${labId}`;
      await page.locator(panel).getByRole('button', { name: 'Start lab' }).click();
      await waitForTerminal(page, 'root@workstation:~#', panel);
      await page.locator(panel).getByRole('button', { name: 'Pause' }).click();
      await page.locator(panel).getByRole('button', { name: 'Resume' }).waitFor();
      let inputs = 0;
      for (const step of def.solution) {
        if (step.after) await enter(page, panel, `sim advance ${step.after}`, ++inputs);
        await enter(page, panel, step.input, ++inputs);
      }
      await page.locator(panel).getByRole('button', { name: 'Check', exact: true }).click();
      const summary = page.locator(`${panel} [data-lab-check-summary]`);
      await summary.filter({ hasText: /^Checked: / }).waitFor();
      const n = def.tasks.length;
      expect(await summary.textContent()).toMatch(new RegExp(`^Checked: ${n} of ${n} tasks done \\(\\d+/\\d+ points\\) — lab complete!$`));
    } finally {
      await page.context().close();
    }
  });
});
