import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget, PodDisruptionBudgetStatus } from 'kubernetes-types/policy/v1';
import { setDisruptionAllowed } from '../api/eviction';
import type { Informer } from '../api/informer';
import { fromLabelSelector, matches } from '../api/labels';
import { clone, getControllerOf, keyOf } from '../api/objects';
import type { ComponentFactory } from '../components';
import { canonicalJson } from '../sim/hash';
import { Component, type ComponentContext } from './component';
import { isPodReady, timestampMs } from './deployment/util/pod';
import { scaledValue } from './deployment/util/replicasets';
import { inControllerManager } from './shared-informers';

const COMPONENT = 'controllermanager';
const ID = 'disruption-controller';
/** A pod the eviction API marked as disrupted is expected gone within this (DeletionTimeout). */
export const DELETION_TIMEOUT_MS = 2 * 60 * 1000;

const UNMANAGED_MESSAGE = (selector: string) =>
  `Pods selected by this PodDisruptionBudget (selector: ${selector}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`;

/** How many pods a budget expects and must keep healthy (getExpectedPodCount). */
interface Expectation {
  expected: number;
  desiredHealthy: number;
  unmanaged: string[];
}

/**
 * The disruption controller (pkg/controller/disruption): for every PodDisruptionBudget it counts
 * the selected pods that are healthy (Ready, not deleting, not just evicted), derives how many must
 * stay healthy from minAvailable / maxUnavailable and the owning controllers' scale, and writes
 * currentHealthy, desiredHealthy, expectedPods, disruptionsAllowed and the DisruptionAllowed
 * condition, which the eviction subresource then spends.
 */
export class DisruptionController extends Component {
  readonly #pdbs: Informer<PodDisruptionBudget>;
  readonly #pods: Informer<Pod>;
  readonly #replicaSets: Informer<ReplicaSet>;
  readonly #deployments: Informer<Deployment>;

  constructor(ctx: ComponentContext) {
    super(ID, ctx);
    this.#pdbs = this.inform<PodDisruptionBudget>('poddisruptionbudgets', (_t, obj) => this.enqueue(keyOf(obj)));
    this.#pods = this.inform<Pod>('pods', (_t, obj) => this.#onPod(obj as Pod));
    this.#replicaSets = this.inform<ReplicaSet>('replicasets', (_t, obj) => this.#onScale(obj.metadata?.namespace));
    this.#deployments = this.inform<Deployment>('deployments', (_t, obj) => this.#onScale(obj.metadata?.namespace));
  }

  #onPod(pod: Pod): void {
    for (const pdb of this.#pdbs.list(pod.metadata?.namespace)) if (selects(pdb, pod)) this.enqueue(keyOf(pdb));
  }

  #onScale(namespace: string | undefined): void {
    for (const pdb of this.#pdbs.list(namespace)) this.enqueue(keyOf(pdb));
  }

  protected reconcile(key: string): void {
    const pdb = this.#pdbs.get(key);
    if (!pdb || pdb.metadata?.deletionTimestamp) return;
    const pods = this.#pods.list(pdb.metadata?.namespace).filter((p) => selects(pdb, p));
    this.spend(pods.length * 0.01);
    if (pods.length === 0) this.#event(pdb, 'Normal', 'NoPods', 'No matching pods found');
    let expectation: Expectation;
    try {
      expectation = this.#expectation(pdb, pods);
    } catch (e) {
      const message = (e as Error).message;
      this.#event(pdb, 'Warning', 'CalculateExpectedPodCountFailed', `Failed to calculate the number of expected pods: ${message}`);
      return this.#failSafe(pdb, message);
    }
    if (expectation.unmanaged.length > 0) this.#event(pdb, 'Warning', 'UnmanagedPods', UNMANAGED_MESSAGE(selectorText(pdb)));
    const now = this.sim.now();
    const { disrupted, recheckMs } = this.#disruptedPods(pdb, pods, now);
    const currentHealthy = pods.filter((p) => !p.metadata?.deletionTimestamp && !((p.metadata?.name ?? '') in disrupted) && isPodReady(p)).length;
    const { expected, desiredHealthy } = expectation;
    const allowed = expected <= 0 || currentHealthy - desiredHealthy <= 0 ? 0 : currentHealthy - desiredHealthy;
    const status: PodDisruptionBudgetStatus = {
      ...(Object.keys(disrupted).length > 0 ? { disruptedPods: disrupted } : {}),
      observedGeneration: pdb.metadata?.generation ?? 1,
      disruptionsAllowed: allowed,
      currentHealthy,
      desiredHealthy,
      expectedPods: expected,
      conditions: clone(pdb.status?.conditions ?? []),
    };
    setDisruptionAllowed(status, this.api.timestamp());
    this.#write(pdb, status);
    if (recheckMs !== undefined) this.enqueueAfter(key, Math.max(1, recheckMs - now));
  }

