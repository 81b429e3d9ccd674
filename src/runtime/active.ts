import type { LabRuntime } from './types';

/**
 * The lab runtime running on this page, for components that show the cluster beside the lesson
 * (<ClusterView />, <Timeline />) and for the "Run in terminal" buttons. The lab panel sets it
 * when a lab starts and clears it when the lab closes; watchers hear of both.
 */
let active: { runtime: LabRuntime; labId: string | undefined } | undefined;
const watchers = new Set<(runtime: LabRuntime | undefined, labId: string | undefined) => void>();

export function activeRuntime(): LabRuntime | undefined {
  return active?.runtime;
}

export function activeLabId(): string | undefined {
  return active?.labId;
}

export function setActiveRuntime(runtime: LabRuntime | undefined, labId?: string): void {
  active = runtime ? { runtime, labId } : undefined;
  for (const watcher of watchers) watcher(runtime, labId);
}

/** Call `watcher` now and whenever the active runtime changes; returns an unsubscribe function. */
export function watchActiveRuntime(watcher: (runtime: LabRuntime | undefined, labId: string | undefined) => void): () => void {
  watchers.add(watcher);
  watcher(active?.runtime, active?.labId);
  return () => watchers.delete(watcher);
}
