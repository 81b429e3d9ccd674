/** `kubectl describe pod`, field for field in describePod's order. */
import type { Event, Pod } from 'kubernetes-types/core/v1';
import { formatRFC1123Z, translateTimestampSince } from '../human-duration';
import { addQuantities, parseQuantity, type Quantity } from '../quantity';
import {
  maybeDescribeEvents,
  printAnnotationsMultiline,
  printController,
  printLabelsMultiline,
  printTolerationsMultiline,
} from './common';
import { describeContainers } from './containers';
import { DEFAULT_RELEASE, type DescribeRelease } from './release';
import { LEVEL_0, LEVEL_1, tabbedString, type PrefixWriter } from './prefix-writer';
import { describeVolumes } from './volumes';

/** ComputePodQOS over cpu and memory of all containers, unless status.qosClass is already set. */
export function podQOSClass(pod: Pod): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  const add = (into: Map<string, Quantity>, name: string, q: Quantity) => {
    const prev = into.get(name);
    into.set(name, prev ? addQuantities(prev, q) : q);
  };
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    const found = new Set<string>();
    for (const name of ['cpu', 'memory']) {
      const req = c.resources?.requests?.[name];
      if (req !== undefined && parseQuantity(req).nanos > 0n) add(requests, name, parseQuantity(req));
      const lim = c.resources?.limits?.[name];
      if (lim !== undefined && parseQuantity(lim).nanos > 0n) {
        found.add(name);
        add(limits, name, parseQuantity(lim));
      }
    }
    if (found.size < 2) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  for (const [name, req] of requests) {
    if (limits.get(name)?.nanos !== req.nanos) guaranteed = false;
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

function describeHeader(w: PrefixWriter, pod: Pod, nowMs: number): void {
  const { metadata: meta, spec, status } = pod;
  w.write(LEVEL_0, `Name:\t${meta?.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${meta?.namespace ?? ''}\n`);
  if (spec?.priority !== undefined) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
  if (spec?.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec?.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec?.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(LEVEL_0, spec?.nodeName ? `Node:\t${spec.nodeName}/${status?.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (status?.startTime) w.write(LEVEL_0, `Start Time:\t${formatRFC1123Z(status.startTime)}\n`);
  printLabelsMultiline(w, 'Labels', meta?.labels);
  printAnnotationsMultiline(w, 'Annotations', meta?.annotations);
  const phase = status?.phase ?? '';
  if (meta?.deletionTimestamp && phase !== 'Failed' && phase !== 'Succeeded') {
    w.write(LEVEL_0, `Status:\tTerminating (lasts ${translateTimestampSince(meta.deletionTimestamp, nowMs)})\n`);
    w.write(LEVEL_0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(LEVEL_0, `Status:\t${phase}\n`);
  }
  if (status?.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
  if (status?.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
  const seccomp = spec?.securityContext?.seccompProfile;
  if (seccomp) {
    w.write(LEVEL_0, `SeccompProfile:\t${seccomp.type}\n`);
    if (seccomp.type === 'Localhost') w.write(LEVEL_0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
}

function describeNetwork(w: PrefixWriter, pod: Pod): void {
  w.write(LEVEL_0, `IP:\t${pod.status?.podIP ?? ''}\n`);
  const ips = pod.status?.podIPs ?? [];
  if (ips.length === 0) w.write(LEVEL_0, 'IPs:\t<none>\n');
  else {
    w.write(LEVEL_0, 'IPs:\n');
    for (const ip of ips) w.write(LEVEL_1, `IP:\t${ip.ip}\n`);
  }
  const controlledBy = printController(pod.metadata);
  if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
  if (pod.status?.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${pod.status.nominatedNodeName}\n`);
}

function describeConditions(w: PrefixWriter, pod: Pod): void {
  const conditions = pod.status?.conditions ?? [];
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length > 0) {
    w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of gates) {
      const status = conditions.find((c) => c.type === g.conditionType)?.status ?? '<none>';
      w.write(LEVEL_1, `${g.conditionType} \t${status} \n`);
    }
  }
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
    for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
  }
}

/**
 * describePod: the pod and its events (those whose involvedObject is the pod; pass undefined to
 * omit the Events section as `--show-events=false` does).
 */
export function describePod(pod: Pod, events: Event[] | undefined, nowMs: number, release: DescribeRelease = DEFAULT_RELEASE): string {
  return tabbedString((w) => {
    describeHeader(w, pod, nowMs);
    describeNetwork(w, pod);
    const spec = pod.spec;
    if (spec?.initContainers?.length) {
      describeContainers(w, 'Init Containers', spec.initContainers, pod.status?.initContainerStatuses ?? [], pod, '', release);
    }
    describeContainers(w, 'Containers', spec?.containers ?? [], pod.status?.containerStatuses ?? [], pod, '', release);
    describeConditions(w, pod);
    describeVolumes(w, spec?.volumes, '');
    w.write(LEVEL_0, `QoS Class:\t${podQOSClass(pod)}\n`);
    printLabelsMultiline(w, 'Node-Selectors', spec?.nodeSelector);
    printTolerationsMultiline(w, 'Tolerations', spec?.tolerations);
    maybeDescribeEvents(w, events, nowMs);
  });
}
