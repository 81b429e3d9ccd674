import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Service } from 'kubernetes-types/core/v1';
import type { SyncInput } from '../../../src/engine/kube-proxy/proxier';
import { endpointsFromSlices, servicePorts } from '../../../src/engine/kube-proxy/service-info';
import { serviceKey } from '../../../src/engine/kube-proxy/proxier';

/** A ClusterIP Service `default/web` port `http` 80 → 8080, as the golden vector uses. */
export function webService(overrides: Partial<Service['spec']> = {}, name = 'web', clusterIP = '10.96.123.45'): Service {
  return {
    metadata: { name, namespace: 'default' },
    spec: { type: 'ClusterIP', clusterIP, clusterIPs: [clusterIP], ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }], selector: { app: name }, sessionAffinity: 'None', ...overrides },
  };
}

/** An EndpointSlice in upstream's shape for `service`, one ready endpoint per address. */
export function slice(service: string, addresses: { ip: string; node?: string; ready?: boolean; serving?: boolean; terminating?: boolean }[], port = 8080, portName = 'http'): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: `${service}-abcde`, namespace: 'default', labels: { 'kubernetes.io/service-name': service, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' } },
    addressType: 'IPv4',
    endpoints: addresses.map((a) => ({
      addresses: [a.ip],
      conditions: { ready: a.ready ?? true, serving: a.serving ?? a.ready ?? true, terminating: a.terminating ?? false },
      ...(a.node ? { nodeName: a.node } : {}),
    })),
    ports: [{ name: portName, port, protocol: 'TCP' }],
  };
}

/** Proxier input for a node from Services and slices, without a cluster. */
export function syncInput(services: Service[], slices: EndpointSlice[], nodeName = 'node-1'): SyncInput {
  const input: SyncInput = { services: {}, endpoints: {}, nodeName, nodeIP: '172.18.0.3', clusterCIDR: '10.244.0.0/16', serviceCIDR: '10.96.0.0/12', nowMs: 0 };
  for (const svc of services) for (const p of servicePorts(svc)) input.services[serviceKey(p)] = p;
  for (const svc of services) {
    const mine = slices.filter((s) => s.metadata?.labels?.['kubernetes.io/service-name'] === svc.metadata?.name);
    Object.assign(input.endpoints, endpointsFromSlices('default', svc.metadata!.name!, mine));
  }
  return input;
}
