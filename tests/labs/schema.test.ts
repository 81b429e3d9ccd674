import { describe, expect, it } from 'vitest';
import { LabDefinitionError, parseLab } from '../../src/labs/schema';
import { resolveLab } from '../../src/labs/resolve';

const valid = {
  id: 'demo',
  title: 'Demo',
  summary: 'A demo lab.',
  seed: 1,
  tasks: [{ id: 'one', title: 'One', instructions: 'Do one thing.', check: () => ({ pass: true, message: 'ok' }) }],
  solution: [{ input: 'kubectl get pods' }],
};

/** The problems parseLab reports, one `path: message` line each. */
function problems(lab: unknown): string[] {
  try {
    parseLab(lab);
  } catch (e) {
    if (e instanceof LabDefinitionError) return e.problems;
    throw e;
  }
  return [];
}

describe('lab schema', () => {
  it('accepts a minimal lab and fills in defaults', () => {
    const lab = parseLab(valid);
    expect(lab.tasks[0]).toMatchObject({ points: 10, required: true, hints: [], dependsOn: [] });
    expect(lab.setup).toEqual({ manifests: [], files: {}, faults: [], traffic: [], settle: '0s' });
  });

  it('names every problem with its path', () => {
    expect(problems({ ...valid, id: 'Demo Lab', seed: -1, tasks: [{ ...valid.tasks[0], check: 'kubectl get pod web', points: 2.5 }] })).toEqual([
      'lab.id: must be lowercase letters, digits and dashes (e.g. pod-journey)',
      'lab.seed: Too small: expected number to be >=0',
      'lab.tasks[0].points: Invalid input: expected int, received number',
      'lab.tasks[0].check: must be a function (view) => CheckResult',
    ]);
  });

  it('refuses unknown fields instead of ignoring them', () => {
    expect(problems({ ...valid, setup: { nodez: [] } })).toEqual(['lab.setup: Unrecognized key: "nodez"']);
  });

  it('checks durations, versions and references between tasks, nodes and faults', () => {
    const lab = {
      ...valid,
      kubernetesVersion: 'latest',
      setup: { settle: 'soon', faults: [{ at: '30s', action: 'stop-kubelet', node: 'node-9' }] },
      tasks: [
        { ...valid.tasks[0], dependsOn: ['two'] },
        { ...valid.tasks[0], id: 'one' },
      ],
      solution: [{ at: '1s', after: '2s', input: 'true' }],
    };
    expect(problems(lab)).toEqual([
      'lab.kubernetesVersion: must be a Kubernetes version such as 1.34.2',
      'lab.setup.settle: must be a duration such as 500ms, 30s, 5m or 1h30m',
      'lab.setup.faults[0].node: no node "node-9" in this lab (nodes: control-plane, node-1, node-2)',
      'lab.tasks[0].dependsOn[0]: "two" is not an earlier task of this lab',
      'lab.tasks[1].id: duplicate task id "one"',
      'lab.solution[0]: give at or after, not both',
    ]);
  });

  it('refuses feature gates the engine does not model, naming why', () => {
    const setup = { featureGates: { ContainerCheckpoint: false, InPlacePodVerticalScaling: true } };
    expect(problems({ ...valid, setup })).toEqual([
      'lab.setup.featureGates.InPlacePodVerticalScaling: not modelled by this engine, so it cannot be set (modelled gates: ContainerCheckpoint)',
    ]);
  });

  it('checks runtimes and background traffic', () => {
    const setup = {
      containerRuntime: { name: 'cri-o', enableCriuSupport: true, criuVersion: 'latest' },
      traffic: [
        { name: 'load', url: 'web', rps: 0 },
        { name: 'load', url: 'http://web/', rps: 10, from: 'node-7' },
      ],
    };
    expect(problems({ ...valid, setup })).toEqual([
      'lab.setup.containerRuntime.criuVersion: must be a version such as 4.1',
      'lab.setup.containerRuntime.version: cri-o needs a version, e.g. 1.34.0',
      'lab.setup.traffic[0].url: must be an http:// or https:// URL',
      'lab.setup.traffic[0].rps: Too small: expected number to be >0',
      'lab.setup.traffic[1].from: "node-7" is neither workstation nor a node of this lab',
      'lab.setup.traffic[1].name: duplicate load name "load"',
    ]);
  });

  it('requires tasks and a solution', () => {
    expect(problems({ ...valid, tasks: [], solution: [] })).toEqual(['lab.tasks: a lab needs at least one task', 'lab.solution: a lab needs a reference solution']);
  });

  it('reads Markdown files through the registry and reports missing ones', async () => {
    const lab = { ...valid, tasks: [{ ...valid.tasks[0], instructions: { file: 'tasks/one.md' }, hints: [{ file: 'hints/none.md' }] }] };
    const read = (rel: string) => Promise.resolve(rel === 'tasks/one.md' ? 'Do **one** thing.' : undefined);
    await expect(resolveLab('demo', lab, read, parseLab)).rejects.toThrow('lab.tasks[0].hints[0]: file hints/none.md is missing or empty');
    const ok = await resolveLab('demo', { ...lab, tasks: [{ ...lab.tasks[0], hints: [] }] }, read, parseLab);
    expect(ok.tasks[0]!.instructions).toBe('Do **one** thing.');
  });

  it("insists the lab's id matches its folder", async () => {
    await expect(resolveLab('other', valid, () => Promise.resolve(undefined), parseLab)).rejects.toThrow('lab.id: "demo" must match its folder name "other"');
  });
});
