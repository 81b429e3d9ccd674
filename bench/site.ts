/**
 * Site figures for `npm run bench` (DESIGN.md targets): build time, JS a lesson page ships before
 * and after starting a lab, the engine bundle's size, and, in headless Chromium against the
 * shipped nginx config, lab ready time and a kubectl round trip in the page. Figures, never
 * pass/fail. Wire in bench/run.ts with `await benchSite(report)`.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../tests/browser/support/browser';
import { buildSite, startNginx } from '../tests/browser/support/nginx';
import { benchBrowserMemory } from './browser-memory';
import { median } from './support';

export type Report = (name: string, value: number, unit: string, target?: string) => void;

const PROMPT = 'root@workstation:~#';
/** A page with a free sandbox terminal (content/sandbox.mdx). */
const SANDBOX_PAGE = 'sandbox/';
/** A lesson's first lab: the same start, plus loading the lab and building its setup. */
const LAB_PAGE = { path: 'lessons/01-pod-creation/', panel: '#lab-pod-journey' };
/**
 * A lab with a setup period, as 13 of the 14 labs have: its manifests are applied and 20 virtual
 * seconds simulated in the worker before the prompt (pod-journey starts from an empty cluster).
 */
const SETUP_LAB_PAGE = { path: 'lessons/03-services/', panel: '#lab-wire-a-service' };
const SAMPLES = 7;
/** Start-to-prompt varies ±20 % run to run on a small VM: more samples for a steadier median. */
const READY_SAMPLES = 15;

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
const gzipSize = (bytes: Buffer | string) => gzipSync(bytes, { level: 9 }).length;

/**
 * daemon.mjs and every chunk it imports statically, which Node loads before the daemon runs (the
 * yaml library lands in a chunk the labs share); the labs' own chunks load when a lab starts.
 */
function engineFiles(dir: string): string[] {
  const seen = new Map<string, string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    const text = readFileSync(join(dir, name), 'utf8');
    seen.set(name, text);
    for (const m of text.matchAll(/(?:^|[;}\n])import\s*(?:[^'"]*?from\s*)?["']\.\/(chunk-[\w-]+\.mjs)["']/g)) visit(m[1]!);
  };
  visit('daemon.mjs');
  return [...seen.values()];
}

/** The files in `dir` whose names match: exactly `count` of them, or the build changed shape. */
function filesNamed(dir: string, name: RegExp, count: number): string[] {
  const found = readdirSync(dir).filter((f) => name.test(f));
  if (found.length !== count) throw new Error(`expected ${count} file(s) matching ${name} in ${dir}, found ${found.join(', ') || 'none'}`);
  return found.map((f) => join(dir, f));
}

export async function benchSite(report: Report): Promise<void> {
  const site = join(tmpdir(), `clusterlab-bench-site-${process.pid}`);
  report('site build (astro build), wall', Math.round(buildSite(site)), 'ms');
  const engine = engineFiles(join(site, '_clusterlab/webcontainer'));
  report('engine bundle (WebContainer daemon.mjs and the chunks it imports at start), gzip', kb(engine.reduce((sum, f) => sum + gzipSize(f), 0)), 'KB', '<= 250 KB');
  report('  daemon.mjs alone, gzip', kb(gzipSize(engine[0]!)), 'KB');
  const astro = join(site, '_astro');
  report("  the browser worker's engine (the sandbox's entry-*.js), gzip", kb(gzipSize(readFileSync(filesNamed(astro, /^entry-.*\.js$/, 1)[0]!))), 'KB', '<= 250 KB');
  // Both worker builds (the sandbox's, the lesson labs') have a copy; the larger one.
  const deferred = Math.max(...filesNamed(astro, /^deferred-programs-.*\.js$/, 2).map((f) => gzipSize(readFileSync(f))));
  report('  the deferred programs, loaded after the prompt (deferred-programs-*.js), gzip', kb(deferred), 'KB');
  const nginx = await startNginx({ root: site });
  const browser = await launchChromium();
  try {
    await javaScriptPerPage(browser, nginx.url, site, report);
    await labFigures(browser, nginx.url, site, report);
  } finally {
    await browser.close();
    await nginx.stop();
    rmSync(site, { recursive: true, force: true });
  }
  await benchBrowserMemory(report);
}

/** Every built page, as a path under the site root (`getting-started/`). */
function pages(site: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(site, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name !== 'index.html') continue;
    found.push(`${relative(site, entry.parentPath)}/`.replace(/^\/$/, ''));
  }
  return found.sort();
}

/**
 * The gzip bytes of the JavaScript a page ran so far: every script file it fetched (the page's
 * and its workers') plus its inline scripts. Sizes are gzip -9 of the files as built.
 */
class ScriptMeter {
  readonly files = new Set<string>();
  constructor(page: Page) {
    page.context().on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (r.resourceType() === 'script' || /\.m?js$/.test(path)) this.files.add(path);
    });
  }

  async gzipBytes(page: Page, site: string): Promise<number> {
    const inline = await page.$$eval('script:not([src])', (scripts) => scripts.map((s) => s.textContent ?? ''));
    const files = [...this.files].map((p) => readFileSync(join(site, decodeURIComponent(p))));
    return [...files, ...inline].reduce((sum, body) => sum + gzipSize(body), 0);
  }
}

