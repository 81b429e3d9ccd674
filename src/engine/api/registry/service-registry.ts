import type { Service } from 'kubernetes-types/core/v1';
import type { Simulator } from '../../sim/simulator';
import type { RegistryHook } from '../apiserver';
import type { KubeVersion } from '../../version';
import { ApiError, invalid, type FieldError, type StatusReason } from '../errors';
import { keyOf, type KubeObject } from '../objects';
import { resourceType, type ResourceType } from '../resources';
import { goStringSlice, invalidRendered, validateClusterIPFields, validateClusterIPsUpdate } from '../validation/service';
import { ClusterIPAllocator } from './cluster-ip';
import { NodePortAllocator } from './node-port';
import {
  defaultTypeFields,
  dropTypeDependentFields,
  initIPFamilies,
  normalizeClusterIPs,
  patchAllocatedValues,
  wantsClusterIP,
  wantsHealthCheck,
  wantsNodePorts,
  type Spec,
} from './service-fields';

const SERVICES = resourceType('services');
/** An exhausted range is a 500 InternalError upstream, a reason this API's errors rarely need. */
const INTERNAL = 'InternalError' as StatusReason;

/** The values a Service holds in the allocators: cluster IPs and node ports (health check included). */
interface Holdings {
  ips: string[];
  ports: number[];
}

function holdings(svc: Service): Holdings {
  const spec = svc.spec ?? {};
  const ips = spec.type === 'ExternalName' ? [] : (spec.clusterIPs ?? []).filter((ip) => ip !== 'None' && ip !== '');
  const ports = (spec.ports ?? []).map((p) => p.nodePort ?? 0).filter((n) => n > 0);
  if (spec.healthCheckNodePort) ports.push(spec.healthCheckNodePort);
  return { ips, ports };
}

/**
 * The Service REST storage's allocation (pkg/registry/core/service/storage/alloc.go): before a
 * Service is validated and stored it gets its cluster IP and node ports, chosen by the user (and
 * refused with the real 422 texts when outside the range or taken) or drawn at random from the
 * seeded rng; what a failed write reserved is given back, and a deleted Service frees its values.
 * The allocators are a cache of what stored Services hold: rebuild() recomputes them, as the
 * apiserver's repair loops do.
 */
export class ServiceRegistry implements RegistryHook {
  readonly clusterIPs: ClusterIPAllocator;
  readonly nodePorts = new NodePortAllocator();

  constructor(
    private readonly sim: Simulator,
    serviceCIDR: string,
    private readonly version: KubeVersion,
  ) {
    this.clusterIPs = new ClusterIPAllocator(serviceCIDR, version);
  }

  begin(_op: 'CREATE' | 'UPDATE', type: ResourceType, obj: KubeObject, old: KubeObject | undefined): ((stored: boolean) => void) | undefined {
    if (type.resource !== 'services') return undefined;
    const svc = obj as Service;
    const before = old as Service | undefined;
    this.#prepare(svc, before);
    const owner = keyOf(svc);
    const reserved: Holdings = { ips: [], ports: [] };
    try {
      if (wantsClusterIP(svc)) this.#allocateClusterIP(svc, owner, reserved);
      this.#allocateNodePorts(svc, owner, reserved);
    } catch (e) {
      this.#release(reserved, owner);
      throw e;
    }
    return (stored) => {
      if (!stored) return this.#release(reserved, owner);
      if (!before) return;
      const kept = holdings(svc);
      const was = holdings(before);
      this.#release({ ips: was.ips.filter((ip) => !kept.ips.includes(ip)), ports: was.ports.filter((p) => !kept.ports.includes(p)) }, owner);
    };
  }

  removed(type: ResourceType, obj: KubeObject): void {
    if (type.resource === 'services') this.#release(holdings(obj as Service), keyOf(obj));
  }

  /** Forget everything and reserve what the given (stored) Services hold. */
  rebuild(services: readonly Service[]): void {
    this.clusterIPs.clear();
    this.nodePorts.clear();
    for (const svc of services) {
      const owner = keyOf(svc);
      const held = holdings(svc);
      for (const ip of held.ips) this.clusterIPs.allocate(ip, owner);
      for (const port of held.ports) this.nodePorts.allocate(port, owner);
    }
  }

