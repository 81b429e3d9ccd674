/**
 * The network generators of `kubectl create`: `create service clusterip|nodeport|loadbalancer|
 * externalname NAME` (create_service.go) and `create ingress NAME --rule=...` (create_ingress.go),
 * building the objects those generators send. create.ts dispatches to them.
 */
import type { KubeObject } from '../../../engine/api/objects';
import { requireFlags, type KubectlContext } from '../context';
import { usageError } from '../errors';
import { FlagError, type FlagSpec } from '../flags';
import { generatedMeta } from '../mutation';
import { unknownSubcommand } from '../real-commands';

export const CREATE_NETWORK_FLAGS: FlagSpec[] = [
  { name: 'tcp', type: 'array' },
  { name: 'node-port', type: 'int' },
  { name: 'clusterip', type: 'string' },
  { name: 'external-name', type: 'string' },
  { name: 'class', type: 'string' },
  { name: 'rule', type: 'list' },
  { name: 'default-backend', type: 'string' },
  { name: 'annotation', type: 'list' },
];

const SERVICE_TYPES: Record<string, string> = { clusterip: 'ClusterIP', nodeport: 'NodePort', loadbalancer: 'LoadBalancer', externalname: 'ExternalName' };

const TYPE_FLAGS: [string, string][] = [
  ['clusterip', 'ClusterIP'],
  ['node-port', 'NodePort'],
  ['external-name', 'ExternalName'],
];

/** IntOrString.Parse: a number when it is one, else a port name. */
const intOrString = (text: string): number | string => (/^\d+$/.test(text) ? Number(text) : text);

/** `--tcp=5678:8080` → a port named `5678-8080`, port 5678, targetPort 8080. */
function servicePorts(ctx: KubectlContext, type: string): Record<string, unknown>[] {
  const specs = ctx.flags.array('tcp');
  const headless = ctx.flags.string('clusterip') === 'None';
  // A headless Service needs no port (ServiceOptions.Validate).
  if (specs.length === 0 && type !== 'ExternalName' && !headless) throw usageError('at least one tcp port specifier must be provided');
  return specs.map((spec, i) => {
    const [port, target] = spec.split(':');
    if (!/^\d+$/.test(port ?? '')) throw usageError(`invalid port ${JSON.stringify(port ?? '')}: must be a number`);
    const nodePort = ctx.flags.int('node-port');
    return {
      name: spec.replace(/:/g, '-'),
      port: Number(port),
      protocol: 'TCP',
      targetPort: intOrString(target ?? port!),
      ...(type === 'NodePort' && i === 0 && nodePort !== undefined ? { nodePort } : {}),
    };
  });
}

/** `kubectl create service TYPE NAME`: labels and selector `app=NAME`, as the generator sets them. */
export function serviceObject(ctx: KubectlContext, kind: string | undefined, name: string | undefined): KubeObject {
  const type = kind === undefined ? undefined : SERVICE_TYPES[kind];
  if (!type) throw unknownSubcommand('create service', ctx.flags.args.slice(1));
  // Each type's command has its own flags (create_service.go): --node-port is nodeport's only.
  for (const [flag, owner] of TYPE_FLAGS) if (ctx.flags.string(flag) !== undefined && owner !== type) throw new FlagError(`unknown flag: --${flag}`);
  if (type === 'ExternalName') requireFlags(ctx, 'external-name');
  if (!name) throw usageError(`exactly one NAME is required, got 0\nSee 'kubectl create service ${kind} -h' for help and examples`);
  const externalName = ctx.flags.string('external-name');
  if (type === 'ExternalName' && !externalName) throw usageError('required flag(s) "external-name" not set');
  const clusterIP = ctx.flags.string('clusterip');
  const ports = servicePorts(ctx, type);
  // The generator's typed Service omits empty ports (an ExternalName service has none).
  const spec: Record<string, unknown> = { ...(ports.length > 0 ? { ports } : {}), selector: { app: name }, type };
  if (clusterIP) spec.clusterIP = clusterIP;
  if (externalName) spec.externalName = externalName;
  return { apiVersion: 'v1', kind: 'Service', metadata: generatedMeta(ctx, name, { labels: { app: name } }), spec, status: { loadBalancer: {} } } as KubeObject;
}

/** `svc:port` of --rule and --default-backend as an IngressServiceBackend. */
function backend(text: string, flag: string): Record<string, unknown> {
  const [service, port] = text.split(':');
  if (!service || !port) throw usageError(`${flag}: ${text} is invalid and should be in format service:port`);
  const p = intOrString(port);
  return { service: { name: service, port: typeof p === 'number' ? { number: p } : { name: p } } };
}

/** `host/path=svc:port[,tls[=secret]]`: a path ending in `*` is a Prefix, any other is Exact. */
function ruleOf(rule: string): { host: string; path: Record<string, unknown>; tls?: { secret?: string } } {
  const eq = rule.indexOf('=');
  const slash = rule.indexOf('/');
  if (eq < 0 || slash < 0 || slash > eq) throw usageError(`rule ${rule} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`);
  const host = rule.slice(0, slash);
  const path = rule.slice(slash, eq);
  const [target, tls] = rule.slice(eq + 1).split(',');
  const prefix = path.endsWith('*');
  const entry = { backend: backend(target ?? '', '--rule'), path: prefix ? path.slice(0, -1) : path, pathType: prefix ? 'Prefix' : 'Exact' };
  return { host, path: entry, ...(tls?.startsWith('tls') ? { tls: tls.includes('=') ? { secret: tls.slice(4) } : {} } : {}) };
}

/** `kubectl create ingress NAME --rule=... [--class=...] [--default-backend=svc:port]`. */
export function ingressObject(ctx: KubectlContext, name: string): KubeObject {
  const rules = ctx.flags.array('rule').map(ruleOf);
  const fallback = ctx.flags.string('default-backend');
  if (rules.length === 0 && !fallback) throw usageError('not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)');
  const byHost = new Map<string, Record<string, unknown>[]>();
  for (const r of rules) byHost.set(r.host, [...(byHost.get(r.host) ?? []), r.path]);
  const spec: Record<string, unknown> = {};
  const ingressClass = ctx.flags.string('class');
  if (ingressClass) spec.ingressClassName = ingressClass;
  if (fallback) spec.defaultBackend = backend(fallback, '--default-backend');
  if (rules.length > 0) spec.rules = [...byHost].map(([host, paths]) => ({ ...(host ? { host } : {}), http: { paths } }));
  const tls = rules.filter((r) => r.tls);
  if (tls.length > 0) spec.tls = tls.map((r) => ({ hosts: [r.host], ...(r.tls?.secret ? { secretName: r.tls.secret } : {}) }));
  const annotations = Object.fromEntries(ctx.flags.array('annotation').map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]));
  const metadata = generatedMeta(ctx, name, Object.keys(annotations).length > 0 ? { annotations } : {});
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata, spec, status: { loadBalancer: {} } } as KubeObject;
}
