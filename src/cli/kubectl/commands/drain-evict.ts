/**
 * The waiting half of `kubectl drain` (kubectl/pkg/drain/drain.go evictPods / deletePods), run in
 * virtual time: every pod has its own "goroutine" (a small state machine). An eviction refused
 * with 429 is retried after 5 s; an accepted one is polled every second until the pod is gone,
 * when `pod/NAME evicted` prints. A global --timeout ends what is still pending with kubectl's errors.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { ApiError } from '../../../engine/api/errors';
import { goDuration } from '../../../engine/kubelet/texts';
import { wallNow, type KubectlContext } from '../context';
import { deletingTooLong } from './drain-pods';

/** EvictErrorRetryDelay as kubectl drain sets it. */
export const EVICT_RETRY_MS = 5000;
/** waitForDelete's poll interval. */
const POLL_MS = 1000;

interface PodWork {
  pod: Pod;
  state: 'evict' | 'wait' | 'done';
  atMs: number;
}

export interface RemoveOptions {
  useEviction: boolean;
  /** DeleteOptions.gracePeriodSeconds; negative keeps the pod's own. */
  graceSeconds: number;
  /** Global timeout in ms. */
  timeoutMs: number;
  /** --skip-wait-for-delete-timeout in seconds (0: wait for every pod). */
  skipWaitSeconds: number;
  /**
   * --dry-run=server: evictions go with dryRun=All and are not waited for; deletions (with
   * --disable-eviction) too, but drain still waits for those pods to go, until its timeout.
   */
  serverDryRun: boolean;
}

const ref = (p: Pod) => ({ ns: p.metadata?.namespace ?? '', name: p.metadata?.name ?? '' });

function isGone(ctx: KubectlContext, pod: Pod): boolean {
  const { ns, name } = ref(pod);
  const live = ctx.cluster.api.tryGet<Pod>('pods', ns, name);
  return !live || live.metadata?.uid !== pod.metadata?.uid;
}

/** A pod deleting for longer than --skip-wait-for-delete-timeout is no longer waited for. */
function skipWaiting(ctx: KubectlContext, pod: Pod, o: RemoveOptions): boolean {
  const { ns, name } = ref(pod);
  const live = ctx.cluster.api.tryGet<Pod>('pods', ns, name);
  if (!live || !deletingTooLong(live, { skipWaitSeconds: o.skipWaitSeconds, nowMs: wallNow(ctx) })) return false;
  ctx.out.push(`pod "${name}" has DeletionTimestamp older than ${o.skipWaitSeconds} seconds, skipping\n`);
  return true;
}

/** Evict (or delete) `pods` and wait for them; returns the errors of the pods that did not go. */
export function removePods(ctx: KubectlContext, pods: Pod[], o: RemoveOptions): string[] {
  if (pods.length === 0) return [];
  return o.useEviction ? evictAll(ctx, pods, o) : deleteAll(ctx, pods, o);
}

function evictAll(ctx: KubectlContext, pods: Pod[], o: RemoveOptions): string[] {
  const deadline = ctx.host.now() + o.timeoutMs;
  const works: PodWork[] = pods.map((pod) => ({ pod, state: 'evict', atMs: ctx.host.now() }));
  const errors: string[] = [];
  const fail = (w: PodWork, message: string) => {
    w.state = 'done';
    errors.push(message);
  };
  for (;;) {
    const now = ctx.host.now();
    for (const w of works) {
      if (w.state === 'evict' && w.atMs <= now) evictStep(ctx, w, o, now >= deadline, fail);
      else if (w.state === 'wait' && (w.atMs <= now || now >= deadline)) waitStep(ctx, w, o, now >= deadline, fail);
    }
    const pending = works.filter((w) => w.state !== 'done');
    if (pending.length === 0) return errors;
    const waiting = pending.some((w) => w.state === 'wait');
    const next = Math.min(...pending.map((w) => w.atMs), waiting ? Math.max(deadline, now) : Infinity);
    ctx.host.advance(Math.max(0, next - now));
  }
}

/** One turn of the eviction loop for a pod: print, check the deadline, call the API. */
function evictStep(ctx: KubectlContext, w: PodWork, o: RemoveOptions, timedOut: boolean, fail: (w: PodWork, m: string) => void): void {
  const { ns, name } = ref(w.pod);
  ctx.out.push(`evicting pod ${ns}/${name}${o.serverDryRun ? ' (server dry run)' : ''}\n`);
  if (timedOut) return fail(w, `error when evicting pods/"${name}" -n "${ns}": global timeout reached: ${goDuration(o.timeoutMs)}`);
  try {
    ctx.cluster.api.evict(ns, name, { ...(o.graceSeconds >= 0 ? { gracePeriodSeconds: o.graceSeconds } : {}), actor: 'kubectl', dryRun: o.serverDryRun });
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (e.code === 404) {
      w.state = 'done';
      return;
    }
    if (e.code !== 429) return fail(w, `error when evicting pods/"${name}" -n "${ns}": ${e.message}`);
    ctx.err.push(`error when evicting pods/"${name}" -n "${ns}" (will retry after ${goDuration(EVICT_RETRY_MS)}): ${e.message}\n`);
    w.atMs = ctx.host.now() + EVICT_RETRY_MS;
    // The next attempt uses the pod as it is then (a replacement may have taken the name).
    const fresh = ctx.cluster.api.tryGet<Pod>('pods', ns, name);
    if (fresh) w.pod = fresh;
    return;
  }
  if (o.serverDryRun) {
    w.state = 'done';
    return;
  }
  w.state = 'wait';
  w.atMs = ctx.host.now();
  waitStep(ctx, w, o, false, fail);
}

/** One poll of waitForDelete: the pod is gone (print it), or look again in a second. */
function waitStep(ctx: KubectlContext, w: PodWork, o: RemoveOptions, timedOut: boolean, fail: (w: PodWork, m: string) => void): void {
  const { ns, name } = ref(w.pod);
  if (isGone(ctx, w.pod)) {
    ctx.out.push(`pod/${name} evicted\n`);
    w.state = 'done';
    return;
  }
  if (skipWaiting(ctx, w.pod, o)) {
    w.state = 'done';
    return;
  }
  if (timedOut) return fail(w, `error when waiting for pod "${name}" in namespace "${ns}" to terminate: context deadline exceeded`);
  w.atMs = ctx.host.now() + POLL_MS;
}

/** --disable-eviction: DELETE every pod, then wait for all of them together. */
function deleteAll(ctx: KubectlContext, pods: Pod[], o: RemoveOptions): string[] {
  for (const pod of pods) {
    const { ns, name } = ref(pod);
    try {
      // A server dry run of a delete checks that the pod is there and changes nothing.
      if (o.serverDryRun) ctx.cluster.api.get('pods', ns, name);
      else ctx.cluster.api.delete('pods', ns, name, { ...(o.graceSeconds >= 0 ? { gracePeriodSeconds: o.graceSeconds } : {}), actor: 'kubectl' });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.code !== 404) return [e.message];
    }
  }
  const deadline = ctx.host.now() + o.timeoutMs;
  let pending = pods;
  for (;;) {
    pending = pending.filter((pod) => {
      if (!isGone(ctx, pod)) return !skipWaiting(ctx, pod, o);
      ctx.out.push(`pod/${pod.metadata?.name ?? ''} deleted\n`);
      return false;
    });
    if (pending.length === 0) return [];
    if (ctx.host.now() >= deadline) return ['context deadline exceeded'];
    ctx.host.advance(Math.min(POLL_MS, deadline - ctx.host.now()));
  }
}