  /** Defaulting and the strategy's PrepareForCreate/Update, then the pre-allocation checks. */
  #prepare(svc: Service, old: Service | undefined): void {
    const spec = ((svc as { spec?: Spec }).spec ??= {});
    spec.type ??= 'ClusterIP';
    // A new Service reads back `status: {loadBalancer: {}}`, whatever its type.
    if (!old) (svc as { status?: object }).status ??= { loadBalancer: {} };
    defaultTypeFields(svc);
    if (old) {
      dropTypeDependentFields(svc, old);
      patchAllocatedValues(svc, old);
    }
    normalizeClusterIPs(svc, old);
    const errors: FieldError[] = validateClusterIPFields(svc);
    if (errors.length === 0 && old) errors.push(...validateClusterIPsUpdate(svc, old));
    if (errors.length > 0) throw invalid(SERVICES, svc.metadata?.name ?? '', errors);
    initIPFamilies(svc, old);
  }

  #allocateClusterIP(svc: Service, owner: string, reserved: Holdings): void {
    const spec = svc.spec as Spec;
    const requested = spec.clusterIPs?.[0];
    if (requested) {
      if (this.clusterIPs.ownerOf(requested) === owner) return;
      const result = this.clusterIPs.allocate(requested, owner);
      if (!result.ok) {
        const error = invalidRendered('spec.clusterIPs', goStringSlice(spec.clusterIPs ?? [], this.version), `failed to allocate IP ${requested}: ${result.reason}`);
        throw invalid(SERVICES, svc.metadata?.name ?? '', [error]);
      }
      reserved.ips.push(requested);
      return;
    }
    const ip = this.clusterIPs.allocateNext(this.sim.rng, owner);
    if (ip === undefined) throw new ApiError(500, INTERNAL, 'Internal error occurred: failed to allocate a serviceIP: range is full');
    reserved.ips.push(ip);
    spec.clusterIP = ip;
    spec.clusterIPs = [ip];
  }

  /** initNodePorts / updateNodePorts: requested ports reserved, missing ones drawn. */
  #allocateNodePorts(svc: Service, owner: string, reserved: Holdings): void {
    const spec = svc.spec as Spec;
    if (wantsNodePorts(svc)) {
      // Ports of one Service may share a node port across protocols (TCP and UDP 53).
      const byPort = new Map<number, number>();
      (spec.ports ?? []).forEach((p, i) => {
        if (p.nodePort) {
          this.#reservePort(svc, p.nodePort, `spec.ports[${i}].nodePort`, owner, reserved);
          byPort.set(p.port, p.nodePort);
          return;
        }
        p.nodePort = byPort.get(p.port) ?? this.#nextPort(owner, reserved);
        byPort.set(p.port, p.nodePort);
      });
    }
    if (wantsHealthCheck(svc)) {
      if (spec.healthCheckNodePort) this.#reservePort(svc, spec.healthCheckNodePort, 'spec.healthCheckNodePort', owner, reserved);
      else spec.healthCheckNodePort = this.#nextPort(owner, reserved);
    }
  }

  #reservePort(svc: Service, port: number, field: string, owner: string, reserved: Holdings): void {
    if (this.nodePorts.ownerOf(port) === owner) return;
    const result = this.nodePorts.allocate(port, owner);
    if (!result.ok) throw invalid(SERVICES, svc.metadata?.name ?? '', [invalidRendered(field, String(port), result.reason)]);
    reserved.ports.push(port);
  }

  #nextPort(owner: string, reserved: Holdings): number {
    const port = this.nodePorts.allocateNext(this.sim.rng, owner);
    if (port === undefined) throw new ApiError(500, INTERNAL, 'Internal error occurred: failed to allocate a nodePort: range is full');
    reserved.ports.push(port);
    return port;
  }

  #release(values: Holdings, owner: string): void {
    for (const ip of values.ips) this.clusterIPs.release(ip, owner);
    for (const port of values.ports) this.nodePorts.release(port, owner);
  }
}
