import type { Endpoints } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { ClusterConfig } from '../../cluster-config';
import type { KubeObject } from '../objects';

/** The API server's secure port, which the `kubernetes` Service's https port targets. */
export const APISERVER_PORT = 6443;

/**
 * What the apiserver's endpoint reconciler writes for the `kubernetes` Service: an Endpoints
 * object (marked skip-mirror so the mirroring controller leaves it alone) and an EndpointSlice of
 * the same name, both pointing at the control-plane node's address on 6443.
 */
export function apiserverEndpoints(config: ClusterConfig): [string, KubeObject][] {
  const master = config.nodes.find((n) => n.controlPlane) ?? config.nodes[0];
  if (!master) return [];
  const port = { name: 'https', port: APISERVER_PORT, protocol: 'TCP' };
  const endpoints: Endpoints = {
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: master.internalIP }], ports: [port] }],
  };
  const slice: EndpointSlice = {
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: [master.internalIP], conditions: { ready: true } }],
    ports: [port],
  };
  return [
    ['endpoints', endpoints],
    ['endpointslices', slice],
  ];
}
