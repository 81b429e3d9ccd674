import type { Container, Node, Pod } from 'kubernetes-types/core/v1';
import { isStored } from '../api/objects';
import { cpuMillis, integerValue } from './quantity';

/** The resources the scheduler accounts for, already parsed to integers. */
export interface Resources {
  cpuMillis: number;
  memoryBytes: number;
}

/** Requests the scheduler assumes for a container that states none (schedutil.DefaultMilliCPURequest, DefaultMemoryRequest). */
export const DEFAULT_CPU_REQUEST_MILLIS = 100;
export const DEFAULT_MEMORY_REQUEST_BYTES = 200 * 1024 * 1024;

const ZERO: Resources = { cpuMillis: 0, memoryBytes: 0 };

function add(a: Resources, b: Resources): Resources {
  return { cpuMillis: a.cpuMillis + b.cpuMillis, memoryBytes: a.memoryBytes + b.memoryBytes };
}

function max(a: Resources, b: Resources): Resources {
  return { cpuMillis: Math.max(a.cpuMillis, b.cpuMillis), memoryBytes: Math.max(a.memoryBytes, b.memoryBytes) };
}

function containerRequests(c: Container, nonZero: boolean): Resources {
  const requests = c.resources?.requests ?? {};
  const cpu = requests.cpu;
  const memory = requests.memory;
  return {
    cpuMillis: cpu === undefined && nonZero ? DEFAULT_CPU_REQUEST_MILLIS : cpuMillis(cpu),
    memoryBytes: memory === undefined && nonZero ? DEFAULT_MEMORY_REQUEST_BYTES : integerValue(memory),
  };
}

/**
 * A pod's effective requests, as resource.PodRequests computes them: the sum over app containers
 * and sidecars (restartable init containers), or the largest init container plus the sidecars
 * started before it, whichever is more, plus the pod overhead. With `nonZero`, containers that
 * request nothing count as 100m / 200MB: what LeastAllocated scoring uses so empty pods still spread.
 */
export function podRequests(pod: Pod, nonZero = false): Resources {
  // Requests live in the immutable spec, and the scheduler asks for them on every pass over a
  // node's pods, so remember them per spec object (what the API server stored is never edited).
  const memo = nonZero ? NON_ZERO_REQUESTS : REQUESTS;
  const spec = pod.spec;
  // A scheduling cycle asks for the same pod once per node and plugin: answer that from the last.
  if (spec !== undefined && memo.lastSpec === spec) return memo.last;
  const known = spec && memo.bySpec.get(spec);
  if (known) {
    memo.lastSpec = spec;
    memo.last = known;
    return known;
  }
  const computed = computePodRequests(pod, nonZero);
  if (spec && isStored(spec)) memo.bySpec.set(spec, computed);
  return computed;
}

/** Requests per stored spec, and the spec asked about last. */
interface RequestsMemo {
  bySpec: WeakMap<object, Resources>;
  lastSpec: object | undefined;
  last: Resources;
}

const REQUESTS: RequestsMemo = { bySpec: new WeakMap(), lastSpec: undefined, last: ZERO };
const NON_ZERO_REQUESTS: RequestsMemo = { bySpec: new WeakMap(), lastSpec: undefined, last: ZERO };

function computePodRequests(pod: Pod, nonZero: boolean): Resources {
  let sidecars = ZERO;
  let initPeak = ZERO;
  for (const c of pod.spec?.initContainers ?? []) {
    const r = containerRequests(c, nonZero);
    if (c.restartPolicy === 'Always') sidecars = add(sidecars, r);
    else initPeak = max(initPeak, add(r, sidecars));
  }
  let sum = sidecars;
  for (const c of pod.spec?.containers ?? []) sum = add(sum, containerRequests(c, nonZero));
  const overhead = pod.spec?.overhead ?? {};
  return add(max(sum, initPeak), { cpuMillis: cpuMillis(overhead.cpu), memoryBytes: integerValue(overhead.memory) });
}

/** What a node offers to pods: status.allocatable cpu, memory and the pod count. */
export interface Allocatable extends Resources {
  pods: number;
}

export function nodeAllocatable(node: Node): Allocatable {
  const a = node.status?.allocatable ?? {};
  return { cpuMillis: cpuMillis(a.cpu), memoryBytes: integerValue(a.memory), pods: integerValue(a.pods) };
}
