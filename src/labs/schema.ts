import { z } from 'zod';
import { parseDuration } from '../engine/sim/time';
import { parseQuantity } from '../engine/scheduler/quantity';
import { parseVersion } from '../engine/version';
import type { CheckResult } from './types';
import type { LabView } from './view';
import { unsupportedSetupFields } from './engine-support';
import { LabDefinitionError } from './define';

/**
 * The lab definition format: what `labs/<id>/lab.ts` exports. Validated by zod so an author
 * sees every mistake at once, each as `path: message` (`tasks[1].hints[0]: ...`).
 */

/** A check: a pure function of the lab's read-only view. It must not change anything. */
export type CheckFn = (view: LabView) => CheckResult;

/** Markdown, inline or in a sibling file (`markdownFile('tasks/find.md')`, read by the registry). */
export type MarkdownSource = string | { file: string };

const ID = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const idText = 'must be lowercase letters, digits and dashes (e.g. pod-journey)';

const duration = z.string().refine((s) => parseDuration(s) !== undefined, { message: 'must be a duration such as 500ms, 30s, 5m or 1h30m' });
const quantity = z.union([z.number().nonnegative(), z.string().refine((s) => parseQuantity(s) !== undefined, { message: 'must be a quantity such as 4, 500m, 8Gi' })]);
const markdown = z.union([z.string().min(1, 'must not be empty'), z.object({ file: z.string().min(1) }).strict()]);

const taint = z
  .object({
    key: z.string().min(1),
    value: z.string().optional(),
    effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']),
  })
  .strict();

/** The container runtime of a node (CRI), and what checkpointing needs from it. */
const runtime = z
  .object({
    name: z.enum(['containerd', 'cri-o']),
    /** Default for containerd: 2.1.4, as kubeadm clusters ship it; cri-o needs one. */
    version: z.string().regex(/^\d+\.\d+(\.\d+)?$/, 'must be a version such as 2.1.4').optional(),
    /** CRI-O's enable_criu_support. */
    enableCriuSupport: z.boolean().optional(),
    /** The installed CRIU (e.g. 4.1); absent means the criu binary is missing. */
    criuVersion: z.string().regex(/^\d+\.\d+(\.\d+)?$/, 'must be a version such as 4.1').optional(),
  })
  .strict()
  .refine((r) => r.name === 'containerd' || r.version !== undefined, { message: 'cri-o needs a version, e.g. 1.34.0', path: ['version'] });

/** A background load generator, as `sim load` starts one. */
const load = z
  .object({
    name: z.string().regex(ID, idText),
    url: z.string().regex(/^https?:\/\/\S+$/, 'must be an http:// or https:// URL'),
    rps: z.number().positive().max(1000),
    /** `workstation` or a node name. */
    from: z.string().default('workstation'),
    /** After the lab starts. */
    start: duration.default('0s'),
    stop: duration.optional(),
  })
  .strict();

const node = z
  .object({
    name: z.string().regex(ID, idText),
    controlPlane: z.boolean().default(false),
    /** CPU as a quantity: 4, '4', '2500m'. */
    cpu: quantity.default(4),
    memory: quantity.default('8Gi'),
    maxPods: z.number().int().positive().default(110),
    labels: z.record(z.string(), z.string()).default({}),
    taints: z.array(taint).optional(),
    runtime: runtime.optional(),
  })
  .strict();

const fault = z
  .object({
    /** Virtual time after the lab starts. */
    at: duration,
    action: z.enum(['stop-kubelet', 'start-kubelet']),
    node: z.string(),
  })
  .strict();

const delays = z
  .object({
    /** Between an etcd write and watchers hearing of it. */
    watch: duration.optional(),
    kubeletSync: duration.optional(),
    kubeletHeartbeat: duration.optional(),
    kubeletStatusWrite: duration.optional(),
  })
  .strict();

const kubeProxy = z
  .object({
    mode: z.enum(['iptables', 'ipvs', 'nftables', 'userspace']),
    syncPeriod: duration.optional(),
    minSyncPeriod: duration.optional(),
  })
  .strict();

const setupFields = z
  .object({
    /** Worker count for the default layout (control-plane + node-1..N); or list `nodes`. */
    workers: z.number().int().min(0).max(50).optional(),
    nodes: z.array(node).min(1).optional(),
    kubeProxy: kubeProxy.optional(),
    featureGates: z.record(z.string(), z.boolean()).optional(),
    /** Every node's runtime, unless the node names its own. */
    containerRuntime: runtime.optional(),
    delays: delays.optional(),
    /** YAML applied at setup, each string as `kubectl apply -f -` would. */
    manifests: z.array(z.string().min(1)).default([]),
    /** Files on the learner's workstation, by absolute path or relative to /root. */
    files: z.record(z.string(), z.string()).default({}),
    traffic: z.array(load).default([]),
    faults: z.array(fault).default([]),
    /** Virtual time the cluster runs after setup before the learner gets the prompt. */
    settle: duration.default('0s'),
  })
  .strict();
const setup = setupFields.superRefine((s, ctx) => checkSetup(s, ctx));

