import type { DaemonSet, DaemonSetSpec, DaemonSetStatus } from 'kubernetes-types/apps/v1';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { ApiError } from '../api/errors';
import { templateGeneration } from '../api/strategies';
import type { Informer } from '../api/informer';
import { clone, controllerRef, getControllerOf, keyOf, perStoredPart } from '../api/objects';
import { matchesNodeSelectorAndAffinity } from '../scheduler/plugins/node-affinity';
import { toleratesTaint } from '../scheduler/plugins/taint-toleration';
import { canonicalJson, fnv32a, safeEncodeString } from '../sim/hash';
import type { ComponentFactory } from '../components';
import { Component, type ComponentContext } from './component';
import { isPodActive, isPodReady } from './deployment/util/pod';
import { inControllerManager } from './shared-informers';

const COMPONENT = 'daemonset-controller';

/** The tolerations the DaemonSet controller adds to every daemon pod (util.AddOrUpdateDaemonPodTolerations). */
const DAEMON_TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

/**
 * The DaemonSet controller (upstream pkg/controller/daemon), reduced to what clusters need: one
 * pod per eligible node (nodeName, nodeSelector, required node affinity and taints decide),
 * pinned to it by required node affinity on metadata.name so the scheduler binds it; extra or
 * misplaced pods go, pods from an older template are replaced one node at a time (RollingUpdate,
 * maxUnavailable 1).
 */
export class DaemonSetController extends Component {
  readonly #daemonSets: Informer<DaemonSet>;
  readonly #pods: Informer<Pod>;
  readonly #nodes: Informer<Node>;

  constructor(ctx: ComponentContext) {
    super(COMPONENT, ctx);
    this.#daemonSets = this.inform<DaemonSet>('daemonsets', (_t, obj) => this.enqueue(keyOf(obj)));
    this.#pods = this.inform<Pod>('pods', (_t, obj) => this.#onPod(obj as Pod));
    this.#nodes = this.inform<Node>('nodes', (type, obj, old) => this.#onNode(type, obj as Node, old as Node | undefined));
  }

  /**
   * updateNode: a node's heartbeats, images and status change all the time; a DaemonSet cares only
   * when whether it should run there changed (labels, taints). New and removed nodes always count.
   */
  #onNode(type: string, node: Node, old: Node | undefined): void {
    for (const ds of this.#daemonSets.list()) if (type !== 'MODIFIED' || !old || shouldRun(ds, node) !== shouldRun(ds, old)) this.enqueue(keyOf(ds));
  }

