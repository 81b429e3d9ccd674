/** `kubectl describe node`: conditions, addresses, capacity, system info, pods and allocated resources. */
import { DEFAULT_RELEASE, type DescribeRelease } from './release';
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Event, Node, Pod } from 'kubernetes-types/core/v1';
import { formatRFC1123Z, translateTimestampSince } from '../human-duration';
import { formatQuantity, milliValue, parseQuantity, unitValue, type Quantity } from '../quantity';
import { findNodeRoles } from '../tables/node';
import { sortStrings } from '../tables/format';
import { maybeDescribeEvents, printAnnotationsMultiline, printLabelsMultiline, printTaintsMultiline } from './common';
import { get, nodeAllocatable, podLimits, podRequests, sumTotals, type ResourceTotals } from './node-resources';
import { LEVEL_0, LEVEL_1, tabbedString, type PrefixWriter } from './prefix-writer';

const STANDARD = new Set(['cpu', 'memory', 'ephemeral-storage', 'storage', 'pods']);
const isHugePage = (name: string): boolean => name.startsWith('hugepages-');

/** `q (n%)` with the percentage truncated toward zero, as int64(float) does; 0% when the base is 0. */
function withPercent(q: Quantity, base: Quantity, milli: boolean): string {
  const denom = milli ? milliValue(base) : unitValue(base);
  const pct = denom === 0 ? 0 : Math.trunc(((milli ? milliValue(q) : unitValue(q)) / denom) * 100);
  return `${formatQuantity(q)} (${pct}%)`;
}

function describeLease(w: PrefixWriter, lease: Lease | undefined): void {
  w.write(LEVEL_0, 'Lease:\n');
  w.write(LEVEL_1, `HolderIdentity:\t${lease?.spec?.holderIdentity ?? '<unset>'}\n`);
  w.write(LEVEL_1, `AcquireTime:\t${lease?.spec?.acquireTime ? formatRFC1123Z(lease.spec.acquireTime) : '<unset>'}\n`);
  w.write(LEVEL_1, `RenewTime:\t${lease?.spec?.renewTime ? formatRFC1123Z(lease.spec.renewTime) : '<unset>'}\n`);
}

function describeStatus(w: PrefixWriter, node: Node): void {
  const conditions = node.status?.conditions ?? [];
  if (conditions.length) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(
        LEVEL_1,
        `${c.type} \t${c.status} \t${formatRFC1123Z(c.lastHeartbeatTime)} \t${formatRFC1123Z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
      );
    }
  }
  w.write(LEVEL_0, 'Addresses:\n');
  for (const a of node.status?.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
  for (const [title, list] of [['Capacity', node.status?.capacity], ['Allocatable', node.status?.allocatable]] as const) {
    if (!Object.keys(list ?? {}).length) continue;
    w.write(LEVEL_0, `${title}:\n`);
    for (const name of sortStrings(Object.keys(list ?? {}))) {
      w.write(LEVEL_0, `  ${name}:\t${formatQuantity(parseQuantity(list?.[name] ?? '0'))}\n`);
    }
  }
}

function describeSystemInfo(w: PrefixWriter, node: Node, release: DescribeRelease): void {
  const i = node.status?.nodeInfo;
  w.write(LEVEL_0, 'System Info:\n');
  const rows: [string, string | undefined][] = [
    ['Machine ID', i?.machineID],
    ['System UUID', i?.systemUUID],
    ['Boot ID', i?.bootID],
    ['Kernel Version', i?.kernelVersion],
    ['OS Image', i?.osImage],
    ['Operating System', i?.operatingSystem],
    ['Architecture', i?.architecture],
    ['Container Runtime Version', i?.containerRuntimeVersion],
    ['Kubelet Version', i?.kubeletVersion],
    ...(release.kubeProxyVersionLine ? [['Kube-Proxy Version', i?.kubeProxyVersion] as [string, string | undefined]] : []),
  ];
  for (const [label, value] of rows) w.write(LEVEL_0, `  ${label}:\t${value ?? ''}\n`);
  if (node.spec?.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if (node.spec?.podCIDRs?.length) w.write(LEVEL_0, `PodCIDRs:\t${node.spec.podCIDRs.join(',')}\n`);
  if (node.spec?.providerID) w.write(LEVEL_0, `ProviderID:\t${node.spec.providerID}\n`);
}

function describePods(w: PrefixWriter, pods: Pod[], alloc: ResourceTotals, nowMs: number): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const cpu = get(alloc, 'cpu');
  const mem = get(alloc, 'memory');
  for (const pod of pods) {
    const req = podRequests(pod);
    const lim = podLimits(pod);
    w.write(
      LEVEL_1,
      `${pod.metadata?.namespace ?? ''}\t${pod.metadata?.name ?? ''}\t\t${withPercent(get(req, 'cpu'), cpu, true)}\t` +
        `${withPercent(get(lim, 'cpu'), cpu, true)}\t${withPercent(get(req, 'memory'), mem, false)}\t` +
        `${withPercent(get(lim, 'memory'), mem, false)}\t${translateTimestampSince(pod.metadata?.creationTimestamp, nowMs)}\n`,
    );
  }
}

function describeAllocated(w: PrefixWriter, pods: Pod[], alloc: ResourceTotals): void {
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const reqs = sumTotals(pods, podRequests);
  const limits = sumTotals(pods, podLimits);
  const names = [...alloc.keys()];
  const rows = [
    ['cpu', true],
    ['memory', false],
    ['ephemeral-storage', false],
    ...sortStrings(names.filter(isHugePage)).map((n) => [n, false] as const),
  ] as const;
  for (const [name, milli] of rows) {
    const base = get(alloc, name);
    w.write(LEVEL_1, `${name}\t${withPercent(get(reqs, name), base, milli)}\t${withPercent(get(limits, name), base, milli)}\n`);
  }
  for (const ext of sortStrings(names.filter((n) => !isHugePage(n) && !STANDARD.has(n)))) {
    w.write(LEVEL_1, `${ext}\t${formatQuantity(get(reqs, ext))}\t${formatQuantity(get(limits, ext))}\n`);
  }
}

/**
 * describeNode: `pods` are the node's non-terminated pods (phase neither Succeeded nor Failed),
 * `lease` the node's kube-node-lease Lease (omit it to print the unset lease fields).
 */
export function describeNode(node: Node, pods: Pod[], events: Event[] | undefined, nowMs: number, lease?: Lease, release: DescribeRelease = DEFAULT_RELEASE): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${node.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Roles:\t${findNodeRoles(node).join(',') || '<none>'}\n`);
    printLabelsMultiline(w, 'Labels', node.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', node.metadata?.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(node.metadata?.creationTimestamp)}\n`);
    printTaintsMultiline(w, 'Taints', node.spec?.taints);
    w.write(LEVEL_0, `Unschedulable:\t${node.spec?.unschedulable ?? false}\n`);
    describeLease(w, lease);
    describeStatus(w, node);
    describeSystemInfo(w, node, release);
    const alloc = nodeAllocatable(node);
    describePods(w, pods, alloc, nowMs);
    describeAllocated(w, pods, alloc);
    maybeDescribeEvents(w, events, nowMs);
  });
}
