/**
 * `kubectl get pods`: READY, the STATUS reason (printPod's precedence of init containers, the
 * first container's waiting/terminated reason, Terminating) and RESTARTS with "(Xm ago)".
 */
import type { Container, ContainerStatus, Pod, PodCondition } from 'kubernetes-types/core/v1';
import { parseTimestamp, translateTimestampSince } from '../human-duration';
import type { CellContext, KindPrinter } from './types';

const isRestartable = (c: Container | undefined): boolean => c?.restartPolicy === 'Always';

const hasCondition = (conditions: PodCondition[] | undefined, type: string): boolean =>
  (conditions ?? []).some((c) => c.type === type && c.status === 'True');

/** Running tally while walking container statuses. */
interface Tally {
  reason: string;
  ready: number;
  restarts: number;
  /** Latest lastState.terminated.finishedAt seen, ms since the epoch (0 = none). */
  lastRestart: number;
}

function noteRestart(t: Tally, s: ContainerStatus): void {
  t.restarts += s.restartCount;
  const finished = parseTimestamp(s.lastState?.terminated?.finishedAt);
  if (finished !== undefined && finished > t.lastRestart) t.lastRestart = finished;
}

/** Reason of the first failing/pending init container; returns true while initialising. */
function initReason(pod: Pod, t: Tally, sidecars: Tally): boolean {
  const specs = new Map((pod.spec?.initContainers ?? []).map((c) => [c.name, c]));
  const statuses = pod.status?.initContainerStatuses ?? [];
  for (const [i, s] of statuses.entries()) {
    noteRestart(t, s);
    if (isRestartable(specs.get(s.name))) noteRestart(sidecars, s);
    const term = s.state?.terminated;
    if (term && term.exitCode === 0) continue;
    if (isRestartable(specs.get(s.name)) && s.started) {
      if (s.ready) t.ready++;
      continue;
    }
    if (term) {
      if (term.reason) t.reason = `Init:${term.reason}`;
      else t.reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
    } else if (s.state?.waiting?.reason && s.state.waiting.reason !== 'PodInitializing') {
      t.reason = `Init:${s.state.waiting.reason}`;
    } else {
      t.reason = `Init:${i}/${specs.size}`;
    }
    return true;
  }
  return false;
}

/** Walks app containers last to first, so the first container's reason wins. */
function containerReason(pod: Pod, t: Tally): void {
  const statuses = pod.status?.containerStatuses ?? [];
  let hasRunning = false;
  for (const s of [...statuses].reverse()) {
    noteRestart(t, s);
    const term = s.state?.terminated;
    if (s.state?.waiting?.reason) t.reason = s.state.waiting.reason;
    else if (term?.reason) t.reason = term.reason;
    else if (term) t.reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode}`;
    else if (s.ready && s.state?.running) {
      hasRunning = true;
      t.ready++;
    }
  }
  if (t.reason === 'Completed' && hasRunning) {
    t.reason = hasCondition(pod.status?.conditions, 'Ready') ? 'Running' : 'NotReady';
  }
}

function podStatus(pod: Pod): Tally {
  const phase = pod.status?.phase ?? '';
  const t: Tally = { reason: pod.status?.reason || phase, ready: 0, restarts: 0, lastRestart: 0 };
  for (const c of pod.status?.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') t.reason = 'SchedulingGated';
  }
  const sidecars: Tally = { reason: '', ready: 0, restarts: 0, lastRestart: 0 };
  const initializing = initReason(pod, t, sidecars);
  if (!initializing || hasCondition(pod.status?.conditions, 'Initialized')) {
    // Once initialised only restartable (sidecar) init containers count toward RESTARTS.
    t.restarts = sidecars.restarts;
    t.lastRestart = sidecars.lastRestart;
    containerReason(pod, t);
  }
  if (pod.metadata?.deletionTimestamp && pod.status?.reason === 'NodeLost') t.reason = 'Unknown';
  else if (pod.metadata?.deletionTimestamp && phase !== 'Failed' && phase !== 'Succeeded') t.reason = 'Terminating';
  return t;
}

function readinessGates(pod: Pod): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const conditions = pod.status?.conditions ?? [];
  const trueCount = gates.filter((g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True').length;
  return `${trueCount}/${gates.length}`;
}

function podCells(pod: Pod, ctx: CellContext): string[] {
  const t = podStatus(pod);
  const total =
    (pod.spec?.containers.length ?? 0) + (pod.spec?.initContainers ?? []).filter((c) => isRestartable(c)).length;
  let restarts = String(t.restarts);
  if (t.restarts !== 0 && t.lastRestart !== 0) {
    restarts = `${t.restarts} (${translateTimestampSince(new Date(t.lastRestart).toISOString(), ctx.nowMs)} ago)`;
  }
  const cells = [
    pod.metadata?.name ?? '',
    `${t.ready}/${total}`,
    t.reason,
    restarts,
    translateTimestampSince(pod.metadata?.creationTimestamp, ctx.nowMs),
  ];
  if (ctx.wide) {
    cells.push(
      pod.status?.podIPs?.[0]?.ip || '<none>',
      pod.spec?.nodeName || '<none>',
      pod.status?.nominatedNodeName || '<none>',
      readinessGates(pod),
    );
  }
  return cells;
}

/** Pod columns: NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED NODE READINESS GATES. */
export const podPrinter: KindPrinter<Pod> = {
  kind: 'Pod',
  group: '',
  namespaced: true,
  columns: [
    { name: 'Name' },
    { name: 'Ready' },
    { name: 'Status' },
    { name: 'Restarts' },
    { name: 'Age' },
    { name: 'IP', priority: 1 },
    { name: 'Node', priority: 1 },
    { name: 'Nominated Node', priority: 1 },
    { name: 'Readiness Gates', priority: 1 },
  ],
  cells: podCells,
};
