/**
 * `kubectl logs POD|TYPE/NAME [-c C] [--previous] [--tail=N] [--timestamps] [-f]`, read from the
 * kubelet of the pod's node. `-f` follows in virtual time until the container stops or
 * `--request-timeout` (default 30 s) passes, printing lines as they appear.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { parseDuration } from '../../../engine/sim/time';
import { guarded, type KubectlContext, type Verb } from '../context';
import { KubectlError, usageError } from '../errors';
import { containerFor, kubeletUnreachable, podFor } from '../containers';
import { waitUntil } from '../wait-loop';

const FOLLOW_MS = 30_000;

function readLogs(ctx: KubectlContext, pod: Pod, container: string, tail: number | undefined): string {
  const agent = ctx.cluster.nodeAgent(pod.spec?.nodeName ?? '');
  const path = `containerLogs/${pod.metadata?.namespace}/${pod.metadata?.name}/${container}`;
  if (!pod.spec?.nodeName) throw new KubectlError(`Error from server (BadRequest): container "${container}" in pod "${pod.metadata?.name}" is waiting to start: ContainerCreating`);
  if (!agent) throw new KubectlError(kubeletUnreachable(ctx, pod, path));
  const result = agent.logs(pod.metadata!.namespace!, pod.metadata!.name!, container, {
    previous: ctx.flags.bool('previous'),
    ...(tail !== undefined && tail >= 0 ? { tailLines: tail } : {}),
    timestamps: ctx.flags.bool('timestamps'),
  });
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

function follow(ctx: KubectlContext, pod: Pod, container: string): void {
  const timeoutText = ctx.flags.string('request-timeout');
  const timeout = timeoutText ? (parseDuration(timeoutText) ?? FOLLOW_MS) : FOLLOW_MS;
  let seen = readLogs(ctx, pod, container, undefined);
  waitUntil(ctx.host, timeout, () => {
    const live = ctx.cluster.api.tryGet<Pod>('pods', pod.metadata?.namespace, pod.metadata?.name ?? '');
    if (!live) return true;
    const text = readLogs(ctx, live, container, undefined);
    if (text.startsWith(seen)) ctx.out.push(text.slice(seen.length));
    seen = text;
    const status = live.status?.containerStatuses?.find((c) => c.name === container);
    return status?.state?.terminated !== undefined;
  });
}

function run(ctx: KubectlContext): void {
  const [target, second] = ctx.flags.args;
  if (!target) throw usageError("expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples");
  const pod = podFor(ctx, target, true);
  const requested = ctx.flags.string('container') ?? second;
  const container = containerFor(ctx, pod, requested, (name) => `container ${name} is not valid for pod ${pod.metadata?.name}`);
  const tail = ctx.flags.int('tail');
  const text = readLogs(ctx, pod, container, tail);
  ctx.out.push(text);
  if (ctx.flags.bool('follow')) follow(ctx, pod, container);
}

export const logs: Verb = {
  name: 'logs',
  short: 'Print the logs for a container in a pod',
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'previous', short: 'p', type: 'bool' },
    { name: 'tail', type: 'int' },
    { name: 'timestamps', type: 'bool' },
    { name: 'follow', short: 'f', type: 'bool' },
    { name: 'since', type: 'string' },
    { name: 'all-containers', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'prefix', type: 'bool' },
  ],
  run: guarded(run),
};
