/**
 * `kubectl run NAME --image=IMG [--port [--expose]] [--restart] [--labels] [--annotations] [--env]
 * [--privileged] [--command] [-- args]`: creates one Pod as kubectl's run generator builds it
 * (`pod/web created`), and with --expose a Service for it first.
 */
import type { Container, Pod, Service } from 'kubernetes-types/core/v1';
import { resourceType } from '../../../engine/api/resources';
import { atLeast } from '../../../engine/version';
import { guarded, requireFlags, type KubectlContext, type Verb } from '../context';
import { usageError } from '../errors';
import { dryRunFlag, generatedMeta, MUTATION_FLAGS, printResult, submitGenerated } from '../mutation';
import { ATTACH_PROMPT_HINT, attachOneShot, waitForRunning } from './run-attach';
import { RECORD_FLAG, recordChangeCause } from '../record';
import { goJsonError } from '../go-json';
import { jsonPatch, mergePatch, PatchError, strategicMerge } from '../patches';
import { withoutUnknownFields } from '../../../engine/api/validation/known-fields';

function parseLabels(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    const [k, v, ...rest] = part.split('=');
    if (!k || v === undefined || rest.length > 0) throw usageError(`invalid label spec: ${part}`);
    out[k] = v;
  }
  return out;
}

/** `--annotations k=v` (repeatable): the value is everything after the first `=`. */
function parseAnnotations(specs: string[]): Record<string, string> | undefined {
  if (specs.length === 0) return undefined;
  return Object.fromEntries(
    specs.map((spec) => {
      const eq = spec.indexOf('=');
      if (eq <= 0) throw usageError(`invalid annotation spec: ${spec}`);
      return [spec.slice(0, eq), spec.slice(eq + 1)];
    }),
  );
}

/**
 * `--expose`: the ClusterIP Service run builds beside the pod, named like it, selecting the pod's
 * labels on --port; it carries only labels the user asked for with --labels.
 */
function serviceFor(ctx: KubectlContext, pod: Pod, port: number): Service {
  const explicit = ctx.flags.string('labels');
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: generatedMeta(ctx, pod.metadata!.name!, explicit ? { labels: parseLabels(explicit) } : {}),
    spec: { ports: [{ port, protocol: 'TCP', targetPort: port }], selector: { ...pod.metadata?.labels } },
    status: { loadBalancer: {} },
  };
}

function podObject(ctx: KubectlContext, name: string): Pod {
  const image = ctx.flags.string('image');
  if (!image) throw usageError('--image is required');
  const restart = ctx.flags.string('restart') ?? 'Always';
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) throw usageError(`invalid restart policy: ${restart}`);
  const labelsFlag = ctx.flags.string('labels');
  const port = ctx.flags.int('port');
  const env = ctx.flags.array('env').map((e) => {
    const eq = e.indexOf('=');
    return { name: e.slice(0, eq), value: e.slice(eq + 1) };
  });
  const argv = ctx.flags.parsed.dashArgs;
  const attach = ctx.flags.bool('stdin');
  const container: Container = {
    ...(argv.length > 0 && !ctx.flags.bool('command') ? { args: argv } : {}),
    ...(argv.length > 0 && ctx.flags.bool('command') ? { command: argv } : {}),
    ...(env.length > 0 ? { env } : {}),
    image,
    name,
    ...(port !== undefined ? { ports: [{ containerPort: port }] } : {}),
    resources: {},
    // kubectl's run generator: an attached container reads the terminal once.
    ...(attach ? { stdin: true, stdinOnce: true } : {}),
    ...(ctx.flags.bool('tty') ? { tty: true } : {}),
    ...(ctx.flags.bool('privileged') ? { securityContext: { privileged: true } } : {}),
  };
  const annotations = parseAnnotations(ctx.flags.array('annotations'));
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: generatedMeta(ctx, name, { ...(annotations ? { annotations } : {}), labels: labelsFlag ? parseLabels(labelsFlag) : { run: name } }),
    spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: restart },
    status: {},
  };
}

