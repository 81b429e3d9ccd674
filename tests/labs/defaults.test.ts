import { describe, expect, it } from 'vitest';
import { applyLabDefaults } from '../../src/labs/defaults';
import { listLabs, LABS_DIR } from '../../src/labs/registry';
import { labExport } from '../../src/labs/resolve';
import { parseLab } from '../../src/labs/schema';

// The browser loads labs with applyLabDefaults instead of the zod schema; for every lab the two
// must give the same definition, so a lab behaves the same in CI and in a learner's browser.
describe('lab defaults without the schema', () => {
  it('equal what the schema produces, for every lab', async () => {
    const ids = await listLabs();
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      const raw = labExport((await import(`${LABS_DIR}${id}/lab.ts`)) as Record<string, unknown>);
      expect(applyLabDefaults(raw), id).toEqual(parseLab(raw, id));
    }
  });

  it('fill every default of a minimal lab', () => {
    const check = () => ({ pass: true, message: 'ok' });
    const minimal = {
      id: 'demo',
      title: 'Demo',
      summary: 'A demo.',
      seed: 1,
      setup: { nodes: [{ name: 'control-plane' }], traffic: [{ name: 'l', url: 'http://web/', rps: 1 }] },
      tasks: [{ id: 't', title: 'T', instructions: 'Do it.', check }],
      solution: [{ input: 'true' }],
    };
    expect(applyLabDefaults(minimal)).toEqual(parseLab(minimal));
  });
});
