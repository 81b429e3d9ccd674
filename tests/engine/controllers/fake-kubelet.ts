import type { Deployment } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { Cluster } from '../../../src/engine/cluster';
import { clone, keyOf } from '../../../src/engine/api/objects';
import { workloadControllerComponents } from '../../../src/engine/controllers';
import { Cluster as ClusterClass } from '../../../src/engine/cluster';

/** Options for the stand-in kubelet. */
export interface FakeKubeletOptions {
  /** Bind pods to this node (so deletion is graceful, as for real running pods). */
  node?: string;
  /** Virtual ms from a pod's creation until it is Running and Ready. */
  readyAfterMs?: number;
  /** Virtual ms from deletionTimestamp until the pod is removed (its containers "stopped"). */
  terminateAfterMs?: number;
  /** Pods for which this returns true never become ready (a broken image). */
  neverReady?: (pod: Pod) => boolean;
}

/**
 * Plays scheduler and kubelet for controller tests, which run without either: binds new pods to a
 * node, marks them Running and Ready after a delay, and removes terminating pods after another.
 * It acts through the API between advance() steps, as the real components would.
 */
export class FakeKubelet {
  readonly #seenTerminating = new Map<string, number>();
  readonly #created = new Map<string, number>();

  constructor(
    readonly cluster: Cluster,
    readonly options: FakeKubeletOptions = {},
  ) {}

  tick(): void {
    const { api } = this.cluster;
    const now = this.cluster.now();
    for (const pod of api.list<Pod>('pods').items) {
      const key = keyOf(pod);
      if (!this.#created.has(key)) this.#created.set(key, now);
      if (pod.metadata?.deletionTimestamp) {
        const since = this.#seenTerminating.get(key) ?? now;
        this.#seenTerminating.set(key, since);
        if (now - since >= (this.options.terminateAfterMs ?? 2000)) api.delete('pods', pod.metadata.namespace, pod.metadata.name!, { gracePeriodSeconds: 0, actor: 'kubelet' });
        continue;
      }
      if (!pod.spec?.nodeName && this.options.node !== undefined) {
        const bound = clone(pod);
        bound.spec!.nodeName = this.options.node;
        api.update('pods', bound, 'default-scheduler');
        continue;
      }
      if (pod.status?.phase === 'Running' || this.options.neverReady?.(pod)) continue;
      if (now - this.#created.get(key)! >= (this.options.readyAfterMs ?? 1000)) this.#markReady(pod);
    }
  }

  #markReady(pod: Pod): void {
    const { api } = this.cluster;
    const copy = clone(pod);
    const now = api.timestamp();
    copy.status = {
      ...copy.status,
      phase: 'Running',
      conditions: [
        { type: 'PodReadyToStartContainers', status: 'True', lastTransitionTime: now },
        { type: 'Initialized', status: 'True', lastTransitionTime: now },
        { type: 'Ready', status: 'True', lastTransitionTime: now },
        { type: 'ContainersReady', status: 'True', lastTransitionTime: now },
        { type: 'PodScheduled', status: 'True', lastTransitionTime: now },
      ],
      containerStatuses: (pod.spec?.containers ?? []).map((c) => ({
        name: c.name,
        image: c.image ?? '',
        imageID: '',
        ready: true,
        started: true,
        restartCount: 0,
        state: { running: { startedAt: now } },
      })),
    };
    api.updateStatus('pods', copy, 'kubelet');
  }

  /** Advance `totalMs` in steps of `stepMs`, acting between steps and calling `check` after each. */
  run(totalMs: number, stepMs = 100, check?: () => void): void {
    for (let t = 0; t < totalMs; t += stepMs) {
      this.tick();
      this.cluster.advance(stepMs);
      check?.();
    }
  }
}

/** A cluster with only the workload controllers, as these tests need. */
export function workloadCluster(seed = 1, overrides: { kubernetesVersion?: string } = {}): Cluster {
  return ClusterClass.create({ seed, ...overrides }, [workloadControllerComponents]);
}

/** A Deployment of nginx with `app: <name>` labels. */
export function deployment(name: string, replicas: number, extra: Partial<Deployment['spec']> = {}): Deployment {
  return {
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
      ...extra,
    },
  };
}

/** Pods in the default namespace, optionally only those not being deleted. */
export function pods(cluster: Cluster, activeOnly = false): Pod[] {
  return cluster.api.list<Pod>('pods', 'default').items.filter((p) => !activeOnly || !p.metadata?.deletionTimestamp);
}

/** Pods that are Ready and not terminating. */
export function availablePods(cluster: Cluster): Pod[] {
  return pods(cluster, true).filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
}

/** Event messages with a given reason, oldest first. */
export function eventMessages(cluster: Cluster, reason: string): string[] {
  return cluster.api
    .list<{ reason?: string; message?: string; metadata?: { resourceVersion?: string } }>('events', 'default')
    .items.filter((e) => e.reason === reason)
    // Creation order: these messages are unique, so no Event was re-written by aggregation.
    .sort((a, b) => Number(a.metadata?.resourceVersion) - Number(b.metadata?.resourceVersion))
    .map((e) => e.message ?? '');
}

/** Change the Deployment through the API, as `kubectl apply` or `kubectl set image` would. */
export function editDeployment(cluster: Cluster, name: string, edit: (d: Deployment) => void): void {
  const current = clone(cluster.api.get<Deployment>('deployments', 'default', name));
  edit(current);
  cluster.api.update('deployments', current);
}
