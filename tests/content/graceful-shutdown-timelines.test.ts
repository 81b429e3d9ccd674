// Lesson 5's <Timeline> scripts run when the site is built; this runs them here too and checks the
// claim each one illustrates: without preStop, SIGTERM beats every node's kube-proxy; with a
// preStop sleep, every node's kube-proxy has dropped the pod before SIGTERM.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { traceOf } from '../../src/components/views/trace-at-build';

const CONTENT = join(import.meta.dirname, '../../content');

/** The `export const NAME = \`...\`;` scripts of a lesson, by name. */
function scripts(page: string): Record<string, string> {
  const source = readFileSync(join(CONTENT, page), 'utf8');
  return Object.fromEntries([...source.matchAll(/^export const (\w+) = `([\s\S]*?)`;$/gm)].map((m) => [m[1]!, m[2]!]));
}

/** Virtual ms of the kubelet's SIGTERM and of each kube-proxy removing the pod, after deletion. */
function race(script: string): { sigterm: number; removals: number[] } {
  const entries = traceOf({ script, object: 'default/web', advance: '10s' }).filter((e) => e.t >= 20_000);
  const sigterm = entries.find((e) => e.component.startsWith('kubelet/') && e.action === 'signal' && e.detail.startsWith('SIGTERM'))!.t;
  const removals = entries.filter((e) => e.component.startsWith('kube-proxy/') && e.detail.includes('removed')).map((e) => e.t);
  return { sigterm, removals };
}

describe.each(['lessons/05-graceful-shutdown.mdx', 'zh-cn/lessons/05-graceful-shutdown.mdx'])('%s timelines', (page) => {
  const { withoutPreStop, withPreStop } = scripts(page);

  test('without preStop, SIGTERM comes before any node has removed the pod', () => {
    const { sigterm, removals } = race(withoutPreStop!);
    expect(removals).toHaveLength(3);
    for (const t of removals) expect(t).toBeGreaterThan(sigterm);
  });

  test('with a preStop sleep of 5 s, every node has removed the pod before SIGTERM', () => {
    const { sigterm, removals } = race(withPreStop!);
    expect(removals).toHaveLength(3);
    for (const t of removals) expect(t).toBeLessThan(sigterm);
    expect(sigterm).toBe(25_001);
  });
});
