/**
 * `kubectl exec POD [-c C] [-it] -- CMD ARGS`: runs the command through the kubelet of the pod's
 * node. `-i`/`-t` are accepted and ignored (there is no interactive stream); a non-zero exit
 * prints `command terminated with exit code N` and becomes kubectl's exit code, as in real kubectl.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { guarded, type KubectlContext, type Verb } from '../context';
import { KubectlError, usageError } from '../errors';
import { containerFor, kubeletUnreachable, podFor } from '../containers';

function run(ctx: KubectlContext): void {
  const [target, ...extra] = ctx.flags.args;
  if (extra.length > 0 && !ctx.flags.parsed.sawDash) {
    throw usageError("exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples");
  }
  if (!target) throw usageError("pod, type/name or --filename must be specified");
  const argv = ctx.flags.parsed.dashArgs;
  if (argv.length === 0) throw usageError('you must specify at least one command for the container');
  const pod: Pod = podFor(ctx, target, 'attach');
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw usageError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  const container = containerFor(ctx, pod, ctx.flags.string('container'), (name) => `container ${name} not found in pod ${pod.metadata?.name}`);
  const path = `exec/${pod.metadata?.namespace}/${pod.metadata?.name}/${container}`;
  if (!pod.spec?.nodeName) throw new KubectlError(`error: unable to upgrade connection: container not found ("${container}")`);
  const agent = ctx.cluster.nodeAgent(pod.spec.nodeName);
  if (!agent) throw new KubectlError(kubeletUnreachable(ctx, pod, path));
  const result = agent.exec(pod.metadata!.namespace!, pod.metadata!.name!, container, argv, ctx.stdin);
  ctx.out.push(result.stdout);
  ctx.err.push(result.stderr);
  if (result.exitCode === 0) return;
  // A command that never started ends the stream with an error, which kubectl prints alone.
  if (!result.failedToStart) ctx.err.push(`command terminated with exit code ${result.exitCode}\n`);
  ctx.exitCode = result.exitCode;
}

export const exec: Verb = {
  name: 'exec',
  short: 'Execute a command in a container',
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'filename', short: 'f', type: 'array' },
    { name: 'pod-running-timeout', type: 'string' },
  ],
  run: guarded(run),
};
