/**
 * `kubectl rollout status deployment/web`: the messages of kubectl's DeploymentStatusViewer
 * (polymorphichelpers/rollout_status.go), one for the Deployment as listed and one for every
 * watch event after it (rollout_status.go prints each, so a message repeats while status writes
 * leave it unchanged), until the rollout completes, fails its progress deadline or `--timeout` passes.
 */
import type { Deployment } from 'kubernetes-types/apps/v1';
import { parseDuration } from '../../../engine/sim/time';
import type { KubectlContext } from '../context';
import { usageError } from '../errors';
import type { Found } from '../query';
import { MAX_WAIT_MS, waitUntil } from '../wait-loop';
import { openStream } from './get-watch';

type Status = { message: string; done: boolean } | { error: string };

/** One look at a Deployment, verbatim from DeploymentStatusViewer.Status. */
export function deploymentStatus(d: Deployment, revision = 0): Status {
  const name = d.metadata?.name ?? '';
  if (revision > 0) {
    const current = Number(d.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
    if (current !== revision) return { error: `desired revision (${revision}) is different from the running revision (${current})` };
  }
  const status = d.status ?? {};
  if ((d.metadata?.generation ?? 0) <= (status.observedGeneration ?? 0)) {
    const progressing = status.conditions?.find((c) => c.type === 'Progressing');
    if (progressing?.reason === 'ProgressDeadlineExceeded') return { error: `deployment "${name}" exceeded its progress deadline` };
    const updated = status.updatedReplicas ?? 0;
    const replicas = d.spec?.replicas;
    if (replicas !== undefined && updated < replicas) {
      return { message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`, done: false };
    }
    if ((status.replicas ?? 0) > updated) {
      return { message: `Waiting for deployment "${name}" rollout to finish: ${(status.replicas ?? 0) - updated} old replicas are pending termination...\n`, done: false };
    }
    if ((status.availableReplicas ?? 0) < updated) {
      return { message: `Waiting for deployment "${name}" rollout to finish: ${status.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`, done: false };
    }
    return { message: `deployment "${name}" successfully rolled out\n`, done: true };
  }
  return { message: 'Waiting for deployment spec update to be observed...\n', done: false };
}

/** Watch one object's rollout: the status of the listed object, then of each change the watch delivers. */
export function rolloutStatus(ctx: KubectlContext, f: Found): void {
  if (f.type.kind !== 'Deployment') throw usageError(`no status viewer has been implemented for ${f.type.kind}`);
  const timeoutText = ctx.flags.string('timeout');
  const timeout = timeoutText && timeoutText !== '0s' && timeoutText !== '0' ? parseDuration(timeoutText) : MAX_WAIT_MS;
  if (timeout === undefined) throw usageError(`invalid argument "${timeoutText}" for "--timeout" flag: time: invalid duration "${timeoutText}"`);
  const revision = ctx.flags.int('revision') ?? 0;
  const watch = ctx.flags.bool('watch', true);
  const ns = f.object.metadata?.namespace;
  const name = f.object.metadata?.name ?? '';
  let failure: string | undefined;
  /** One watch event's Deployment (undefined: DELETED); true when the watch is over. */
  const look = (d: Deployment | undefined): boolean => {
    if (!d || d.metadata?.uid !== f.object.metadata?.uid) {
      failure = 'object has been deleted';
      return true;
    }
    const status = deploymentStatus(d, revision);
    if ('error' in status) {
      failure = status.error;
      return true;
    }
    ctx.out.push(status.message);
    return status.done || !watch;
  };
  const stream = openStream(ctx, f.type, ns);
  let listed = false;
  let done: boolean;
  try {
    done = waitUntil(ctx.host, timeout, () => {
      if (!listed) {
        listed = true;
        return look(ctx.cluster.api.tryGet<Deployment>('deployments', ns, name));
      }
      for (const change of stream.drain()) {
        if (change.obj.metadata?.name === name && look(change.deleted ? undefined : (change.obj as Deployment))) return true;
      }
      return false;
    });
  } finally {
    stream.close();
  }
  if (failure) throw usageError(failure);
  if (!done) throw usageError('timed out waiting for the condition');
}
