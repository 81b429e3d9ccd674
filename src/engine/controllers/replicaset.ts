import type { ReplicaSet, ReplicaSetCondition, ReplicaSetStatus } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { ApiError } from '../api/errors';
import type { Informer, WatchEventType } from '../api/informer';
import { matches, specSelector, type Selector } from '../api/labels';
import { clone, controllerRef, getControllerOf, keyOf, type KubeObject } from '../api/objects';
import { canonicalJson as canonical } from '../sim/hash';
import { atLeast, type KubeVersion } from '../version';
import { Component, type ComponentContext } from './component';
import { Expectations, type ExpectationsSnapshot } from './deployment/util/expectations';
import { OwnerIndex } from './deployment/util/owner-index';
import { isPodActive, isPodAvailable, isPodReady, podFacts, type PodFacts } from './deployment/util/pod';
import { podsToDelete } from './deployment/util/pod-ranking';

/**
 * What a sync asks of each pod it owns, kept per pod version in the owner index, with whether the
 * pod's labels match the last selector it was claimed for (a selector rarely changes, labels too).
 */
interface ClaimFacts extends PodFacts {
  selector: Selector | undefined;
  matches: boolean;
}

/** Pods created or deleted per sync at most (kube-controller-manager's --replicaset burst, 500). */
export const BURST_REPLICAS = 500;
/** controller.SlowStartInitialBatchSize: creations go 1, 2, 4, ... and stop at the first error. */
const SLOW_START_INITIAL_BATCH = 1;
const COMPONENT = 'replicaset-controller';
/** Virtual time a sync spends per pod it claims and counts: 5,000 pods make a 250 ms sync. */
const SYNC_COST_PER_POD_MS = 0.05;

/** ReplicaSetStatus with the field kubernetes-types 1.30 does not know yet (1.33+). */
type RsStatus = ReplicaSetStatus & { terminatingReplicas?: number };

/** What a ReplicaSet controller needs beyond every component's context. */
export interface WorkloadContext extends ComponentContext {
  version: KubeVersion;
}

/**
 * The ReplicaSet controller (upstream pkg/controller/replicaset): keeps `spec.replicas` active
 * pods for every ReplicaSet, adopting matching orphans and releasing pods that stopped matching,
 * and reports replicas, fullyLabeledReplicas, readyReplicas and availableReplicas in status.
 */
export class ReplicaSetController extends Component {
  readonly #replicaSets: Informer<ReplicaSet>;
  readonly #pods: Informer<Pod>;
  readonly #podIndex = new OwnerIndex<Pod, ClaimFacts>((pod) => Object.assign(podFacts(pod), { selector: undefined, matches: false }));
  readonly #expectations = new Expectations();
  readonly #version: KubeVersion;

  constructor(ctx: WorkloadContext) {
    super(COMPONENT, ctx);
    this.#version = ctx.version;
    this.#replicaSets = this.inform<ReplicaSet>('replicasets', (type, obj) => this.#onReplicaSet(type, obj as ReplicaSet));
    this.#pods = this.inform<Pod>('pods', (type, obj, old) => this.#onPod(type, obj as Pod, old as Pod | undefined));
  }

