import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { Allocatable, Resources } from './resources';

/**
 * What the scheduler knows about one node during a cycle (the framework's NodeInfo): the Node,
 * what it offers, and what the non-terminal pods bound or assumed to it already request.
 */
export interface NodeInfo {
  node: Node;
  allocatable: Allocatable;
  /** Sum of the pods' real requests (NodeResourcesFit filter, BalancedAllocation). */
  requested: Resources;
  /** Sum with 100m / 200MB for containers that request nothing (LeastAllocated). */
  nonZeroRequested: Resources;
  podCount: number;
}

/**
 * Why a filter rejected a node. `UnschedulableAndUnresolvable` means evicting pods cannot help,
 * which is what preemption reports as "Preemption is not helpful for scheduling".
 */
export interface FilterStatus {
  code: 'Unschedulable' | 'UnschedulableAndUnresolvable';
  reasons: string[];
  plugin: string;
}

/** Output wording that changed between Kubernetes releases. */
export interface SchedulerProfile {
  /** Since kubernetes#134740 stopped leaking taint keys and values: `node(s) had untolerated taint(s)`. */
  genericTaintMessage: boolean;
  /** DynamicResources (GA and on by default in 1.34) adds its PostFilter note before preemption's. */
  draPostFilterNote: boolean;
}

/** A Filter extension point: undefined means the node passes. */
export interface FilterPlugin {
  name: string;
  filter(pod: Pod, node: NodeInfo, profile: SchedulerProfile): FilterStatus | undefined;
}

/**
 * A Score extension point. `score` gives a raw value per node; `normalize`, when present, maps the
 * raw values of all feasible nodes onto 0–100. `applies` is PreScore's Skip: false leaves the
 * plugin out of this pod's totals entirely.
 */
export interface ScorePlugin {
  name: string;
  weight: number;
  applies?(pod: Pod): boolean;
  score(pod: Pod, node: NodeInfo): number;
  normalize?(scores: number[]): number[];
}

export const MAX_NODE_SCORE = 100;