async function javaScriptPerPage(browser: Browser, url: string, site: string, report: Report): Promise<void> {
  let worst = { page: '', bytes: 0 };
  for (const path of pages(site)) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const meter = new ScriptMeter(page);
    await page.goto(url + path, { waitUntil: 'networkidle' });
    const bytes = await meter.gzipBytes(page, site);
    if (bytes > worst.bytes) worst = { page: path, bytes };
    await context.close();
  }
  report(`JS per page before starting a lab, largest (/${worst.page}), gzip`, kb(worst.bytes), 'KB', '<= 50 KB');
}

/*
 * The timed parts run inside the page, so the figures do not include the test driver's latency.
 * They are strings: the bench runs under tsx, whose helpers would not exist in the page.
 */
const IN_PAGE_READY = `async (prompt, selector) => {
  const panel = document.querySelector(selector);
  const button = panel.querySelector('[data-lab-action="start"]');
  const started = performance.now();
  const shown = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!(panel.querySelector('.xterm-rows')?.textContent ?? '').includes(prompt)) return;
      observer.disconnect();
      resolve(performance.now() - started);
    });
    observer.observe(panel, { subtree: true, childList: true, characterData: true });
  });
  button.click();
  return shown;
}`;

/**
 * Click Start, enter `true` the moment the prompt shows, and time until the next prompt: when the
 * lab can answer an input. A lab with a setup period shows its prompt while the worker still
 * runs that period; keys echo meanwhile, and a line entered waits for the period to end.
 */
const IN_PAGE_ANSWERED = `async (prompt, selector) => {
  const panel = document.querySelector(selector);
  const screen = () => panel.querySelector('.xterm-rows')?.textContent ?? '';
  const prompts = () => screen().split(prompt).length - 1;
  const started = performance.now();
  let entered = false;
  const answered = new Promise((resolve, reject) => {
    const observer = new MutationObserver(() => {
      if (!entered && prompts() >= 1) {
        entered = true;
        const textarea = panel.querySelector('.xterm-helper-textarea');
        const typed = new DataTransfer();
        typed.setData('text/plain', 'true');
        textarea.dispatchEvent(new ClipboardEvent('paste', { clipboardData: typed, bubbles: true, cancelable: true }));
        textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 13, bubbles: true }));
      } else if (entered && prompts() >= 2) {
        observer.disconnect();
        if (!screen().includes(prompt + ' true')) reject(new Error('the command did not reach the prompt: ' + screen()));
        resolve(performance.now() - started);
      }
    });
    observer.observe(panel, { subtree: true, childList: true, characterData: true });
    setTimeout(() => reject(new Error('no answer after 30 s; the terminal shows: ' + screen())), 30000);
  });
  panel.querySelector('[data-lab-action="start"]').click();
  return answered;
}`;

/** Done when the last non-blank row of the terminal is a fresh prompt with nothing typed after it. */
const IN_PAGE_ENTER = `async (prompt, command) => {
  const rows = document.querySelector('[data-lab-panel] .xterm-rows');
  const lastLine = () => {
    const lines = [...rows.children].map((r) => (r.textContent ?? '').trim()).filter((t) => t !== '');
    return lines[lines.length - 1];
  };
  const idle = () => lastLine() === prompt;
  // The command must be on the prompt line, or Enter would time an empty line.
  // A long command wraps onto the next row: read the screen's rows as one text.
  const screen = [...rows.children].map((r) => r.textContent ?? '').join('').trimEnd();
  if (!screen.endsWith(command.slice(-8))) throw new Error('the command is not on the prompt line: ' + lastLine());
  const textarea = document.querySelector('[data-lab-panel] .xterm-helper-textarea');
  window.__clusterlabOutputAt = undefined;
  const started = performance.now();
  const done = new Promise((resolve, reject) => {
    const observer = new MutationObserver(() => {
      if (!idle()) return;
      observer.disconnect();
      resolve({ painted: performance.now() - started, received: window.__clusterlabOutputAt - started });
    });
    observer.observe(rows, { subtree: true, childList: true, characterData: true });
    setTimeout(() => {
      observer.disconnect();
      reject(new Error('no fresh prompt after 30 s; the terminal ends with: ' + [...rows.children].map((r) => r.textContent).filter((t) => t.trim()).slice(-3).join(' | ')));
    }, 30000);
  });
  textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 13, bubbles: true }));
  return done;
}`;

