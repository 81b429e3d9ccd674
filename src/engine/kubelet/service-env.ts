import type { Pod, Service } from 'kubernetes-types/core/v1';
import { isStored } from '../api/objects';

/** Services whose variables every pod gets, even with enableServiceLinks: false. */
const MASTER_SERVICES = new Set(['kubernetes']);

/** makeEnvVariableName: `redis-master` → `REDIS_MASTER`. */
function envName(name: string): string {
  return name.replace(/-/g, '_').toUpperCase();
}

/** IsServiceIPSet: headless (`None`) and ExternalName Services have no variables. */
function hasClusterIP(svc: Service): boolean {
  const ip = svc.spec?.clusterIP;
  return ip !== undefined && ip !== '' && ip !== 'None';
}

function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * envvars.FromServices for one Service: `{NAME}_SERVICE_HOST`, `{NAME}_SERVICE_PORT` (first port),
 * `{NAME}_SERVICE_PORT_{PORTNAME}` per named port, and the Docker link variables
 * `{NAME}_PORT` (first port) and `{NAME}_PORT_{port}_{PROTO}` with `_PROTO`, `_PORT`, `_ADDR`.
 * The kubelet collects them in a Go map, so a container sees them in no particular order; this
 * order is the one a real `env` printed for the `kubernetes` Service.
 */
function serviceVariables(svc: Service): readonly (readonly [string, string])[] {
  const prefix = envName(svc.metadata?.name ?? '');
  const ip = svc.spec!.clusterIP!;
  const ports = svc.spec?.ports ?? [];
  const first = ports[0];
  if (!first) return [[`${prefix}_SERVICE_HOST`, ip]];
  const out: [string, string][] = [];
  for (const p of ports) if (p.name) out.push([`${prefix}_SERVICE_PORT_${envName(p.name)}`, String(p.port)]);
  out.push([`${prefix}_SERVICE_PORT`, String(first.port)]);
  for (const p of ports) {
    const protocol = (p.protocol ?? 'TCP').toLowerCase();
    const portPrefix = `${prefix}_PORT_${p.port}_${protocol.toUpperCase()}`;
    out.push([portPrefix, `${protocol}://${joinHostPort(ip, p.port)}`]);
    out.push([`${portPrefix}_PROTO`, protocol]);
    out.push([`${portPrefix}_PORT`, String(p.port)]);
    out.push([`${portPrefix}_ADDR`, ip]);
  }
  out.push([`${prefix}_SERVICE_HOST`, ip]);
  out.push([`${prefix}_PORT`, `${(first.protocol ?? 'TCP').toLowerCase()}://${joinHostPort(ip, first.port)}`]);
  return out;
}

/**
 * getServiceEnvVarMap: the Services a container started now learns about through its
 * environment: those of the pod's namespace (unless `enableServiceLinks: false`) and the master
 * Service `kubernetes` from `default`, always. Services created later are not seen until the
 * container restarts, which is why DNS is the better way to find a Service.
 */
export function serviceEnv(pod: Pod, services: readonly Service[]): (readonly [string, string])[] {
  const namespace = pod.metadata?.namespace ?? 'default';
  const links = pod.spec?.enableServiceLinks !== false;
  const chosen = new Map<string, Service>();
  for (const svc of services) {
    if (!hasClusterIP(svc)) continue;
    const name = svc.metadata?.name ?? '';
    if (svc.metadata?.namespace === 'default' && MASTER_SERVICES.has(name)) {
      if (!chosen.has(name)) chosen.set(name, svc);
    } else if (svc.metadata?.namespace === namespace && links) {
      chosen.set(name, svc);
    }
  }
  // The master Service first, then the pod's namespace by name: a stable stand-in for Go's map order.
  const ordered = [...chosen.values()].sort((a, b) => rank(a) - rank(b) || (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
  return ordered.flatMap(variablesOf);
}

/** Each stored Service spec's variables, with the name they were built for: every container start asks. */
const VARIABLES = new WeakMap<object, { name: string; variables: readonly (readonly [string, string])[] }>();

function variablesOf(svc: Service): readonly (readonly [string, string])[] {
  const spec = svc.spec;
  const name = svc.metadata?.name ?? '';
  if (!spec || !isStored(spec)) return serviceVariables(svc);
  const known = VARIABLES.get(spec);
  if (known?.name === name) return known.variables;
  const variables = serviceVariables(svc);
  VARIABLES.set(spec, { name, variables });
  return variables;
}

function rank(svc: Service): number {
  return svc.metadata?.namespace === 'default' && MASTER_SERVICES.has(svc.metadata.name ?? '') ? 0 : 1;
}

/** Add the Service variables a container's own env does not already define (the kubelet's rule). */
export function addServiceEnv(env: Record<string, string>, pod: Pod, services: readonly Service[]): void {
  for (const [name, value] of serviceEnv(pod, services)) if (!(name in env)) env[name] = value;
}
