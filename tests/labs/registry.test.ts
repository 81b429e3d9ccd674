import { describe, expect, it } from 'vitest';
import * as browser from '../../src/labs/registry-browser';
import * as node from '../../src/labs/registry';
import { UnknownLabError } from '../../src/labs/resolve';

describe('lab registries', () => {
  it('the browser registry (import.meta.glob) lists and loads the same labs as the Node one', async () => {
    const ids = await node.listLabs();
    expect(await browser.listLabs()).toEqual(ids);
    for (const id of ids) {
      const [a, b] = await Promise.all([node.loadLab(id), browser.loadLab(id)]);
      expect(b.tasks.map((t) => [t.id, t.instructions, t.hints])).toEqual(a.tasks.map((t) => [t.id, t.instructions, t.hints]));
      expect(b.setup).toEqual(a.setup);
    }
  });

  it('reads Markdown kept in files next to lab.ts', async () => {
    const lab = await node.loadLab('pod-journey');
    expect(lab.tasks[0]!.instructions).toBe(
      'Your workstation already holds a Pod manifest, `web.yaml`: one `nginx:1.27` container.\n\nCreate the Pod from it with `kubectl`. The API server validates it, fills in defaults and\nstores it in etcd; nothing runs yet.\n',
    );
  });

  it('names the known labs when asked for an unknown one', async () => {
    for (const registry of [node, browser]) {
      const error = await registry.loadLab('../etc').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnknownLabError);
      expect((error as Error).message).toMatch(/^unknown lab "\.\.\/etc" \(labs: .*pending-pod, pod-journey/);
    }
  });
});
