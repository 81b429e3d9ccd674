/**
 * Headless Chromium (Debian's /usr/bin/chromium) through playwright-core, and the few page
 * helpers the lab tests share: read the terminal's screen, wait for text in it, run axe-core.
 */
import { readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT } from './nginx';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
export const ARTIFACTS = join(REPO_ROOT, 'test-results');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** What the panel's terminal shows, one string per row, trailing blanks trimmed. */
export function terminalLines(page: Page, panel = '[data-lab-panel]'): Promise<string[]> {
  return page.$$eval(`${panel} .xterm-rows > div`, (rows) => rows.map((r) => (r.textContent ?? '').replace(/\s+$/, '')));
}

export async function terminalText(page: Page, panel?: string): Promise<string> {
  return (await terminalLines(page, panel)).join('\n');
}

/** Wait until the terminal shows `text` (a string or pattern); returns the screen. */
export async function waitForTerminal(page: Page, text: string | RegExp, panel = '[data-lab-panel]'): Promise<string> {
  const wanted: { text: string } | { source: string; flags: string } = typeof text === 'string' ? { text } : { source: text.source, flags: text.flags };
  try {
    await page.waitForFunction(
      ({ selector, wanted }) => {
        const rows = [...document.querySelectorAll(`${selector} .xterm-rows > div`)].map((r) => (r.textContent ?? '').replace(/\s+$/, ''));
        const screen = rows.join('\n');
        return 'text' in wanted ? screen.includes(wanted.text) : new RegExp(wanted.source, wanted.flags).test(screen);
      },
      { selector: panel, wanted },
      { timeout: 60_000 },
    );
  } catch (e) {
    throw new Error(`the terminal never showed ${String(text)}; it shows:\n${await terminalText(page, panel)}`, { cause: e });
  }
  return terminalText(page, panel);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  tags: string[];
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** axe-core's WCAG A/AA violations on the page as it is now (injected over CDP, past the CSP). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Expressive Code makes overflowing code blocks focusable from a script, after layout settles.
  await page.waitForFunction(() => [...document.querySelectorAll('.expressive-code pre')].every((p) => p.scrollWidth <= p.clientWidth || p.hasAttribute('tabindex')));
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    // Starlight's search button shows a "Ctrl K" shortcut beside its label "Search"; that is
    // Starlight's markup, not the course's, so it is left out (label-content-name-mismatch).
    const result = await axe.run({ exclude: [['site-search button[data-open-modal]']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    // Experimental rules are not settled WCAG failures (and flag Starlight's own search button).
    return result.violations.filter((v) => !v.tags.includes('experimental')).map((v) => ({ id: v.id, tags: v.tags, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
}
