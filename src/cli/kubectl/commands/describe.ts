/**
 * `kubectl describe TYPE [NAME_PREFIX] | TYPE/NAME | -l sel`: gathers what each describer needs
 * (events by involvedObject.uid, owned ReplicaSets, pods, EndpointSlices of a Service, pods on a
 * Node) and delegates the layout to the printers package.
 */
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import type { Ingress } from 'kubernetes-types/networking/v1';
import type { DaemonSet, Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { ConfigMap, Endpoints, Event, Namespace, Node, Pod, Secret, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { getControllerOf, type KubeObject } from '../../../engine/api/objects';
import type { ResourceType } from '../../../engine/api/resources';
import { forEachReporting, wallNow, type KubectlContext } from '../context';
import { atLeast } from '../../../engine/version';
import { usageError } from '../errors';
import { findFromFiles, listType, type Found } from '../query';
import { parseResourceArgs } from '../resource-args';
import { warnDeprecated } from '../warnings';
import * as describers from '../printers/describe/index';

/** Events about one object, by uid, in its namespace (cluster-scoped objects' events live in default). */
function eventsFor(ctx: KubectlContext, obj: KubeObject): Event[] | undefined {
  if (ctx.flags.string('show-events') === 'false') return undefined;
  const ns = obj.metadata?.namespace ?? 'default';
  // Events about a node come with two uids: the controllers use the node's, the kubelet its name.
  const uids = obj.kind === 'Node' ? [obj.metadata?.uid, obj.metadata?.name] : [obj.metadata?.uid];
  const events = ctx.cluster.api.list<Event>('events', ns).items.filter((e) => uids.includes(e.involvedObject.uid));
  // kubectl prefixes a message with the event's field path (`spec.containers{nginx}: ...`) only
  // from 1.35 (kubernetes#133627); older clients print the bare message.
  return atLeast(ctx.cluster.cp.version, 35) ? events : events.map(withoutFieldPath);
}

function withoutFieldPath(e: Event): Event {
  const { fieldPath: _omitted, ...involvedObject } = e.involvedObject;
  return { ...e, involvedObject };
}

function ownedBy<T extends KubeObject>(items: readonly T[], owner: KubeObject): T[] {
  return items.filter((i) => getControllerOf(i)?.uid === owner.metadata?.uid);
}

function describeOne(ctx: KubectlContext, f: Found): string {
  const api = ctx.cluster.api;
  const now = wallNow(ctx);
  const events = eventsFor(ctx, f.object);
  const ns = f.object.metadata?.namespace;
  const { describeConfigMap, describeDaemonSet, describeRelease, describeDeployment, describeEndpoints, describeEndpointSlice, describeIngress, describeNamespace, describeNode, describePod, describePodDisruptionBudget, describeReplicaSet, describeSecret, describeService } = describers;
  const release = describeRelease(ctx.cluster.cp.version);
  switch (f.type.kind) {
    case 'Pod':
      return describePod(f.object as Pod, events, now, release);
    case 'Deployment':
      return describeDeployment(f.object as Deployment, ownedBy(api.list<ReplicaSet>('replicasets', ns).items, f.object), events, now, release);
    case 'ReplicaSet':
      return describeReplicaSet(f.object as ReplicaSet, ownedBy(api.list<Pod>('pods', ns).items, f.object), events, now, release);
    case 'DaemonSet':
      return describeDaemonSet(f.object as DaemonSet, ownedBy(api.list<Pod>('pods', ns).items, f.object), events, now, release);
    case 'Service': {
      const slices = api.list<EndpointSlice>('endpointslices', ns, { labelSelector: [{ key: 'kubernetes.io/service-name', op: 'in', values: [f.object.metadata?.name ?? ''] }] }).items;
      return describeService(f.object as Service, [...slices], events, now);
    }
    case 'PodDisruptionBudget':
      return describePodDisruptionBudget(f.object as PodDisruptionBudget, events ?? [], now);
    case 'Endpoints':
      return describeEndpoints(f.object as Endpoints, events, now);
    case 'Ingress': {
      const slicesOf = (name: string) => [...api.list<EndpointSlice>('endpointslices', ns, { labelSelector: [{ key: 'kubernetes.io/service-name', op: 'in', values: [name] }] }).items];
      return describeIngress(f.object as Ingress, { service: (name) => api.tryGet<Service>('services', ns, name), slices: slicesOf }, events, now);
    }
    case 'EndpointSlice':
      return describeEndpointSlice(f.object as EndpointSlice, events, now);
    case 'Node': {
      const pods = api.list<Pod>('pods', undefined, { fieldSelector: { 'spec.nodeName': f.object.metadata?.name ?? '' } }).items;
      const lease = api.tryGet<Lease>('leases', 'kube-node-lease', f.object.metadata?.name ?? '');
      return describeNode(f.object as Node, [...pods], events, now, lease, release);
    }
    case 'Namespace':
      return describeNamespace(f.object as Namespace);
    case 'Secret':
      return describeSecret(f.object as Secret);
    case 'ConfigMap':
      return describeConfigMap(f.object as ConfigMap, events, now);
    default:
      throw usageError(`the simulated kubectl has no describer for ${f.type.kind} yet; try kubectl get ${f.type.resource} ${f.object.metadata?.name ?? ''} -o yaml`);
  }
}

/** describe.go: a name that is not found matches every object whose name starts with it. */
function byNameOrPrefix(ctx: KubectlContext, type: ResourceType, name: string): Target[] {
  const exact = ctx.cluster.api.tryGet(type.resource, type.namespaced ? ctx.namespace : undefined, name);
  if (exact) return [{ type, object: exact }];
  const prefixed = listType(ctx, type).filter((o) => (o.metadata?.name ?? '').startsWith(name));
  if (prefixed.length === 0) ctx.cluster.api.get(type.resource, type.namespaced ? ctx.namespace : undefined, name);
  return prefixed.map((object) => ({ type, object, prefix: true }));
}

/** A found object; `prefix` when it matched a name prefix (DescribeMatchingResources prints those differently). */
type Target = Found & { prefix?: boolean };

function targets(ctx: KubectlContext): Target[] {
  if (ctx.flags.array('filename').length > 0) return findFromFiles(ctx);
  const requests = parseResourceArgs(ctx.flags.args);
  warnDeprecated(ctx, requests.map((r) => r.type));
  if (requests.length === 0) throw usageError("You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\n");
  const out: Target[] = [];
  for (const { type, names } of requests) {
    if (names.length === 0) out.push(...listType(ctx, type).map((object) => ({ type, object })));
    forEachReporting(ctx, names, (name) => {
      out.push(...byNameOrPrefix(ctx, type, name));
    });
  }
  if (out.length === 0 && ctx.exitCode === 0) {
    ctx.err.push(ctx.flags.bool('all-namespaces') ? 'No resources found\n' : `No resources found in ${ctx.namespace} namespace.\n`);
  }
  return out;
}

function run(ctx: KubectlContext): void {
  let first = true;
  forEachReporting(ctx, targets(ctx), (f) => {
    const text = describeOne(ctx, f);
    // describe.go: "\n\n" between exact matches; each prefix match is followed by one "\n".
    if (f.prefix) ctx.out.push(`${text}\n`);
    else ctx.out.push(first ? text : `\n\n${text}`);
    first = false;
  });
}

/** The verb's run; its name and flags are in deferred-verbs.ts, in the engine bundle. */
export const runDescribe = run;

