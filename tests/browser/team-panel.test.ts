/**
 * Team mode end to end in headless Chromium, on one origin served by `clusterlab serve` (the
 * built site and the team API from one process): an instructor creates a cohort and an invitation
 * on the dashboard, a learner joins by the link, opens a lesson, starts its lab and completes a
 * task by typing in the terminal; the panel submits the result by itself, the server verifies it
 * by replay, and the instructor's grid shows the task verified with the learner's transcript.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeamServer, type TeamServer } from '../team/helpers';
import { launchChromium, screenshot, waitForTerminal } from './support/browser';
import { DIST_DIR } from './support/nginx';

const LAB = '#lab-pending-pod';
const COMMAND = 'kubectl label node node-2 disktype=ssd --overwrite';

let server: TeamServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTeamServer({ siteDir: DIST_DIR, siteUrl: undefined });
  await server.store.addInstructor('ana@example.org', 'correct horse battery');
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function instructorWithInvitation(): Promise<{ instructor: Page; link: string }> {
  const instructor = await (await browser.newContext()).newPage();
  await instructor.goto(`${server.url}/team/`);
  await instructor.getByLabel('Email').fill('ana@example.org');
  await instructor.getByLabel('Password').fill('correct horse battery');
  await instructor.getByRole('button', { name: 'Log in' }).click();
  await instructor.getByLabel('New cohort name').fill('Evening cohort');
  await instructor.getByRole('button', { name: 'Create cohort' }).click();
  await instructor.getByRole('button', { name: 'Invitation link for Evening cohort' }).click();
  await instructor.getByRole('status').filter({ hasText: 'Invitation link for Evening cohort created' }).waitFor();
  return { instructor, link: (await instructor.locator('code.link').textContent())! };
}

describe('a cohort in team mode, from invitation to a verified task', () => {
  it('records the task a learner completes in the lab panel as verified on the dashboard', async () => {
    const { instructor, link } = await instructorWithInvitation();

    const learner = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    learner.on('pageerror', (e) => console.error('page error:', e.message));
    await learner.goto(link);
    await learner.getByLabel('Your name, as your instructor will see it').fill('Sam');
    await learner.getByRole('button', { name: 'Join' }).click();
    await learner.getByRole('status').filter({ hasText: 'Welcome, Sam: you joined Evening cohort.' }).waitFor();

    await learner.goto(`${server.url}/lessons/01-pod-creation/`);
    await learner.locator(LAB).getByRole('button', { name: 'Start lab' }).click();
    await waitForTerminal(learner, 'root@workstation:~#', LAB);
    await learner.locator(`${LAB} .xterm-helper-textarea`).focus();
    await learner.keyboard.type(COMMAND);
    await learner.keyboard.press('Enter');
    // The panel noticed a task newly passing, exported the result and the server replayed it.
    const verdict = learner.locator(LAB).getByText(/^Submitted to Evening cohort: verified, \d+\/\d+ points\.$/);
    await verdict.waitFor({ timeout: 60_000 });
    const [, score, max] = /verified, (\d+)\/(\d+)/.exec((await verdict.textContent())!)!;
    expect(Number(score)).toBeGreaterThan(0);

    await instructor.getByRole('button', { name: 'Progress of Evening cohort' }).click();
    const row = instructor.getByRole('row', { name: /Sam/ });
    // One of the lab's four tasks: the cell shows the points, its tooltip which task passed.
    const cell = row.locator('td.partial');
    await expect.poll(() => cell.textContent(), { timeout: 30_000 }).toMatch(new RegExp(`^${score}/${max}\\d+ (s|min)$`));
    expect(await cell.getAttribute('title')).toContain('✓ Give the Pod a node it selects');
    await instructor.getByRole('button', { name: 'Sam' }).click();
    await instructor.getByText(`pending-pod: verified ${score}/${max}`).waitFor();
    expect(await instructor.locator('#learner-detail pre').first().textContent()).toContain(`$ ${COMMAND}\n`);
    await screenshot(instructor, 'team-panel-verified');
  });
});
