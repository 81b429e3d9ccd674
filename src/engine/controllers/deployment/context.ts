import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../../api/apiserver';
import type { EventRecorder } from '../../api/events';
import { clone, type Mutable } from '../../api/objects';
import type { Simulator } from '../../sim/simulator';
import type { KubeVersion } from '../../version';

export const COMPONENT = 'deployment-controller';

/** What the deployment controller's pieces (sync, rolling, recreate, progress) may use. */
export interface DeploymentContext {
  readonly api: ApiServer;
  readonly events: EventRecorder;
  readonly sim: Simulator;
  readonly version: KubeVersion;
  enqueueAfter(key: string, delayMs: number): void;
  /** Cached pods controlled by the ReplicaSet with this uid. */
  podsOf(rsUid: string): Pod[];
}

/**
 * One sync of one Deployment: a private, writable copy that every step updates in place, the way
 * upstream threads `d *apps.Deployment` through its helpers. After each write it holds what the
 * API server returned, so the next write carries the current resourceVersion.
 */
export class DeploymentRun {
  d: Mutable<Deployment>;

  constructor(
    readonly ctx: DeploymentContext,
    deployment: Deployment,
  ) {
    this.d = workingCopy(deployment);
  }

  get deployment(): Deployment {
    return this.d;
  }

  get key(): string {
    return `${this.d.metadata?.namespace}/${this.d.metadata?.name}`;
  }

  /**
   * Write status (the /status subresource) and keep what the server stored. As upstream's
   * UpdateStatus of the whole object, it also stores the revision annotation set since.
   */
  writeStatus(): void {
    this.d = workingCopy(this.ctx.api.updateStatus('deployments', this.d, COMPONENT, { annotations: true }));
  }

  /** Replace a ReplicaSet, returning the stored object. */
  writeReplicaSet(rs: Mutable<ReplicaSet>): ReplicaSet {
    return this.ctx.api.update('replicasets', rs, COMPONENT);
  }

  event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.events.record({ object: this.d, type, reason, message, component: COMPONENT });
  }
}

/**
 * A writable copy of a Deployment whose spec stays the stored one: a sync writes only metadata
 * and status, and the stored spec is what the per-spec caches (template texts, selectors) know.
 */
function workingCopy(deployment: Deployment): Mutable<Deployment> {
  const copy: Record<string, unknown> = {};
  // Field by field, so the copy keeps the object's field order (what `-o yaml` prints).
  for (const [field, value] of Object.entries(deployment)) copy[field] = field === 'spec' ? value : clone(value);
  return copy;
}
