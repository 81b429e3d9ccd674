/**
 * The schema's defaults applied without zod, for the browser: a lab that reaches the browser has
 * already been validated by `lab test` in CI with the same schema, so the worker only needs the
 * defaults, not the validator (zod is a large part of the worker bundle otherwise).
 * tests/labs/defaults.test.ts proves, for every lab, that this equals what the schema produces.
 */
import type { LabInput, ParsedLab } from './schema';

type Setup = NonNullable<LabInput['setup']>;
type NodeInput = NonNullable<Setup['nodes']>[number];
type LoadInput = NonNullable<Setup['traffic']>[number];
type TaskInput = LabInput['tasks'][number];

function node(n: NodeInput): NodeInput {
  return { ...n, controlPlane: n.controlPlane ?? false, cpu: n.cpu ?? 4, memory: n.memory ?? '8Gi', maxPods: n.maxPods ?? 110, labels: n.labels ?? {} };
}

function load(l: LoadInput): LoadInput {
  return { ...l, from: l.from ?? 'workstation', start: l.start ?? '0s' };
}

function setup(s: Setup | undefined): Setup {
  const out: Setup = { ...s, manifests: s?.manifests ?? [], files: s?.files ?? {}, traffic: (s?.traffic ?? []).map(load), faults: s?.faults ?? [], settle: s?.settle ?? '0s' };
  if (s?.nodes) out.nodes = s.nodes.map(node);
  return out;
}

function task(t: TaskInput): TaskInput {
  return { ...t, points: t.points ?? 10, required: t.required ?? true, hints: t.hints ?? [], dependsOn: t.dependsOn ?? [] };
}

export function applyLabDefaults(input: unknown): ParsedLab {
  const lab = input as LabInput;
  return { ...lab, setup: setup(lab.setup), tasks: lab.tasks.map(task) } as ParsedLab;
}