/** Click Start on a panel inside the page and time until the prompt is on screen (or, with `answered`, until it answers Enter). */
function timeToPrompt(page: Page, panel = '[data-lab-panel]', timed = IN_PAGE_READY): Promise<number> {
  return page.evaluate(`(${timed})(${JSON.stringify(PROMPT)}, ${JSON.stringify(panel)})`);
}

/**
 * Marks when the worker's first output after Enter reaches the page: the round trip before xterm
 * paints it on its next animation frame.
 */
const MARK_OUTPUT = `(() => {
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        if (e.data && e.data.kind === 'output' && window.__clusterlabOutputAt === undefined) window.__clusterlabOutputAt = performance.now();
      });
    }
  };
})()`;

/** Type a command, press Enter inside the page, time until the output arrives and until the next prompt is on screen. */
async function roundTrip(page: Page, command: string): Promise<{ received: number; painted: number }> {
  await page.locator('[data-lab-panel] .xterm-helper-textarea').focus();
  await page.keyboard.type(command);
  // xterm draws on the next animation frame; wait for the typed line before timing Enter.
  await page.waitForFunction((tail) => (document.querySelector('[data-lab-panel] .xterm-rows')?.textContent ?? '').includes(tail), command.slice(-8));
  return page.evaluate(`(${IN_PAGE_ENTER})(${JSON.stringify(PROMPT)}, ${JSON.stringify(command)})`);
}

/**
 * Click Start to prompt, each sample in a fresh browser context (nothing cached, as on a first
 * visit) with nothing else listening in, so the figure is the page's alone.
 */
async function readySamples(browser: Browser, url: string, path: string, panel?: string, timed?: string): Promise<number[]> {
  const ready: number[] = [];
  for (let i = 0; i < READY_SAMPLES; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(url + path, { waitUntil: 'networkidle' });
    ready.push(await timeToPrompt(page, panel, timed));
    await context.close();
  }
  return ready;
}

async function labFigures(browser: Browser, url: string, site: string, report: Report): Promise<void> {
  report('lab ready (click Start -> prompt), worker runtime, median', Math.round(median(await readySamples(browser, url, SANDBOX_PAGE))), 'ms', '<= 150 ms');
  report(`  the same for a lesson's lab (/${LAB_PAGE.path}), median`, Math.round(median(await readySamples(browser, url, LAB_PAGE.path, LAB_PAGE.panel))), 'ms', '<= 150 ms');
  report(`  the same for a lab with a setup period (/${SETUP_LAB_PAGE.path}, wire-a-service), median`, Math.round(median(await readySamples(browser, url, SETUP_LAB_PAGE.path, SETUP_LAB_PAGE.panel))), 'ms', '<= 150 ms');
  report('    until it answers a command entered at that prompt (its setup period has run), median', Math.round(median(await readySamples(browser, url, SETUP_LAB_PAGE.path, SETUP_LAB_PAGE.panel, IN_PAGE_ANSWERED))), 'ms');
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.addInitScript(MARK_OUTPUT);
  const meter = new ScriptMeter(page);
  await page.goto(url + SANDBOX_PAGE, { waitUntil: 'networkidle' });
  await timeToPrompt(page);
  report(`JS after starting a lab (/${SANDBOX_PAGE}, incl. engine worker), gzip`, kb(await meter.gzipBytes(page, site)), 'KB');
  await roundTrip(page, 'kubectl create deployment web --image=nginx --replicas=100');
  await roundTrip(page, 'sim advance 2m');
  const trips: { received: number; painted: number }[] = [];
  for (let i = 0; i < SAMPLES; i++) trips.push(await roundTrip(page, 'kubectl get pods'));
  report('kubectl get pods round trip in the page, 100 pods, output received, median', Math.round(median(trips.map((t) => t.received)) * 10) / 10, 'ms', '<= 10 ms');
  report('  the same until painted (xterm draws on the next animation frame), median', Math.round(median(trips.map((t) => t.painted)) * 10) / 10, 'ms');
  await page.context().close();
}
