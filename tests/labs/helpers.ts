import { parseLab, type LabDefinition, type LabInput } from '../../src/labs/schema';
import { LabSession } from '../../src/labs/session';
import type { LabView } from '../../src/labs/view';

/** A lab written inline in a test (every Markdown text a string). */
export function inlineLab(input: Partial<LabInput> = {}): LabDefinition {
  return parseLab({
    id: 'test-lab',
    title: 'Test lab',
    summary: 'A lab for tests.',
    seed: 5,
    tasks: [{ id: 'pod', title: 'Create web', instructions: 'Create the Pod `web`.', check: () => ({ pass: false, message: 'never' }) }],
    solution: [{ input: 'kubectl run web --image=nginx:1.27' }],
    ...input,
  }) as LabDefinition;
}

/** A started lab session over an inline lab, with `run` returning the output text. */
export function startLab(input: Partial<LabInput> = {}): { lab: LabSession; run: (line: string) => string; view: () => LabView } {
  const lab = LabSession.create(inlineLab(input));
  return { lab, run: (line) => lab.run(line).output, view: () => lab.view() };
}

/** A view with nothing in it but what a test gives: for helpers that read traffic or proxies. */
export function fakeView(parts: Partial<LabView>): LabView {
  const none = () => [];
  return {
    labId: 'fake',
    startMs: 0,
    startRevision: 0,
    now: () => 0,
    get: () => undefined,
    list: none,
    history: none,
    everExisted: none,
    events: none,
    trace: none,
    traffic: none,
    proxies: none,
    file: () => undefined,
    hosts: () => ['workstation'],
    transcript: none,
    ...parts,
  };
}
