/**
 * `kubectl run -i [-t] [--rm] NAME --image=IMG [-- CMD]`: create the Pod, wait for it to run,
 * then attach. A one-shot command prints its output when it finishes; `--rm` deletes the Pod
 * afterwards, as kubectl does. An interactive shell (`-it ... -- sh`) is entered by the session
 * (the terminal moves into the Pod), which also removes the Pod on exit.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { parseDuration } from '../../../engine/sim/time';
import type { KubectlContext } from '../context';
import { KubectlError, usageError } from '../errors';
import { waitUntil } from '../wait-loop';

const DEFAULT_POD_RUNNING_TIMEOUT_MS = 60_000;

export const ATTACH_PROMPT_HINT = "If you don't see a command prompt, try pressing enter.\n";

function podNow(ctx: KubectlContext, name: string): Pod | undefined {
  return ctx.cluster.api.tryGet<Pod>('pods', ctx.namespace, name);
}

/** Wait for the pod to leave Pending (kubectl's --pod-running-timeout, 1m by default). */
export function waitForRunning(ctx: KubectlContext, name: string): Pod {
  const text = ctx.flags.string('pod-running-timeout');
  const timeout = text ? parseDuration(text) : DEFAULT_POD_RUNNING_TIMEOUT_MS;
  if (timeout === undefined) throw usageError(`invalid argument "${text}" for "--pod-running-timeout" flag`);
  const started = waitUntil(ctx.host, timeout, () => ['Running', 'Succeeded', 'Failed'].includes(podNow(ctx, name)?.status?.phase ?? ''));
  if (!started) throw new KubectlError('error: timed out waiting for the condition');
  return podNow(ctx, name)!;
}

/** Delete the pod `--rm` created and wait until it is gone: `pod "x" deleted from default namespace`. */
export function removePod(ctx: KubectlContext, name: string): string {
  ctx.cluster.api.delete('pods', ctx.namespace, name);
  waitUntil(ctx.host, 120_000, () => podNow(ctx, name) === undefined);
  return `pod "${name}" deleted from ${ctx.namespace} namespace\n`;
}

/** A one-shot attached command: its output once it finished, then `--rm`'s deletion line. */
export function attachOneShot(ctx: KubectlContext, name: string): void {
  waitForRunning(ctx, name);
  waitUntil(ctx.host, 60 * 60_000, () => ['Succeeded', 'Failed'].includes(podNow(ctx, name)?.status?.phase ?? ''));
  const pod = podNow(ctx, name);
  const agent = pod?.spec?.nodeName ? ctx.cluster.nodeAgent(pod.spec.nodeName) : undefined;
  const logs = agent?.logs(ctx.namespace, name, name, {});
  if (logs?.ok) ctx.out.push(logs.text);
  if (ctx.flags.bool('rm')) {
    const deleted = removePod(ctx, name);
    // --quiet reaches the delete that --rm runs.
    if (!ctx.flags.bool('quiet')) ctx.out.push(deleted);
  }
  const code = pod?.status?.containerStatuses?.[0]?.state?.terminated?.exitCode ?? 0;
  if (code !== 0) {
    ctx.err.push(`pod ${ctx.namespace}/${name} terminated (Error)\n`);
    ctx.exitCode = 1;
  }
}
