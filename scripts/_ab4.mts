import { launchChromium } from '/work/main/tests/browser/support/browser';
import { startNginx } from '/work/main/tests/browser/support/nginx';
const roots = process.argv.slice(2);
const servers = await Promise.all(roots.map((root) => startNginx({ root })));
const browser = await launchChromium();
const N = Number(process.env.N ?? 15); const out: number[][] = roots.map(() => []); const paint: number[][] = [];
for (let i = 0; i < N; i++) for (let s = 0; s < servers.length; s++) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } }); const page = await ctx.newPage();
  await page.goto(servers[s]!.url + (process.env.PAGE ?? 'sandbox/'), { waitUntil: 'networkidle' });
  const r = await page.evaluate(`(async () => { const panel = document.querySelector(${JSON.stringify(process.env.SEL ?? '[data-lab-panel]')}); const b = panel.querySelector('[data-lab-action="start"]');
    const t0 = performance.now();
    const done = new Promise((res) => { const o = new MutationObserver(() => { if ((panel.querySelector('.xterm-rows')?.textContent ?? '').includes(${JSON.stringify(process.env.PROMPT ?? 'root@workstation:~#')})) { o.disconnect(); const m = performance.now() - t0; requestAnimationFrame(() => setTimeout(() => res([m, performance.now() - t0]))); } }); o.observe(panel, { subtree: true, childList: true, characterData: true }); });
    b.click(); return await done; })()`);
  out[s]!.push(Math.round((r as number[])[0])); (paint[s] ??= []).push(Math.round((r as number[])[1])); await ctx.close();
}
for (let s = 0; s < roots.length; s++) { const o = out[s]!.sort((a, b) => a - b); const q = paint[s]!.sort((a, b) => a - b); console.log(roots[s], 'median', o[Math.floor(o.length / 2)], 'painted', q[Math.floor(q.length / 2)], o.join(' ')); }
await browser.close(); for (const s of servers) await s.stop();