const task = z
  .object({
    id: z.string().regex(ID, idText),
    title: z.string().min(1),
    instructions: markdown,
    points: z.number().int().min(0).default(10),
    required: z.boolean().default(true),
    check: z.custom<CheckFn>((v) => typeof v === 'function', { message: 'must be a function (view) => CheckResult' }),
    /** From gentle to explicit. */
    hints: z.array(markdown).default([]),
    dependsOn: z.array(z.string()).default([]),
  })
  .strict();

const solutionStep = z
  .object({
    /** Virtual time after the lab starts; the step waits until then. */
    at: duration.optional(),
    /** Virtual time after the previous step finished. */
    after: duration.optional(),
    input: z.string().min(1),
  })
  .strict()
  .refine((s) => s.at === undefined || s.after === undefined, { message: 'give at or after, not both' });

export const labSchema = z
  .object({
    id: z.string().regex(ID, idText),
    title: z.string().min(1),
    summary: z.string().min(1),
    kubernetesVersion: z
      .string()
      .refine((v) => tryParse(() => parseVersion(v)), { message: 'must be a Kubernetes version such as 1.34.2' })
      .optional(),
    seed: z.number().int().min(0).max(2 ** 32 - 1),
    setup: setup.default({ manifests: [], files: {}, faults: [], traffic: [], settle: '0s' }),
    tasks: z
      .array(task)
      .min(1, 'a lab needs at least one task')
      .superRefine((tasks, ctx) => checkTasks(tasks, ctx)),
    solution: z.array(solutionStep).min(1, 'a lab needs a reference solution'),
  })
  .strict();

/** What an author writes (defaults optional, Markdown inline or in files). */
export type LabInput = z.input<typeof labSchema>;
/** A validated lab with defaults applied; Markdown may still name files until the registry reads them. */
export type ParsedLab = z.output<typeof labSchema>;
export type TaskDefinition = ParsedLab['tasks'][number];
export type LabSetup = ParsedLab['setup'];
export type SolutionStep = ParsedLab['solution'][number];
/** A lab ready to run: every Markdown text is a string. */
export type LabDefinition = Omit<ParsedLab, 'tasks'> & { tasks: LabTask[] };
export type LabTask = Omit<TaskDefinition, 'instructions' | 'hints'> & { instructions: string; hints: string[] };

export { defineLab, markdownFile, LabDefinitionError } from './define';

function tryParse(f: () => unknown): boolean {
  try {
    f();
    return true;
  } catch {
    return false;
  }
}

type Issue = (path: (string | number)[], message: string) => void;
const issues = (ctx: z.RefinementCtx): Issue => (path, message) => ctx.addIssue({ code: 'custom', path, message });

/** Task ids are unique and dependencies point at earlier tasks. */
function checkTasks(tasks: { id: string; dependsOn: string[] }[], ctx: z.RefinementCtx): void {
  const issue = issues(ctx);
  const seen = new Set<string>();
  tasks.forEach((t, i) => {
    if (seen.has(t.id)) issue([i, 'id'], `duplicate task id "${t.id}"`);
    t.dependsOn.forEach((dep, j) => {
      if (!seen.has(dep)) issue([i, 'dependsOn', j], `"${dep}" is not an earlier task of this lab`);
    });
    seen.add(t.id);
  });
}

/** Nodes are unique, faults name real nodes, and nothing asks for what the engine lacks. */
function checkSetup(setup: z.output<typeof setupFields>, ctx: z.RefinementCtx): void {
  const issue = issues(ctx);
  const nodes = setup.nodes?.map((n) => n.name) ?? defaultNodeNames(setup.workers ?? 2);
  if (setup.nodes && setup.workers !== undefined) issue(['workers'], 'give workers or nodes, not both');
  if (new Set(nodes).size !== nodes.length) issue(['nodes'], 'node names must be unique');
  setup.faults.forEach((f, i) => {
    if (!nodes.includes(f.node)) issue(['faults', i, 'node'], `no node "${f.node}" in this lab (nodes: ${nodes.join(', ')})`);
  });
  const loads = new Set<string>();
  setup.traffic.forEach((t, i) => {
    if (t.from !== 'workstation' && !nodes.includes(t.from)) issue(['traffic', i, 'from'], `"${t.from}" is neither workstation nor a node of this lab`);
    if (loads.has(t.name)) issue(['traffic', i, 'name'], `duplicate load name "${t.name}"`);
    loads.add(t.name);
  });
  for (const { path, message } of unsupportedSetupFields(setup)) issue(path, message);
}

export function defaultNodeNames(workers: number): string[] {
  return ['control-plane', ...Array.from({ length: workers }, (_, i) => `node-${i + 1}`)];
}

/** One readable line per problem: `tasks[1].check: must be a function (view) => CheckResult`. */
export function formatLabIssues(error: z.ZodError, root = 'lab'): string[] {
  return error.issues.map((i) => `${formatPath(root, i.path)}: ${i.message}`);
}

function formatPath(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, p) => (typeof p === 'number' ? `${out}[${p}]` : `${out}.${String(p)}`), root);
}

/** Validate a lab module's export; throws LabDefinitionError listing every problem. */
export function parseLab(input: unknown, name = 'lab'): ParsedLab {
  const result = labSchema.safeParse(input);
  if (!result.success) throw new LabDefinitionError(name, formatLabIssues(result.error));
  return result.data;
}