  /** getExpectedPodCount: an integer minAvailable counts the pods; anything else asks their controllers. */
  #expectation(pdb: PodDisruptionBudget, pods: Pod[]): Expectation {
    const { minAvailable, maxUnavailable } = pdb.spec ?? {};
    if (maxUnavailable !== undefined) {
      const scale = this.#expectedScale(pods);
      const desired = scale.expected - scaledValue(maxUnavailable, scale.expected, true);
      return { ...scale, desiredHealthy: Math.max(0, desired) };
    }
    if (typeof minAvailable === 'number') return { expected: pods.length, desiredHealthy: minAvailable, unmanaged: [] };
    if (typeof minAvailable === 'string') {
      const scale = this.#expectedScale(pods);
      return { ...scale, desiredHealthy: scaledValue(minAvailable, scale.expected, true) };
    }
    return { expected: 0, desiredHealthy: 0, unmanaged: [] };
  }

  /** getExpectedScale: the summed replicas of the distinct controllers (a Deployment above its ReplicaSets). */
  #expectedScale(pods: Pod[]): { expected: number; unmanaged: string[] } {
    const scales = new Map<string, number>();
    const unmanaged: string[] = [];
    for (const pod of pods) {
      const ref = getControllerOf(pod);
      if (!ref) {
        unmanaged.push(pod.metadata?.name ?? '');
        continue;
      }
      const found = ref.kind === 'ReplicaSet' ? this.#replicaSetScale(pod.metadata?.namespace ?? '', ref.name, ref.uid) : undefined;
      if (!found) throw new Error(`found no controllers for pod "${pod.metadata?.name ?? ''}"`);
      scales.set(found.uid, found.replicas);
    }
    return { expected: [...scales.values()].reduce((a, b) => a + b, 0), unmanaged };
  }

  #replicaSetScale(namespace: string, name: string, uid: string): { uid: string; replicas: number } | undefined {
    const rs = this.#replicaSets.get(`${namespace}/${name}`);
    if (!rs || rs.metadata?.uid !== uid) return undefined;
    const owner = getControllerOf(rs);
    if (owner?.kind === 'Deployment') {
      const d = this.#deployments.get(`${namespace}/${owner.name}`);
      if (d && d.metadata?.uid === owner.uid) return { uid: owner.uid, replicas: d.spec?.replicas ?? 1 };
      return undefined;
    }
    return { uid, replicas: rs.spec?.replicas ?? 1 };
  }

  /** buildDisruptedPodMap: evicted pods still present count as gone for two minutes, then warn. */
  #disruptedPods(pdb: PodDisruptionBudget, pods: Pod[], now: number): { disrupted: Record<string, string>; recheckMs?: number } {
    const disrupted: Record<string, string> = {};
    let recheckMs: number | undefined;
    const marked = pdb.status?.disruptedPods ?? {};
    for (const pod of pods) {
      const name = pod.metadata?.name ?? '';
      const at = marked[name];
      if (pod.metadata?.deletionTimestamp || at === undefined) continue;
      const expectedDeletion = (timestampMs(at, this.api.epochMs) ?? now) + DELETION_TIMEOUT_MS;
      if (expectedDeletion < now) {
        this.#event(pod, 'Warning', 'NotDeleted', `Pod was expected by PDB ${keyOf(pdb)} to be deleted but it wasn't`);
        continue;
      }
      disrupted[name] = at;
      if (recheckMs === undefined || expectedDeletion < recheckMs) recheckMs = expectedDeletion;
    }
    return recheckMs === undefined ? { disrupted } : { disrupted, recheckMs };
  }

  /** failSafe: no disruptions, and the condition says why. */
  #failSafe(pdb: PodDisruptionBudget, message: string): void {
    const status = clone(pdb.status ?? { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 });
    status.disruptionsAllowed = 0;
    const old = status.conditions?.find((c) => c.type === 'DisruptionAllowed');
    const lastTransitionTime = old?.status === 'False' ? old.lastTransitionTime : this.api.timestamp();
    const condition = { type: 'DisruptionAllowed', status: 'False', reason: 'SyncFailed', message, observedGeneration: status.observedGeneration ?? 0, lastTransitionTime };
    status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== 'DisruptionAllowed'), condition];
    this.#write(pdb, status);
  }

  #write(pdb: PodDisruptionBudget, status: PodDisruptionBudgetStatus): void {
    if (canonicalJson(status) === canonicalJson(pdb.status ?? {})) return;
    this.api.updateStatus('poddisruptionbudgets', { ...clone(pdb), status }, ID);
  }

  #event(object: Pod | PodDisruptionBudget, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.events.record({ object, type, reason, message, component: COMPONENT });
  }
}

/** policy/v1: a nil selector selects nothing, an empty one every pod of the namespace. */
function selects(pdb: PodDisruptionBudget, pod: Pod): boolean {
  const selector = pdb.spec?.selector;
  return selector !== undefined && matches(fromLabelSelector(selector), pod.metadata?.labels);
}

/** The selector as Go prints a *metav1.LabelSelector with %v in the UnmanagedPods event. */
function selectorText(pdb: PodDisruptionBudget): string {
  const labels = Object.entries(pdb.spec?.selector?.matchLabels ?? {}).map(([k, v]) => `${k}:${v}`);
  return `&LabelSelector{MatchLabels:map[string]string{${labels.join(',')}},MatchExpressions:[]LabelSelectorRequirement{},}`;
}

/** One disruption controller per cluster (kube-controller-manager runs it by default). */
export const disruptionControllerComponents: ComponentFactory = (cp) => inControllerManager(cp, (ctx) => [new DisruptionController(ctx)]);
