import { canonicalJson, hex, sha256 } from './sim/hash';
import type { SimulatorSnapshot } from './sim/simulator';
import type { StoreSnapshot } from './store/mvcc';
import type { LeaseManagerState } from './api/lease-manager';
import { defaultClusterConfig, type ClusterConfig } from './cluster-config';
import { createControlPlane, type ControlPlane } from './control-plane';
import type { Component } from './controllers/component';
import { DEFAULT_COMPONENTS, type ComponentFactory } from './components';
import type { NodeAgent } from './node-agent';

export interface ClusterSnapshot {
  format: 'clusterlab/snapshot@1';
  config: ClusterConfig;
  sim: SimulatorSnapshot;
  store: StoreSnapshot;
  events: ReturnType<ControlPlane['events']['snapshot']>;
  /** Orders Event names within one virtual ms (absent in snapshots from before it existed). */
  eventClock?: { ms: number; seq: number; ticking?: string[] };
  /** The API server's current Event lease (absent before Events expired). */
  eventLease?: LeaseManagerState;
  components: Record<string, unknown>;
}

/**
 * A whole simulated cluster: control plane plus every component (scheduler, controllers, one
 * kubelet per node, ...), all driven by one virtual clock. Same config and seed plus the same
 * timed commands give byte-identical results; snapshot() captures everything as JSON.
 */
export class Cluster {
  readonly components: Component[] = [];

  private constructor(readonly cp: ControlPlane) {}

  static create(overrides: Partial<ClusterConfig> & { workers?: number } = {}, factories: ComponentFactory[] = DEFAULT_COMPONENTS): Cluster {
    const cluster = Cluster.#assemble(defaultClusterConfig(overrides), factories);
    for (const c of cluster.components) c.start();
    return cluster;
  }

  static #assemble(config: ClusterConfig, factories: ComponentFactory[]): Cluster {
    const cluster = new Cluster(createControlPlane(config));
    for (const factory of factories) {
      for (const component of factory(cluster.cp)) {
        cluster.cp.sim.register(component);
        cluster.components.push(component);
      }
    }
    return cluster;
  }

  get sim() {
    return this.cp.sim;
  }

  get api() {
    return this.cp.api;
  }

  get store() {
    return this.cp.store;
  }

  get config() {
    return this.cp.config;
  }

  /** The kubelet API of a node, if a kubelet runs there. */
  nodeAgent(nodeName: string): NodeAgent | undefined {
    return this.components.find((c): c is Component & NodeAgent => 'nodeName' in c && (c as Partial<NodeAgent>).nodeName === nodeName && typeof (c as Partial<NodeAgent>).exec === 'function');
  }

  now(): number {
    return this.cp.sim.now();
  }

  advance(ms: number): void {
    this.cp.sim.advance(ms);
  }

  snapshot(): ClusterSnapshot {
    const components: Record<string, unknown> = {};
    for (const c of this.components) components[c.id] = c.snapshot();
    return {
      format: 'clusterlab/snapshot@1',
      config: this.cp.config,
      sim: this.cp.sim.snapshot(),
      store: this.cp.store.snapshot(),
      events: this.cp.events.snapshot(),
      eventClock: this.cp.events.clock,
      ...(this.cp.api.leases.state ? { eventLease: this.cp.api.leases.state } : {}),
      components,
    };
  }

  /** Rebuild a cluster from a snapshot; it continues exactly as the original would have. */
  static restore(snapshot: ClusterSnapshot, factories: ComponentFactory[] = DEFAULT_COMPONENTS): Cluster {
    const data = JSON.parse(JSON.stringify(snapshot)) as ClusterSnapshot;
    const cluster = Cluster.#assemble(data.config, factories);
    cluster.cp.sim.restore(data.sim);
    cluster.cp.store.restore(data.store);
    cluster.cp.events.restore(data.events);
    if (data.eventClock) cluster.cp.events.clock = data.eventClock;
    cluster.cp.api.leases.state = data.eventLease;
    for (const c of cluster.components) {
      const state = data.components[c.id];
      if (state === undefined) throw new Error(`snapshot has no state for component ${c.id}`);
      c.restore(state);
    }
    return cluster;
  }

  /** A short hash of the whole state: equal hashes mean equal clusters. */
  stateHash(): string {
    return hex(sha256(canonicalJson(this.snapshot()))).slice(0, 16);
  }
}