  #onReplicaSet(type: WatchEventType, rs: ReplicaSet): void {
    if (type === 'DELETED') this.#expectations.forget(keyOf(rs));
    this.enqueue(keyOf(rs));
  }

  /** Handlers only file the pod and enqueue the ReplicaSets that care (upstream add/update/deletePod). */
  #onPod(type: WatchEventType, pod: Pod, old: Pod | undefined): void {
    if (type === 'DELETED') this.#podIndex.delete(pod);
    else this.#podIndex.set(pod);
    if (type === 'DELETED' || pod.metadata?.deletionTimestamp !== undefined) {
      this.#podGone(pod);
      if (old && labelsChanged(old, pod)) this.#podGone(old);
      return;
    }
    const ref = getControllerOf(pod);
    const oldRef = old && getControllerOf(old);
    if (oldRef && oldRef.uid !== ref?.uid) this.#enqueueOwner(old, oldRef.uid);
    if (ref) {
      const rs = this.#resolve(pod, ref.uid);
      if (!rs) return;
      if (type === 'ADDED') this.#expectations.creationObserved(keyOf(rs));
      this.enqueue(keyOf(rs));
      const minReady = rs.spec?.minReadySeconds ?? 0;
      // Availability after minReadySeconds is not an event anyone sends; look again then.
      if (old && !isPodReady(old) && isPodReady(pod) && minReady > 0) this.enqueueAfter(keyOf(rs), minReady * 1000 + 1000);
      return;
    }
    if (type === 'ADDED' || !old || labelsChanged(old, pod) || oldRef) {
      for (const rs of this.#matchingReplicaSets(pod)) this.enqueue(keyOf(rs));
    }
  }

  #podGone(pod: Pod): void {
    const ref = getControllerOf(pod);
    const rs = ref && this.#resolve(pod, ref.uid);
    if (!rs) return;
    this.#expectations.deletionObserved(keyOf(rs), keyOf(pod));
    this.enqueue(keyOf(rs));
  }

  #enqueueOwner(pod: Pod, uid: string): void {
    const rs = this.#resolve(pod, uid);
    if (rs) this.enqueue(keyOf(rs));
  }

  /** The cached ReplicaSet a controllerRef names, if it is still the same object (uid). */
  #resolve(pod: Pod, uid: string): ReplicaSet | undefined {
    const ref = pod.metadata?.ownerReferences?.find((r) => r.uid === uid);
    if (!ref || ref.kind !== 'ReplicaSet') return undefined;
    const rs = this.#replicaSets.get(`${pod.metadata?.namespace}/${ref.name}`);
    return rs?.metadata?.uid === uid ? rs : undefined;
  }

  #matchingReplicaSets(pod: Pod): ReplicaSet[] {
    return this.#replicaSets
      .list(pod.metadata?.namespace)
      .filter((rs) => matches(specSelector(rs.spec), pod.metadata?.labels));
  }

  /** syncReplicaSet: claim pods, create or delete to converge, then write status. */
  protected reconcile(key: string): void {
    const rs = this.#replicaSets.get(key);
    if (!rs) {
      this.#expectations.forget(key);
      return;
    }
    const needsSync = this.#expectations.satisfied(key, this.sim.now());
    const claimed = this.#claimPods(rs);
    this.spend(claimed.active.length * SYNC_COST_PER_POD_MS);
    let error: ApiError | undefined;
    let deleted = new Set<string>();
    if (needsSync && rs.metadata?.deletionTimestamp === undefined) {
      const result = this.#manageReplicas(claimed.active, rs);
      error = result.error;
      deleted = result.deleted;
    }
    let { active, facts } = claimed;
    if (deleted.size > 0) {
      const kept = active.map((p) => !deleted.has(keyOf(p)));
      active = active.filter((_, i) => kept[i]);
      facts = facts.filter((_, i) => kept[i]);
    }
    const updated = this.#updateStatus(rs, active, facts, claimed.terminating + deleted.size, error);
    const minReady = updated.spec?.minReadySeconds ?? 0;
    const status = updated.status;
    if (!error && minReady > 0 && status?.readyReplicas === updated.spec?.replicas && status?.availableReplicas !== updated.spec?.replicas) {
      this.enqueueAfter(key, minReady * 1000);
    }
    if (error) this.enqueueAfter(key, 1000);
  }

  /**
   * ClaimPods: our pods that still match stay ours, our pods that stopped matching are released,
   * matching orphans are adopted (unless we are being deleted). Returns active claimed pods.
   */
  #claimPods(rs: ReplicaSet): { active: Pod[]; facts: PodFacts[]; terminating: number } {
    const uid = rs.metadata!.uid!;
    const selector = specSelector(rs.spec);
    const beingDeleted = rs.metadata?.deletionTimestamp !== undefined;
    // Sized for every owned pod up front: growing two 5,000-element arrays push by push, on every
    // sync, was the largest allocation of a rollout.
    const owned = this.#podIndex.countOwned(uid);
    const active = new Array<Pod>(owned);
    // Each active pod's facts, in the same order: the status counts read them, not the pods.
    const facts = new Array<PodFacts>(owned);
    let count = 0;
    let terminating = 0;
    for (const { obj: pod, data: f } of this.#podIndex.eachOwned(uid)) {
      if (f.terminating) terminating++;
      if (!f.active) continue;
      if (f.selector !== selector) {
        f.selector = selector;
        f.matches = matches(selector, pod.metadata?.labels);
      }
      if (f.matches) {
        active[count] = pod;
        facts[count++] = f;
      } else if (!beingDeleted) this.#release(pod, uid);
    }
    active.length = facts.length = count;
    if (beingDeleted) return { active, facts, terminating };
    const orphans = this.#podIndex.orphans(rs.metadata?.namespace ?? 'default').sort(byKey);
    for (const pod of orphans) {
      if (!isPodActive(pod) || !matches(selector, pod.metadata?.labels)) continue;
      const adopted = this.#adopt(pod, rs);
      if (adopted) {
        active.push(adopted);
        facts.push(podFacts(adopted));
      }
    }
    return { active, facts, terminating };
  }

  #adopt(pod: Pod, rs: ReplicaSet): Pod | undefined {
    const live = this.api.tryGet<Pod>('pods', pod.metadata?.namespace, pod.metadata!.name!);
    const liveRs = this.api.tryGet<ReplicaSet>('replicasets', rs.metadata?.namespace, rs.metadata!.name!);
    // RecheckDeletionTimestamp: never adopt for a ReplicaSet that is going away or was replaced.
    if (!live || getControllerOf(live) || liveRs?.metadata?.uid !== rs.metadata?.uid || liveRs?.metadata?.deletionTimestamp) return undefined;
    const copy = clone(live);
    copy.metadata!.ownerReferences = [...(copy.metadata!.ownerReferences ?? []), controllerRef(rs)];
    return this.api.update('pods', copy, COMPONENT);
  }

  #release(pod: Pod, uid: string): void {
    const live = this.api.tryGet<Pod>('pods', pod.metadata?.namespace, pod.metadata!.name!);
    if (!live) return;
    const copy = clone(live);
    copy.metadata!.ownerReferences = (copy.metadata!.ownerReferences ?? []).filter((r) => r.uid !== uid);
    this.api.update('pods', copy, COMPONENT);
  }

  /** manageReplicas: create the missing pods in slow-start batches, or delete the surplus. */
  #manageReplicas(active: Pod[], rs: ReplicaSet): { error?: ApiError; deleted: Set<string> } {
    const key = keyOf(rs);
    const diff = active.length - (rs.spec?.replicas ?? 1);
    const now = this.sim.now();
    if (diff < 0) {
      const want = Math.min(-diff, BURST_REPLICAS);
      this.#expectations.expectCreations(key, want, now);
      const { created, error } = this.#slowStartCreate(rs, want);
      // The informer will never see pods we did not create, so stop waiting for them.
      for (let i = created; i < want; i++) this.#expectations.creationObserved(key);
      return { error, deleted: new Set() };
    }
    if (diff === 0) return { deleted: new Set() };
    const count = Math.min(diff, BURST_REPLICAS);
    const victims = podsToDelete(active, this.#relatedPods(rs), count, now, this.api.epochMs);
    this.#expectations.expectDeletions(key, victims.map(keyOf), now);
    const deleted = new Set<string>();
    let error: ApiError | undefined;
    for (const pod of victims) {
      try {
        this.api.delete('pods', pod.metadata?.namespace, pod.metadata!.name!, { actor: COMPONENT });
        deleted.add(keyOf(pod));
        this.#event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata?.name}`);
      } catch (e) {
        this.#expectations.deletionObserved(key, keyOf(pod));
        if (!(e instanceof ApiError)) throw e;
        if (e.code === 404) continue;
        error = e;
        this.#event(rs, 'Warning', 'FailedDelete', `Error deleting: ${e.message}`);
      }
    }
    return { error, deleted };
  }

  /** Pods of every ReplicaSet with the same controller (a Deployment's other revisions). */
  #relatedPods(rs: ReplicaSet): Pod[] {
    const owner = getControllerOf(rs)?.uid;
    if (owner === undefined) return this.#podIndex.owned(rs.metadata?.uid);
    return this.#replicaSets
      .list(rs.metadata?.namespace)
      .filter((other) => getControllerOf(other)?.uid === owner)
      .flatMap((other) => this.#podIndex.owned(other.metadata?.uid));
  }

  /** slowStartBatch: batches of 1, 2, 4, ... so a systematic failure costs one attempt, not hundreds. */
  #slowStartCreate(rs: ReplicaSet, count: number): { created: number; error?: ApiError } {
    let created = 0;
    let remaining = count;
    for (let batch = Math.min(remaining, SLOW_START_INITIAL_BATCH); batch > 0; batch = Math.min(2 * batch, remaining)) {
      for (let i = 0; i < batch; i++) {
        const error = this.#createPod(rs);
        if (error) return { created, error };
        created++;
      }
      remaining -= batch;
    }
    return { created };
  }

  #createPod(rs: ReplicaSet): ApiError | undefined {
    try {
      const pod = this.api.create('pods', this.#newPod(rs), COMPONENT);
      this.#event(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata?.name}`);
      return undefined;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      this.#event(rs, 'Warning', 'FailedCreate', `Error creating: ${e.message}`);
      return e;
    }
  }

  /**
   * GetPodFromTemplate: labels, annotations and spec from the template, the ReplicaSet as
   * controller. The name is `<rs>-<5 random chars>` from the seeded PRNG, re-drawn on the rare
   * collision (the API server's RetryGenerateName does the same since 1.32).
   */
  #newPod(rs: ReplicaSet): Pod {
    const template = rs.spec?.template;
    const namespace = rs.metadata?.namespace ?? 'default';
    let name = '';
    do name = `${rs.metadata?.name}-${this.sim.rng.string(5)}`;
    while (this.api.tryGet('pods', namespace, name));
    const meta = clone(template?.metadata ?? {});
    delete meta.name;
    return {
      metadata: { ...meta, name, generateName: `${rs.metadata?.name}-`, namespace, ownerReferences: [controllerRef(rs)] },
      spec: clone(template!.spec!),
    };
  }

  #updateStatus(rs: ReplicaSet, active: Pod[], facts: PodFacts[], terminating: number, error: ApiError | undefined): ReplicaSet {
    const status = this.#calculateStatus(rs, active, facts, terminating, error);
    const prev = rs.status ?? {};
    if (canonical(prev) === canonical(status)) return rs;
    const copy = clone(rs);
    copy.status = status;
    try {
      return this.api.updateStatus('replicasets', copy, COMPONENT);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      // A stale cache (409) or a ReplicaSet deleted meanwhile (404): the next event brings us back.
      this.enqueueAfter(keyOf(rs), 100);
      return rs;
    }
  }

  #calculateStatus(rs: ReplicaSet, active: Pod[], facts: PodFacts[], terminating: number, error: ApiError | undefined): RsStatus {
    // The template's labels as entries once per sync, not once per pod. When the selector asks
    // for every one of them (a Deployment's ReplicaSets always do), every active pod, which
    // matched the selector when claimed, has them all: no need to look at each pod's labels.
    const templateLabels = Object.entries(rs.spec?.template?.metadata?.labels ?? {});
    const selected = rs.spec?.selector?.matchLabels ?? {};
    const allLabeled = templateLabels.every(([k, v]) => selected[k] === v);
    const minReady = rs.spec?.minReadySeconds ?? 0;
    const now = this.sim.now();
    let fullyLabeled = 0;
    let ready = 0;
    let available = 0;
    // Index loops: this runs for every pod on every sync, and iterators here were garbage.
    for (let i = 0; i < active.length; i++) {
      const pod = active[i]!;
      if (allLabeled || hasAllLabels(pod.metadata?.labels, templateLabels)) fullyLabeled++;
      if (!facts[i]!.ready) continue;
      ready++;
      if (minReady === 0 || isPodAvailable(pod, minReady, now, this.api.epochMs)) available++;
    }
    const status: RsStatus = {
      replicas: active.length,
      fullyLabeledReplicas: fullyLabeled,
      readyReplicas: ready,
      availableReplicas: available,
      observedGeneration: rs.metadata?.generation ?? 1,
    };
    // DeploymentReplicaSetTerminatingReplicas: alpha in 1.33, beta and on by default from 1.35.
    if (atLeast(this.#version, 35)) status.terminatingReplicas = terminating;
    const conditions = this.#conditions(rs, error);
    if (conditions.length > 0) status.conditions = conditions;
    return status;
  }

  /** The ReplicaFailure condition while creating or deleting fails; dropped once it works again. */
  #conditions(rs: ReplicaSet, error: ApiError | undefined): ReplicaSetCondition[] {
    const others = (rs.status?.conditions ?? []).filter((c) => c.type !== 'ReplicaFailure');
    if (!error) return others.map((c) => ({ ...c }));
    const previous = rs.status?.conditions?.find((c) => c.type === 'ReplicaFailure');
    const reason = (rs.spec?.replicas ?? 1) > (rs.status?.replicas ?? 0) ? 'FailedCreate' : 'FailedDelete';
    const at = previous?.status === 'True' ? previous.lastTransitionTime : this.api.timestamp();
    return [...others.map((c) => ({ ...c })), { type: 'ReplicaFailure', status: 'True', reason, message: error.message, lastTransitionTime: at }];
  }

  #event(rs: ReplicaSet, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.events.record({ object: rs, type, reason, message, component: COMPONENT });
  }

  protected override snapshotExtra(): unknown {
    return this.#expectations.snapshot();
  }

  protected override restoreExtra(state: unknown): void {
    this.#expectations.restore(state as ExpectationsSnapshot);
    this.#podIndex.reset(this.#pods.list());
  }
}

function labelsChanged(a: KubeObject, b: KubeObject): boolean {
  // Most pod updates are status writes, which share the stored labels object.
  if (a.metadata?.labels === b.metadata?.labels) return false;
  return canonical(a.metadata?.labels ?? {}) !== canonical(b.metadata?.labels ?? {});
}

function hasAllLabels(labels: Readonly<Record<string, string>> | undefined, want: readonly [string, string][]): boolean {
  for (let i = 0; i < want.length; i++) if (labels?.[want[i]![0]] !== want[i]![1]) return false;
  return true;
}

function byKey(a: KubeObject, b: KubeObject): number {
  const ka = keyOf(a);
  const kb = keyOf(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
