/**
 * `kubectl expose deployment|replicaset|pod|service NAME --port=80 [--target-port] [--type]
 * [--name] [--protocol]`: a Service whose selector comes from the object; `service/web exposed`.
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

/** Ports from --port, else every container port (kubectl's PortsForObject introspection). */
function portsFor(ctx: KubectlContext, obj: KubeObject): ServicePort[] {
  const protocol = (ctx.flags.string('protocol') ?? 'TCP') as ServicePort['protocol'];
  const target = ctx.flags.string('target-port');
  const targetPort = target === undefined ? undefined : /^\d+$/.test(target) ? Number(target) : target;
  const flag = ctx.flags.string('port');
  if (flag !== undefined) return [{ port: Number(flag), protocol, targetPort: targetPort ?? Number(flag) }];
  const introspected =
    obj.kind === 'Service'
      ? ((obj as Service).spec?.ports ?? []).map((p) => p.port)
      : (podSpecOf(obj)?.containers ?? []).flatMap((c) => (c.ports ?? []).map((p) => p.containerPort));
  if (introspected.length === 0) throw usageError("couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples");
  const many = introspected.length > 1;
  return introspected.map((port, i) => ({ ...(many ? { name: `port-${i + 1}` } : {}), port, protocol, targetPort: targetPort ?? port }));
}

function run(ctx: KubectlContext): void {
  const { found } = resolveTargets(ctx, ctx.flags.args);
  const dryRun = dryRunFlag(ctx);
  forEachReporting(ctx, found, (f) => {
    if (!['Pod', 'Service', 'Deployment', 'ReplicaSet'].includes(f.type.kind)) throw usageError(`cannot expose a ${f.type.kind}`);
    const name = ctx.flags.string('name') ?? f.object.metadata?.name ?? '';
    const type = ctx.flags.string('type');
    const labels = ctx.flags.string('labels');
    const svc: Service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: generatedMeta(ctx, name, f.object.metadata?.labels || labels ? { labels: labels ? Object.fromEntries(labels.split(',').map((kv) => kv.split('=') as [string, string])) : { ...f.object.metadata?.labels } } : {}),
      spec: { ports: portsFor(ctx, f.object), selector: selectorFor(f.object), ...(type ? { type } : {}) },
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

