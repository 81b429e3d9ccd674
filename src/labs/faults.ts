import type { Cluster } from '../engine/cluster';
import type { Actor, Message } from '../engine/sim/simulator';

export type FaultAction = 'stop-kubelet' | 'start-kubelet';

export interface FaultSpec {
  atMs: number;
  action: FaultAction;
  node: string;
}

export const FAULTS_ACTOR_ID = 'lab/faults';

/** The kubelet's process controls, as the fault injector needs them. */
interface StoppableKubelet {
  stop(): void;
  resume(): void;
}

/**
 * Injects a lab's faults at their virtual times. Each fault is a message to this actor in the
 * simulator's queue, so it is part of a snapshot and a resumed lab still gets it on time.
 */
export class FaultInjector implements Actor {
  readonly id = FAULTS_ACTOR_ID;

  constructor(private readonly cluster: Cluster) {
    cluster.sim.register(this);
  }

  /** Schedule every fault; `atMs` is absolute virtual time. */
  schedule(faults: readonly FaultSpec[]): void {
    for (const f of faults) this.cluster.sim.schedule(Math.max(0, f.atMs - this.cluster.now()), this.id, { type: 'fault', action: f.action, node: f.node });
  }

  receive(message: Message): void {
    if (message.type !== 'fault') return;
    const node = message.node as string;
    const kubelet = this.cluster.nodeAgent(node) as Partial<StoppableKubelet> | undefined;
    if (!kubelet?.stop || !kubelet.resume) throw new Error(`fault ${String(message.action)}: no kubelet runs on ${node}`);
    this.cluster.sim.record('lab', 'fault', `${String(message.action)} on ${node}`, `nodes/${node}`);
    if (message.action === 'stop-kubelet') kubelet.stop();
    else kubelet.resume();
  }
}
