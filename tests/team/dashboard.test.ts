import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, CHROMIUM, launchChromium, screenshot } from '../browser/support/browser';
import { solvedResult, startTeamServer, submit, type TeamServer } from './helpers';

/**
 * In headless Chromium: an instructor logs in on the dashboard, creates a cohort and an
 * invitation; a learner joins by the link (the token lands in localStorage, where the lab panel
 * looks); a result sent with that token shows as verified in the grid, with the transcript.
 */
describe.skipIf(!existsSync(CHROMIUM))('the team dashboard in a browser', () => {
  let server: TeamServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTeamServer({ siteUrl: undefined });
    await server.store.addInstructor('ana@example.org', 'correct horse battery');
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('takes an instructor from login to a verified cell, and a learner from link to token', async () => {
    const instructor = await browser.newPage();
    await instructor.goto(`${server.url}/team`);
    expect(instructor.url()).toBe(`${server.url}/team/`);
    await instructor.getByLabel('Email').fill('ana@example.org');
    await instructor.getByLabel('Password').fill('wrong password!');
    await instructor.getByRole('button', { name: 'Log in' }).click();
    await instructor.getByRole('status').filter({ hasText: 'wrong email or password' }).waitFor();
    await instructor.getByLabel('Password').fill('correct horse battery');
    await instructor.getByRole('button', { name: 'Log in' }).click();
    await instructor.getByText('Signed in as ana@example.org.').waitFor();
    expect(await axeViolations(instructor)).toEqual([]);

    await instructor.getByLabel('New cohort name').fill('Browser cohort');
    await instructor.getByRole('button', { name: 'Create cohort' }).click();
    await instructor.getByRole('status').filter({ hasText: 'Cohort Browser cohort created.' }).waitFor();
    await instructor.getByRole('button', { name: 'Invitation link for Browser cohort' }).click();
    await instructor.getByRole('status').filter({ hasText: 'Invitation link for Browser cohort created' }).waitFor();
    const link = (await instructor.locator('code.link').textContent())!;
    expect(link).toMatch(new RegExp(`^${server.url}/team/join/#[\\w-]{43}$`));

    const learner = await browser.newPage();
    await learner.goto(link);
    await learner.getByLabel('Your name, as your instructor will see it').fill('Robin');
    await learner.getByRole('button', { name: 'Join' }).click();
    await learner.getByRole('status').filter({ hasText: 'Welcome, Robin: you joined Browser cohort.' }).waitFor();
    expect(await axeViolations(learner)).toEqual([]);
    const team = JSON.parse((await learner.evaluate(() => localStorage.getItem('clusterlab:team')))!) as { token: string; learner: { name: string }; cohort: { name: string } };
    expect(team).toMatchObject({ learner: { name: 'Robin' }, cohort: { name: 'Browser cohort' } });

    // What the lab panel will do when the learner completes tasks: POST the exported result.
    const result = await solvedResult();
    expect((await submit(server.url, team.token, JSON.stringify(result))).status).toBe(201);

    await instructor.getByRole('button', { name: 'Progress of Browser cohort' }).click();
    const row = instructor.getByRole('row', { name: /Robin/ });
    const p = result.progress!;
    await expect.poll(() => row.locator('td.verified').first().textContent(), { timeout: 30_000 }).toMatch(new RegExp(`^✓ ${p.score}/${p.maxScore}\\d+ (s|min)$`));
    await instructor.getByText('Browser cohort (1 learner)').waitFor();
    expect(await axeViolations(instructor)).toEqual([]);
    await instructor.getByRole('button', { name: 'Robin' }).click();
    await instructor.getByText(`pending-pod: verified ${p.score}/${p.maxScore}`).waitFor();
    expect(await instructor.locator('#learner-detail pre').first().textContent()).toContain(`$ ${result.transcript[0]!.input}\n`);
    await screenshot(instructor, 'team-dashboard');
  });
});
