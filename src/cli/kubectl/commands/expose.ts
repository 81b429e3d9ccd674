/**
 * `kubectl expose deployment|replicaset|pod|service NAME --port=80[,443] [--target-port] [--type]
 * [--name] [--protocol] [--selector] [--cluster-ip=None] [--session-affinity] [--external-ip]
 * [--load-balancer-ip]`: a Service whose selector comes from the object unless --selector says;
 * `service/web exposed`.
 */
import type { Service, ServicePort } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../../../engine/api/objects';
import { resourceType } from '../../../engine/api/resources';
import { forEachReporting, type KubectlContext } from '../context';
import { usageError } from '../errors';
import { dryRunFlag, generatedMeta, printResult, submitGenerated } from '../mutation';
import { podSpecOf } from '../pod-template';
import { resolveTargets } from '../query';
import { recordChangeCause } from '../record';

/** The selector a Service needs to reach the object's pods (kubectl's MapBasedSelectorForObject). */
function selectorFor(obj: KubeObject): Record<string, string> {
  const spec = (obj as { spec?: { selector?: LabelSelector | Record<string, string> } }).spec;
  if (obj.kind === 'Pod') return { ...obj.metadata?.labels };
  if (obj.kind === 'Service') return { ...(spec?.selector as Record<string, string> | undefined) };
  const selector = spec?.selector as LabelSelector | undefined;
  if (selector?.matchExpressions?.length) throw usageError(`couldn't convert expressions - "${selector.matchExpressions[0]!.key}" to map-based selector format`);
  return { ...selector?.matchLabels };
}

/**
 * Ports from --port (`80` or `80,443`), else every container port (PortsForObject). A headless
 * Service (`--cluster-ip=None`) may have none. Several ports are named `port-1`, `port-2`, ...
 */
function portsFor(ctx: KubectlContext, obj: KubeObject, headless: boolean): ServicePort[] {
  const protocol = (ctx.flags.string('protocol') ?? 'TCP') as ServicePort['protocol'];
  const target = ctx.flags.string('target-port');
  const targetPort = target === undefined ? undefined : /^\d+$/.test(target) ? Number(target) : target;
  const flag = ctx.flags.string('port');
  const introspected =
    obj.kind === 'Service'
      ? ((obj as Service).spec?.ports ?? []).map((p) => p.port)
      : (podSpecOf(obj)?.containers ?? []).flatMap((c) => (c.ports ?? []).map((p) => p.containerPort));
  if (flag === undefined && introspected.length === 0 && !headless) throw usageError("couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples");
  const ports = flag === undefined ? introspected : flag.split(',').map(atoi);
  const many = ports.length > 1;
  return ports.map((port, i) => ({ ...(many ? { name: `port-${i + 1}` } : {}), port, protocol, targetPort: targetPort ?? port }));
}

/** Go's strconv.Atoi, with its error text. */
function atoi(text: string): number {
  if (!/^[+-]?\d+$/.test(text)) throw usageError(`strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`);
  return Number(text);
}

/** expose's parseLabels (for --labels and --selector): `k=v,k2=v2`. */
function parseLabels(spec: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const part of spec.split(',')) {
    const kv = part.split('=');
    if (kv.length !== 2) throw usageError(`unexpected label spec: ${part}`);
    if (kv[0] === '') throw usageError('unexpected empty label key');
    labels[kv[0]!] = kv[1]!;
  }
  return labels;
}

/** The optional parts of the Service's spec: --type, --external-ip, --load-balancer-ip, --session-affinity, --cluster-ip. */
function specOptions(ctx: KubectlContext): Partial<NonNullable<Service['spec']>> {
  const type = ctx.flags.string('type');
  const externalIP = ctx.flags.string('external-ip');
  const loadBalancerIP = ctx.flags.string('load-balancer-ip');
  const affinity = ctx.flags.string('session-affinity');
  if (affinity && affinity !== 'None' && affinity !== 'ClientIP') throw usageError(`unknown session affinity: ${affinity}`);
  const clusterIP = ctx.flags.string('cluster-ip');
  return {
    ...(externalIP ? { externalIPs: [externalIP] } : {}),
    ...(type ? { type } : {}),
    ...(type === 'LoadBalancer' && loadBalancerIP ? { loadBalancerIP } : {}),
    ...(affinity ? { sessionAffinity: affinity } : {}),
    ...(clusterIP ? { clusterIP } : {}),
  };
}

function run(ctx: KubectlContext): void {
  const { found } = resolveTargets(ctx, ctx.flags.args);
  const dryRun = dryRunFlag(ctx);
  forEachReporting(ctx, found, (f) => {
    if (!['Pod', 'Service', 'Deployment', 'ReplicaSet'].includes(f.type.kind)) throw usageError(`cannot expose a ${f.type.kind}`);
    const name = ctx.flags.string('name') ?? f.object.metadata?.name ?? '';
    const labels = ctx.flags.string('labels');
    const selector = ctx.flags.string('selector');
    const ports = portsFor(ctx, f.object, ctx.flags.string('cluster-ip') === 'None');
    const svc: Service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: generatedMeta(ctx, name, f.object.metadata?.labels || labels ? { labels: labels ? parseLabels(labels) : { ...f.object.metadata?.labels } } : {}),
      spec: { ...(ports.length > 0 ? { ports } : {}), selector: selector ? parseLabels(selector) : selectorFor(f.object), ...specOptions(ctx) },
      // The typed Service kubectl builds always carries an (empty) load balancer status.
      status: { loadBalancer: {} },
    };
    const services = resourceType('services');
    recordChangeCause(ctx, svc);
    printResult(ctx, services, submitGenerated(ctx, services, svc, dryRun), 'exposed', dryRun, 'as-built');
  });
}

/** The verb's run; its name and flags are in deferred-verbs.ts, in the engine bundle. */
export const runExpose = run;

