import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { ApiError } from '../../api/errors';
import type { Informer, WatchEventType } from '../../api/informer';
import { fromLabelSelector, matches } from '../../api/labels';
import { clone, controllerRef, getControllerOf, keyOf, type KubeObject } from '../../api/objects';
import type { KubeVersion } from '../../version';
import { Component } from '../component';
import type { WorkloadContext } from '../replicaset';
import { COMPONENT, DeploymentRun, type DeploymentContext } from './context';
import { checkPausedConditions } from './progress';
import { rolloutRecreate } from './recreate';
import { rolloutRolling, StaleReplicaSetError } from './rolling';
import { isScalingEvent, sync, syncStatusOnly } from './sync';
import { OwnerIndex } from './util/owner-index';

/** Retry delay after a failed sync (a 409 from a stale cache, a refused create). */
const RETRY_MS = 10;

/**
 * The Deployment controller (upstream pkg/controller/deployment): owns ReplicaSets, one per pod
 * template, and moves replicas between them according to the strategy. It never touches pods;
 * the ReplicaSet controller does.
 */
export class DeploymentController extends Component {
  readonly #deployments: Informer<Deployment>;
  readonly #replicaSets: Informer<ReplicaSet>;
  readonly #pods: Informer<Pod>;
  readonly #rsIndex = new OwnerIndex<ReplicaSet>();
  readonly #podIndex = new OwnerIndex<Pod>();
  readonly #ctx: DeploymentContext;

