import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatLabTest, testLab } from '../../src/labs/lab-test';
import { LABS_DIR, listLabs, loadLab } from '../../src/labs/registry';

/** Every folder under labs/, found on disk, so a new lab is covered without touching this file. */
const folders = readdirSync(LABS_DIR).filter((name) => statSync(join(LABS_DIR, name)).isDirectory());

describe('every lab under labs/', () => {
  it('has at least the two lesson-1 labs', () => {
    expect(folders).toEqual(expect.arrayContaining(['pod-journey', 'pending-pod']));
  });

  it('is listed by the registry (every folder holds a lab.ts)', async () => {
    expect(await listLabs()).toEqual([...folders].sort());
  });

  for (const id of folders) {
    it(`${id}: valid, not passed untouched, solved by its solution, replayable, verifiable, renders`, async () => {
      const def = await loadLab(id);
      const report = testLab(def);
      expect(formatLabTest(report)).toBe(formatLabTest({ ...report, ok: true, steps: report.steps.map((s) => ({ ...s, ok: true, problems: [] })) }));
    });
  }
});
