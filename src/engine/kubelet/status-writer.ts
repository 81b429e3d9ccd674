import type { Pod } from 'kubernetes-types/core/v1';
import { ApiError } from '../api/errors';
import type { Kubelet } from './kubelet';
import { buildPodStatus, type StatusReports } from './status';
import { reportsContainerUser, runtimeOf } from '../cri/capabilities';
import { readyToFinalize } from './termination';
import { inPlacePodVerticalScaling, podObservedGenerationTracking, recursiveReadOnlyMounts, supplementalGroupsPolicy } from '../version';

/**
 * The status manager's sync: write every pod whose status changed since the last flush, one
 * write per pod however many changes happened in between. It reads the API's current pod so
 * conditions other components own (PodScheduled) survive, as the kubelet's merge does.
 */
export function flushStatuses(k: Kubelet): void {
  const dirty = k.state.dirty;
  k.state.dirty = [];
  k.state.flushPending = false;
  for (const uid of dirty) {
    const w = k.state.workers[uid];
    if (!w || w.deletion?.forced) continue;
    const current = k.apiServer.tryGet<Pod>('pods', w.namespace, w.name);
    if (!current || current.metadata?.uid !== uid) continue;
    const observed = podObservedGenerationTracking(k.version, k.featureGates) ? current.metadata?.generation : undefined;
    const status = buildPodStatus({
      worker: w,
      pod: current,
      version: k.version,
      hostIP: k.node.internalIP,
      epochMs: k.epochMs,
      nowMs: k.simulator.now(),
      runtime: runtimeOf(k.node).name,
      reports: reportsOf(k),
      ...(observed === undefined ? {} : { observedGeneration: observed }),
    });
    try {
      k.apiServer.updateStatus('pods', { metadata: { name: w.name, namespace: w.namespace }, status }, k.id, { owned: true });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      continue;
    }
    readyToFinalize(k, w);
  }
}

/** What this kubelet's container statuses report: fixed by its version, feature gates and runtime. */
const REPORTS = new WeakMap<Kubelet, StatusReports>();

function reportsOf(k: Kubelet): StatusReports {
  let reports = REPORTS.get(k);
  if (!reports) {
    reports = {
      mounts: recursiveReadOnlyMounts(k.version, k.featureGates),
      resources: inPlacePodVerticalScaling(k.version, k.featureGates),
      user: supplementalGroupsPolicy(k.version, k.featureGates) && reportsContainerUser(runtimeOf(k.node)),
    };
    REPORTS.set(k, reports);
  }
  return reports;
}