  constructor(ctx: WorkloadContext) {
    super(COMPONENT, ctx);
    const version: KubeVersion = ctx.version;
    this.#ctx = {
      api: ctx.api,
      events: ctx.events,
      sim: ctx.sim,
      version,
      enqueueAfter: (key, delayMs) => this.enqueueAfter(key, delayMs),
      podsOf: (uid) => this.#podIndex.owned(uid),
    };
    this.#deployments = this.inform<Deployment>('deployments', (_type, obj) => this.enqueue(keyOf(obj)));
    this.#replicaSets = this.inform<ReplicaSet>('replicasets', (type, obj, old) => this.#onReplicaSet(type, obj as ReplicaSet, old as ReplicaSet | undefined));
    this.#pods = this.inform<Pod>('pods', (type, obj) => this.#onPod(type, obj as Pod));
  }

  /** A ReplicaSet changed: sync its Deployment, or every Deployment that might adopt an orphan. */
  #onReplicaSet(type: WatchEventType, rs: ReplicaSet, old: ReplicaSet | undefined): void {
    if (type === 'DELETED') this.#rsIndex.delete(rs);
    else this.#rsIndex.set(rs);
    const oldRef = old && getControllerOf(old);
    const ref = getControllerOf(rs);
    if (oldRef && oldRef.uid !== ref?.uid) this.#enqueueController(rs, oldRef.uid);
    if (ref) return this.#enqueueController(rs, ref.uid);
    if (type === 'DELETED') return;
    for (const d of this.#deployments.list(rs.metadata?.namespace)) {
      if (matches(fromLabelSelector(d.spec?.selector), rs.metadata?.labels)) this.enqueue(keyOf(d));
    }
  }

  /** Only Recreate cares about pods: it waits for the last old pod to disappear. */
  #onPod(type: WatchEventType, pod: Pod): void {
    if (type === 'DELETED') this.#podIndex.delete(pod);
    else this.#podIndex.set(pod);
    if (type !== 'DELETED') return;
    const owner = getControllerOf(pod);
    // A pod without a controller (kubectl run) or owned by a vanished ReplicaSet concerns no Deployment.
    const rs = owner && this.#replicaSets.get(`${pod.metadata?.namespace}/${owner.name}`);
    if (!rs || rs.metadata?.uid !== owner?.uid) return;
    const dRef = getControllerOf(rs);
    const d = dRef && this.#resolve(rs, dRef.uid);
    if (d?.spec?.strategy?.type === 'Recreate') this.enqueue(keyOf(d));
  }

  #enqueueController(obj: KubeObject, uid: string): void {
    const d = this.#resolve(obj, uid);
    if (d) this.enqueue(keyOf(d));
  }

  #resolve(obj: KubeObject, uid: string): Deployment | undefined {
    const ref = obj.metadata?.ownerReferences?.find((r) => r.uid === uid);
    if (ref?.kind !== 'Deployment') return undefined;
    const d = this.#deployments.get(`${obj.metadata?.namespace}/${ref.name}`);
    return d?.metadata?.uid === uid ? d : undefined;
  }

  /** syncDeployment. A failure (stale cache, refused write) retries after RETRY_MS. */
  protected reconcile(key: string): void {
    const cached = this.#deployments.get(key);
    if (!cached) return;
    try {
      this.#sync(new DeploymentRun(this.#ctx, cached));
    } catch (e) {
      if (!(e instanceof ApiError) && !(e instanceof StaleReplicaSetError)) throw e;
      this.enqueueAfter(key, RETRY_MS);
    }
  }

  #sync(run: DeploymentRun): void {
    const d = run.deployment;
    const selector = d.spec?.selector;
    if (Object.keys(selector?.matchLabels ?? {}).length === 0 && (selector?.matchExpressions ?? []).length === 0) {
      run.event('Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      return;
    }
    const rsList = this.#claimReplicaSets(run);
    if (d.metadata?.deletionTimestamp !== undefined) return syncStatusOnly(run, rsList);
    checkPausedConditions(run);
    if (run.deployment.spec?.paused) return sync(run, rsList);
    if (isScalingEvent(run, rsList)) return sync(run, rsList);
    if (run.deployment.spec?.strategy?.type === 'Recreate') return rolloutRecreate(run, rsList);
    rolloutRolling(run, rsList);
  }

  /**
   * getReplicaSetsForDeployment with ClaimReplicaSets: owned ReplicaSets that still match stay,
   * owned ones that stopped matching are released, matching orphans are adopted.
   */
  #claimReplicaSets(run: DeploymentRun): ReplicaSet[] {
    const d = run.deployment;
    const uid = d.metadata!.uid!;
    const selector = fromLabelSelector(d.spec?.selector);
    const deleting = d.metadata?.deletionTimestamp !== undefined;
    const claimed: ReplicaSet[] = [];
    for (const rs of this.#rsIndex.owned(uid)) {
      if (matches(selector, rs.metadata?.labels)) claimed.push(rs);
      else if (!deleting) this.#setController(rs, undefined, uid);
    }
    if (!deleting) {
      for (const rs of this.#rsIndex.orphans(d.metadata?.namespace ?? 'default')) {
        if (rs.metadata?.deletionTimestamp !== undefined || !matches(selector, rs.metadata?.labels)) continue;
        const adopted = this.#setController(rs, d, uid);
        if (adopted) claimed.push(adopted);
      }
    }
    return claimed.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
  }

  /** Adopt (`owner` given) or release a ReplicaSet, re-reading it so a stale cache cannot undo another claim. */
  #setController(rs: ReplicaSet, owner: Deployment | undefined, uid: string): ReplicaSet | undefined {
    const live = this.api.tryGet<ReplicaSet>('replicasets', rs.metadata?.namespace, rs.metadata!.name!);
    if (!live) return undefined;
    const copy = clone(live);
    const refs = (copy.metadata!.ownerReferences ?? []).filter((r) => r.uid !== uid);
    if (owner) {
      if (getControllerOf(live)) return undefined;
      refs.push(controllerRef(owner));
    }
    copy.metadata!.ownerReferences = refs;
    return this.api.update('replicasets', copy, COMPONENT);
  }

  protected override restoreExtra(_state: unknown): void {
    this.#rsIndex.reset(this.#replicaSets.list());
    this.#podIndex.reset(this.#pods.list());
  }
}
