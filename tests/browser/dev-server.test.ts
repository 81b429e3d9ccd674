/**
 * `npm start` (the README's first command) is `astro dev`, which serves the site from source,
 * bundling dependencies as pages first ask for them (a late one reloads the page). A lab with a
 * setup must start in it as it does in the built site. The dev server runs as its own process,
 * as `npm start` runs it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, waitForTerminal } from './support/browser';
import { REPO_ROOT } from './support/nginx';

let server: ChildProcess;
let url: string;
let browser: Browser;

/** Start `astro dev` on a free port; resolves with the URL it prints once it listens. */
function startDevServer(): Promise<string> {
  // The environment of a shell, not of this test runner (Astro serves no pages when it sees Vitest's).
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(VITEST|NODE_ENV$|TEST$)/.test(name)));
  server = spawn(process.execPath, [join(REPO_ROOT, 'node_modules/astro/bin/astro.mjs'), 'dev', '--host', '127.0.0.1', '--port', '0'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  return new Promise((resolve, reject) => {
    const seen = (chunk: Buffer) => {
      log += chunk.toString();
      const found = /http:\/\/127\.0\.0\.1:\d+\//.exec(log.replace(/\x1b\[[0-9;]*m/g, ''));
      if (found) resolve(found[0]);
    };
    server.stdout!.on('data', seen);
    server.stderr!.on('data', seen);
    server.on('exit', (code) => reject(new Error(`astro dev exited with ${code}:\n${log}`)));
  });
}

beforeAll(async () => {
  url = await startDevServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  server?.kill();
});

describe('the dev server (npm start)', () => {
  it('starts a lab with a setup, and its manifest buttons work', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${url}lessons/03-services/`);
    const panel = '#lab-wire-a-service';
    await page.locator(`${panel} [data-lab-action="start"]`).click();
    await waitForTerminal(page, 'root@workstation:~#', panel);
    await page.getByRole('button', { name: 'Save to terminal as hello-deployment.yaml' }).click();
    await page.getByRole('button', { name: 'Save to terminal as hello-service.yaml' }).click();
    await page.getByRole('button', { name: /^Run in terminal: kubectl apply -f hello-deployment.yaml/ }).click();
    await waitForTerminal(page, 'deployment.apps/hello created', panel);
    expect(errors).toEqual([]);
  });
});