/** A shell attached with a terminal: the session moves into the pod once this returns. */
export function isInteractiveShell(argv: readonly string[]): boolean {
  return argv.length === 0 || (argv.length === 1 && /^(\/bin\/)?(sh|bash|ash)$/.test(argv[0]!));
}

/**
 * --overrides (Overrider.Apply): the generated pod as JSON, patched by the fragment (RFC 7396 by
 * default, or --override-type=strategic|json), then decoded back, which drops unknown fields.
 */
function withOverrides(ctx: KubectlContext, pod: Pod): Pod {
  const fragment = ctx.flags.string('overrides') ?? '';
  if (fragment === '') return pod;
  const type = ctx.flags.string('override-type') || 'merge';
  if (!['json', 'merge', 'strategic'].includes(type)) throw usageError(`invalid override type: ${type}`);
  // json-patch's MergePatch words every unreadable fragment the same way; the others pass on encoding/json's error.
  const syntax = goJsonError(fragment);
  if (syntax) throw usageError(type === 'merge' ? 'Invalid JSON Patch' : syntax);
  const patch = JSON.parse(fragment) as unknown;
  let patched: unknown;
  try {
    patched = type === 'merge' ? mergePatch(pod, patch) : type === 'strategic' ? strategicMerge(pod, patch) : jsonPatch(pod, patch);
  } catch (e) {
    if (e instanceof PatchError) throw usageError(e.message);
    throw e;
  }
  return withoutUnknownFields('Pod', patched) as Pod;
}

function run(ctx: KubectlContext): void {
  requireFlags(ctx, 'image');
  const [name] = ctx.flags.args;
  if (!name) throw usageError("NAME is required for run\nSee 'kubectl run -h' for help and examples");
  const attach = ctx.flags.bool('stdin');
  if (ctx.flags.bool('rm') && !attach) throw usageError('--rm should only be used for attached containers');
  const expose = ctx.flags.bool('expose');
  const port = ctx.flags.int('port');
  if (expose && port === undefined) throw usageError('--port must be set when exposing a service');
  const pod = withOverrides(ctx, podObject(ctx, name));
  const dryRun = dryRunFlag(ctx);
  const type = resourceType('pods');
  recordChangeCause(ctx, pod);
  const created = submitGenerated(ctx, type, pod, dryRun);
  const services = resourceType('services');
  const service = expose ? submitGenerated(ctx, services, serviceFor(ctx, pod, port!), dryRun) : undefined;
  // Until 1.37 run's service generator printed the Service as it made it, the pod at the end;
  // since, every created object is printed at the end, in the order made.
  const serviceFirst = !atLeast(ctx.cluster.cp.version, 37);
  if (service && serviceFirst) printResult(ctx, services, service, 'created', dryRun, 'as-built');
  if (!attach || dryRun !== 'none') {
    printResult(ctx, type, created, 'created', dryRun, 'as-built');
    if (service && !serviceFirst) printResult(ctx, services, service, 'created', dryRun, 'as-built');
    return;
  }
  if (ctx.flags.bool('tty') && isInteractiveShell(ctx.flags.parsed.dashArgs)) {
    waitForRunning(ctx, name);
    if (!ctx.flags.bool('quiet')) ctx.err.push(ATTACH_PROMPT_HINT);
    return;
  }
  attachOneShot(ctx, name);
}

export const runVerb: Verb = {
  name: 'run',
  short: 'Run a particular image on the cluster',
  flags: [
    RECORD_FLAG,
    ...MUTATION_FLAGS,
    { name: 'image', type: 'string' },
    { name: 'port', type: 'int' },
    { name: 'restart', type: 'string' },
    { name: 'labels', short: 'l', type: 'string' },
    { name: 'env', type: 'list' },
    { name: 'command', type: 'bool' },
    { name: 'rm', type: 'bool' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'pod-running-timeout', type: 'string' },
    { name: 'image-pull-policy', type: 'string' },
    { name: 'expose', type: 'bool' },
    { name: 'annotations', type: 'list' },
    { name: 'privileged', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'overrides', type: 'string' },
    { name: 'override-type', type: 'string' },
  ],
  run: guarded(run),
};
