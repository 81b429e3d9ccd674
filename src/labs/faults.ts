import type { Cluster } from '../engine/cluster';
import type { Actor, Message } from '../engine/sim/simulator';
import { networkOf, type NetClient } from '../engine/network/index';

export type FaultAction = 'stop-kubelet' | 'start-kubelet';

export interface FaultSpec {
  atMs: number;
  action: FaultAction;
  node: string;
}

/** A background load generator the lab starts at `atMs` (from the workstation or a node). */
export interface LoadPlan {
  atMs: number;
  name: string;
  url: string;
  rps: number;
  from: string;
  untilMs?: number;
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

  /** Schedule the lab's background traffic; the cluster must run the simulated network. */
  scheduleLoads(loads: readonly LoadPlan[]): void {
    for (const l of loads) this.cluster.sim.schedule(Math.max(0, l.atMs - this.cluster.now()), this.id, { type: 'load', ...l });
  }

  receive(message: Message): void {
    if (message.type === 'load') return this.#startLoad(message as unknown as LoadPlan);
    if (message.type !== 'fault') return;
    const node = message.node as string;
    const kubelet = this.cluster.nodeAgent(node) as Partial<StoppableKubelet> | undefined;
    if (!kubelet?.stop || !kubelet.resume) throw new Error(`fault ${String(message.action)}: no kubelet runs on ${node}`);
    this.cluster.sim.record('lab', 'fault', `${String(message.action)} on ${node}`, `nodes/${node}`);
    if (message.action === 'stop-kubelet') kubelet.stop();
    else kubelet.resume();
  }

  #startLoad(l: LoadPlan): void {
    const net = networkOf(this.cluster);
    if (!net) throw new Error(`traffic ${l.name}: this cluster runs no network`);
    const client: NetClient = l.from === 'workstation' ? { kind: 'workstation' } : { kind: 'node', node: l.from };
    this.cluster.sim.record('lab', 'load', `load ${l.name} starts: ${l.rps} requests/s to ${l.url} from ${l.from}`);
    net.startLoad({ name: l.name, url: l.url, rps: l.rps, client, generation: this.cluster.now(), ...(l.untilMs !== undefined ? { untilMs: l.untilMs } : {}) });
  }
}
