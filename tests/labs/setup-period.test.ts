import { describe, expect, it } from 'vitest';
import { LabSession } from '../../src/labs/session';
import { listLabs, loadLab } from '../../src/labs/registry';
import { runSolution } from '../../src/labs/solution';

/**
 * The browser's worker shows the prompt first and runs a lab's setup period in slices between
 * its messages (LabSession.begin, then settleSome). The learner must get the very lab create()
 * builds: the same events in the same order, whatever the slices.
 */
describe("a lab's setup period run in slices", () => {
  it('builds, for every lab, the cluster create() builds, which then runs the solution to the same bytes', async () => {
    for (const id of await listLabs()) {
      const def = await loadLab(id);
      const whole = LabSession.create(def);
      const sliced = LabSession.begin(def);
      let slices = 0;
      while (!sliced.settleSome(7)) slices++;
      expect({ id, now: sliced.now(), events: sliced.cluster.sim.eventsRun, hash: sliced.cluster.stateHash() }).toEqual({ id, now: whole.now(), events: whole.cluster.sim.eventsRun, hash: whole.cluster.stateHash() });
      if (whole.now() > 0) expect(slices, `${id} has a setup period`).toBeGreaterThan(0);
      expect(runSolution(sliced)).toEqual(runSolution(whole));
      expect(sliced.cluster.stateHash()).toBe(whole.cluster.stateHash());
    }
  });

  it('refuses inputs, time and grading until the setup period has run', async () => {
    const lab = LabSession.begin(await loadLab('wire-a-service'));
    expect(lab.settled()).toBe(false);
    expect(() => lab.run('kubectl get pods')).toThrow('lab wire-a-service is still running its setup period');
    expect(() => lab.advanceTo(60_000)).toThrow('still running its setup period');
    expect(() => lab.check()).toThrow('still running its setup period');
    lab.settle();
    expect(lab.settled()).toBe(true);
    expect(lab.now()).toBe(lab.startMs);
    expect(lab.run('kubectl get pod inventory -o jsonpath={.status.phase}').output).toBe('Running');
  });
});
