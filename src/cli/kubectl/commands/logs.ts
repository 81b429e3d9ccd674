/**
 * `kubectl logs POD|TYPE/NAME|-l SELECTOR [-c C|--all-containers] [--previous] [--tail=N]
 * [--since=D|--since-time=T] [--timestamps] [--prefix] [-f]`, read from the kubelet of each pod's
 * node. `-f` follows one container in virtual time until it stops or `--request-timeout`
 * (default 30 s) passes, printing lines as they appear.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { parseDuration } from '../../../engine/sim/time';
import type { KubectlContext } from '../context';
import { KubectlError, usageError } from '../errors';
import { containerFor, kubeletUnreachable, podFor } from '../containers';
import { selectorFlag } from '../query';
import type { LogOptions } from '../../../engine/node-agent';
import { waitUntil } from '../wait-loop';

const FOLLOW_MS = 30_000;
/** With -l, kubectl shows the last ten lines of each pod unless --tail says otherwise. */
const SELECTOR_TAIL = 10;

interface LogRequest {
  pod: Pod;
  container: string;
}

/** The kubelet's lines for one container, or its refusal as kubectl prints it. */
function readLogs(ctx: KubectlContext, pod: Pod, container: string, options: LogOptions): string {
  const agent = ctx.cluster.nodeAgent(pod.spec?.nodeName ?? '');
  const path = `containerLogs/${pod.metadata?.namespace}/${pod.metadata?.name}/${container}`;
  if (!pod.spec?.nodeName) throw new KubectlError(`Error from server (BadRequest): container "${container}" in pod "${pod.metadata?.name}" is waiting to start: ContainerCreating`);
  if (!agent) throw new KubectlError(kubeletUnreachable(ctx, pod, path));
  const result = agent.logs(pod.metadata!.namespace!, pod.metadata!.name!, container, options);
  if (!result.ok) throw new KubectlError(fromServer(result.error));
  return result.text;
}

/**
 * The kubelet's refusal as kubectl prints it: the API server proxies the log request and hands
 * back the kubelet's status, a 400 for a container that cannot give logs (`is waiting to start`,
 * no previous instance), a 404 for a pod it does not run.
 */
function fromServer(error: string): string {
  return `Error from server (${error.startsWith('pods "') ? 'NotFound' : 'BadRequest'}): ${error}`;
}

/** PodLogOptions from the flags: --previous, --tail, --timestamps, and --since or --since-time as virtual ms. */
function logOptions(ctx: KubectlContext, defaultTail: number | undefined): LogOptions {
  const since = ctx.flags.string('since');
  const sinceTime = ctx.flags.string('since-time');
  if (since !== undefined && sinceTime !== undefined) throw usageError('at most one of `sinceTime` or `sinceSeconds` may be specified');
  const tail = ctx.flags.int('tail') ?? defaultTail;
  const options: LogOptions = { previous: ctx.flags.bool('previous'), timestamps: ctx.flags.bool('timestamps'), ...(tail !== undefined && tail >= 0 ? { tailLines: tail } : {}) };
  if (since !== undefined) {
    options.sinceMs = ctx.cluster.now() - (parseDuration(since) ?? 0);
  }
  if (sinceTime !== undefined) {
    const wall = Date.parse(sinceTime);
    if (Number.isNaN(wall)) throw usageError(`invalid argument "${sinceTime}" for "--since-time" flag: parsing time "${sinceTime}" as "2006-01-02T15:04:05Z07:00": cannot parse "${sinceTime}" as "2006"`);
    options.sinceMs = wall - ctx.cluster.api.epochMs;
  }
  return options;
}

/** `[pod/web/nginx] ` before each line with --prefix. */
function prefixed(ctx: KubectlContext, r: LogRequest, text: string): string {
  if (!ctx.flags.bool('prefix') || !text) return text;
  const tag = `[pod/${r.pod.metadata?.name}/${r.container}] `;
  return text.replace(/^(?=.)/gm, tag);
}

function follow(ctx: KubectlContext, r: LogRequest, options: LogOptions): void {
  const timeoutText = ctx.flags.string('request-timeout');
  const timeout = timeoutText ? (parseDuration(timeoutText) ?? FOLLOW_MS) : FOLLOW_MS;
  const { tailLines: _tail, ...unbounded } = options;
  let seen = readLogs(ctx, r.pod, r.container, unbounded);
  waitUntil(ctx.host, timeout, () => {
    const live = ctx.cluster.api.tryGet<Pod>('pods', r.pod.metadata?.namespace, r.pod.metadata?.name ?? '');
    if (!live) return true;
    const text = readLogs(ctx, live, r.container, unbounded);
    if (text.startsWith(seen)) ctx.out.push(prefixed(ctx, r, text.slice(seen.length)));
    seen = text;
    const status = live.status?.containerStatuses?.find((c) => c.name === r.container);
    return status?.state?.terminated !== undefined;
  });
}

/** Init containers, then containers, then ephemeral ones: the order logsforobject reads them in. */
function allContainers(pod: Pod): string[] {
  const spec = pod.spec!;
  return [...(spec.initContainers ?? []), ...spec.containers, ...(spec.ephemeralContainers ?? [])].map((c) => c.name);
}

/** What to read: one container of one pod, every container with --all-containers, each selected pod with -l. */
function requests(ctx: KubectlContext): LogRequest[] | undefined {
  const [target, second] = ctx.flags.args;
  const selector = ctx.flags.string('selector');
  let pods: Pod[];
  if (selector !== undefined) {
    if (target) throw usageError("only one of -l or POD/TYPE/NAME may be specified\nSee 'kubectl logs -h' for help and examples");
    pods = [...ctx.cluster.api.list<Pod>('pods', ctx.namespace, { labelSelector: selectorFlag(ctx) }).items];
    if (pods.length === 0) {
      ctx.err.push(`No resources found in ${ctx.namespace} namespace.\n`);
      return undefined;
    }
  } else {
    if (!target) throw usageError("expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples");
    pods = [podFor(ctx, target, 'logs')];
  }
  if (ctx.flags.bool('all-containers')) return pods.flatMap((pod) => allContainers(pod).map((container) => ({ pod, container })));
  const requested = ctx.flags.string('container') ?? second;
  return pods.map((pod) => ({ pod, container: containerFor(ctx, pod, requested, (name) => `container ${name} is not valid for pod ${pod.metadata?.name}`) }));
}

function run(ctx: KubectlContext): void {
  // Validate() runs before any pod is looked up.
  const options = logOptions(ctx, ctx.flags.string('selector') !== undefined ? SELECTOR_TAIL : undefined);
  const wanted = requests(ctx);
  if (!wanted) return;
  const concurrency = ctx.flags.int('max-log-requests') ?? 5;
  if (ctx.flags.bool('follow') && wanted.length > concurrency) {
    throw usageError(`you are attempting to follow ${wanted.length} log streams, but maximum allowed concurrency is ${concurrency}, use --max-log-requests to increase the limit`);
  }
  for (const r of wanted) ctx.out.push(prefixed(ctx, r, readLogs(ctx, r.pod, r.container, options)));
  if (ctx.flags.bool('follow') && wanted.length === 1) follow(ctx, wanted[0]!, options);
}

/** The verb's run; its name and flags are in deferred-verbs.ts, in the engine bundle. */
export const runLogs = run;