  #onPod(pod: Pod): void {
    const ref = getControllerOf(pod);
    if (ref?.kind === 'DaemonSet') this.enqueue(`${pod.metadata?.namespace}/${ref.name}`);
  }

  protected reconcile(key: string): void {
    const ds = this.#daemonSets.get(key);
    if (!ds || ds.metadata?.deletionTimestamp) return;
    const hash = templateHash(ds);
    const owned = this.#pods.list(ds.metadata?.namespace).filter((p) => getControllerOf(p)?.uid === ds.metadata?.uid && isPodActive(p));
    const byNode = new Map<string, Pod[]>();
    for (const p of owned) {
      const node = podNode(p);
      byNode.set(node, [...(byNode.get(node) ?? []), p]);
    }
    const verdicts = new Map(this.#nodes.list().map((n) => [n.metadata?.name ?? '', shouldRun(ds, n)]));
    const eligible = [...verdicts].filter(([, v]) => v.run).map(([name]) => name);
    const names = new Set(eligible);
    for (const [node, pods] of byNode) for (const extra of verdicts.get(node)?.keep ? pods.slice(1) : pods) this.#delete(extra, 'misplaced or duplicate');
    for (const node of eligible) if (!byNode.has(node)) this.#create(ds, node, hash);
    this.#rollOne(owned.filter((p) => names.has(podNode(p))), hash);
    this.#writeStatus(ds, eligible.length, owned, names, hash);
  }

  /** RollingUpdate with maxUnavailable 1: replace one outdated pod while all others are ready. */
  #rollOne(pods: Pod[], hash: string): void {
    const outdated = pods.filter((p) => p.metadata?.labels?.['controller-revision-hash'] !== hash);
    if (outdated.length > 0 && pods.every((p) => isPodReady(p))) this.#delete(outdated[0]!, 'outdated template');
  }

  #create(ds: DaemonSet, node: string, hash: string): void {
    const template = clone(ds.spec?.template);
    const spec = template?.spec;
    if (!spec) return;
    // ReplaceDaemonSetPodNodeNameNodeAffinity: the required terms become the node's name alone.
    const pinned = { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }] };
    spec.affinity = { ...spec.affinity, nodeAffinity: { ...spec.affinity?.nodeAffinity, requiredDuringSchedulingIgnoredDuringExecution: pinned } };
    const tolerations = [...(spec.tolerations ?? [])];
    for (const t of DAEMON_TOLERATIONS) if (!tolerations.some((x) => x.key === t.key && x.effect === t.effect)) tolerations.push(t);
    spec.tolerations = tolerations;
    const labels = { ...template.metadata?.labels, 'controller-revision-hash': hash, 'pod-template-generation': String(templateGeneration(ds) ?? 1) };
    const pod: Pod = {
      metadata: { generateName: `${ds.metadata?.name}-`, namespace: ds.metadata?.namespace, labels, ownerReferences: [controllerRef(ds)] },
      spec,
    };
    try {
      const created = this.api.create<Pod>('pods', pod, COMPONENT);
      this.events.record({ object: ds, type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${created.metadata?.name}`, component: COMPONENT });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      this.events.record({ object: ds, type: 'Warning', reason: 'FailedCreate', message: `Error creating: ${e.message}`, component: COMPONENT });
      this.enqueueAfter(keyOf(ds), 1000);
    }
  }

  #delete(pod: Pod, why: string): void {
    try {
      this.api.delete('pods', pod.metadata?.namespace, pod.metadata?.name ?? '', { actor: COMPONENT });
      this.sim.record(this.id, 'delete', `deleted ${why} pod ${pod.metadata?.name}`, `pods/${keyOf(pod)}`);
    } catch (e) {
      // Already gone (404): the pod's delete event brings the DaemonSet back here.
      if (!(e instanceof ApiError)) throw e;
    }
  }

  #writeStatus(ds: DaemonSet, desired: number, owned: Pod[], eligible: Set<string>, hash: string): void {
    const scheduled = owned.filter((p) => eligible.has(podNode(p)));
    const ready = scheduled.filter(isPodReady).length;
    const status: DaemonSetStatus = {
      currentNumberScheduled: new Set(scheduled.map(podNode).filter((n) => n !== '')).size,
      numberMisscheduled: owned.length - scheduled.length,
      desiredNumberScheduled: desired,
      numberReady: ready,
      observedGeneration: ds.metadata?.generation ?? 1,
      updatedNumberScheduled: scheduled.filter((p) => p.metadata?.labels?.['controller-revision-hash'] === hash).length,
      numberAvailable: ready,
      ...(desired - ready > 0 ? { numberUnavailable: desired - ready } : {}),
    };
    if (canonicalJson(status) === canonicalJson(ds.status ?? {})) return;
    try {
      this.api.updateStatus('daemonsets', { ...clone(ds), status }, COMPONENT);
    } catch (e) {
      // A stale cache (409) or a DaemonSet deleted meanwhile (404): the next event brings us back.
      if (!(e instanceof ApiError)) throw e;
      this.enqueueAfter(keyOf(ds), 100);
    }
  }
}

/** The node a daemon pod is bound or pinned to. */
function podNode(pod: Pod): string {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const term = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms[0];
  return term?.matchFields?.find((f) => f.key === 'metadata.name')?.values?.[0] ?? '';
}

/**
 * NodeShouldRunDaemonPod: `run` when the template's nodeName, nodeSelector and required node
 * affinity fit the node and every NoSchedule/NoExecute taint is tolerated (the daemon tolerations
 * included); `keep` (shouldContinueRunning) when they fit and only an untolerated NoExecute taint
 * would drive a running daemon pod away, so a new NoSchedule taint leaves it where it is.
 */
function shouldRun(ds: DaemonSet, node: Node): { run: boolean; keep: boolean } {
  const spec = ds.spec?.template.spec;
  const name = node.metadata?.name ?? '';
  if (spec?.nodeName && spec.nodeName !== name) return NOT_HERE;
  if (!matchesNodeSelectorAndAffinity({ spec }, node)) return NOT_HERE;
  const tolerations = [...(spec?.tolerations ?? []), ...DAEMON_TOLERATIONS];
  const untolerated = (node.spec?.taints ?? []).filter((t) => t.effect !== 'PreferNoSchedule' && !tolerations.some((tol) => toleratesTaint(tol, t)));
  if (untolerated.length === 0) return HERE;
  return untolerated.some((t) => t.effect === 'NoExecute') ? NOT_HERE : KEEP_ONLY;
}

const HERE = { run: true, keep: true };
const KEEP_ONLY = { run: false, keep: true };
const NOT_HERE = { run: false, keep: false };

/** controller-revision-hash: a short, stable hash of the pod template. */
function templateHash(ds: DaemonSet): string {
  return ds.spec ? storedTemplateHash(ds.spec) : hashTemplate(undefined);
}

const hashTemplate = (template: DaemonSetSpec['template'] | undefined) => safeEncodeString(String(fnv32a(canonicalJson(template ?? {}))));
/** Every reconcile asks for it, and a stored spec never changes. */
const storedTemplateHash = perStoredPart((spec: DaemonSetSpec) => hashTemplate(spec.template));


/** The DaemonSet controller of kube-controller-manager. */
export const daemonSetControllerComponents: ComponentFactory = (cp) => inControllerManager(cp, (ctx) => [new DaemonSetController(ctx)]);
