import { hex, sha256 } from './sim/hash';
import type { Node, Service } from 'kubernetes-types/core/v1';
import { ApiServer } from './api/apiserver';
import { EventRecorder } from './api/events';
import { ServiceRegistry } from './api/registry/service-registry';
import { apiserverEndpoints } from './api/registry/kubernetes-service';
import { defaultServiceAccount, rootCAConfigMap } from './controllers/service-account';
import type { ClusterConfig, NodeConfig } from './cluster-config';
import { Simulator } from './sim/simulator';
import { Store } from './store/mvcc';
import { runtimeOf, runtimeVersionString } from './cri/capabilities';
import { formatVersion, parseVersion, type KubeVersion } from './version';

/** The pieces every component is built from: clock, etcd, API server, event recorder. */
export interface ControlPlane {
  config: ClusterConfig;
  version: KubeVersion;
  sim: Simulator;
  store: Store;
  api: ApiServer;
  events: EventRecorder;
  /** The Service REST storage's ClusterIP and NodePort allocators. */
  services: ServiceRegistry;
}

/**
 * Create the control plane and the objects kubeadm leaves in a fresh cluster: the four system
 * namespaces, one Node per configured node (status filled in by each kubelet) and the
 * `kubernetes` Service. No component runs yet; tests can wire just the ones they exercise.
 */
export function createControlPlane(config: ClusterConfig): ControlPlane {
  const sim = new Simulator(config.seed);
  const store = new Store(sim, config.watchLatencyMs, config.epochMs);
  const version = parseVersion(config.kubernetesVersion);
  const api = new ApiServer(sim, store, config.epochMs, version, config.featureGates ?? {});
  const events = new EventRecorder(api);
  const services = new ServiceRegistry(sim, config.serviceCIDR, version);
  api.addRegistryHook(services);
  for (const name of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
    api.create('namespaces', { metadata: { name } }, 'kubeadm');
    // What the controller manager put there long before a learner arrives.
    api.create('serviceaccounts', defaultServiceAccount(name), 'serviceaccounts-controller');
    api.create('configmaps', rootCAConfigMap(name, config.seed), 'root-ca-cert-publisher');
  }
  for (const node of config.nodes) api.create('nodes', nodeObject(node, version), 'kubeadm');
  api.create('services', kubernetesService(services.clusterIPs.indexedIP(1)), 'kube-apiserver');
  for (const [resource, obj] of apiserverEndpoints(config)) api.create(resource, obj, 'kube-apiserver');
  return { config, version, sim, store, api, events, services };
}

export function nodeObject(node: NodeConfig, version: KubeVersion): Node {
  const capacity = {
    cpu: node.cpuMillis % 1000 === 0 ? String(node.cpuMillis / 1000) : `${node.cpuMillis}m`,
    memory: `${Math.floor(node.memoryBytes / 1024)}Ki`,
    pods: String(node.maxPods),
    'ephemeral-storage': '102626232Ki',
  };
  return {
    metadata: { name: node.name, labels: { ...node.labels }, annotations: { 'node.alpha.kubernetes.io/ttl': '0' } },
    spec: {
      podCIDR: node.podCIDR,
      podCIDRs: [node.podCIDR],
      ...(node.taints.length > 0 ? { taints: node.taints.map((t) => ({ ...t })) } : {}),
    },
    status: {
      capacity,
      allocatable: { ...capacity },
      addresses: [
        { type: 'InternalIP', address: node.internalIP },
        { type: 'Hostname', address: node.name },
      ],
      nodeInfo: {
        ...machineIdentity(node.name),
        kernelVersion: '6.8.0-1021-gcp',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        containerRuntimeVersion: runtimeVersionString(runtimeOf(node)),
        kubeletVersion: formatVersion(version),
        kubeProxyVersion: '',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

/**
 * What the kubelet reads from the machine: /etc/machine-id (32 hex digits), the DMI product UUID
 * and the kernel's boot_id (a random UUID). Derived from the node's name, so they stay put across
 * runs and seeds, and draw nothing from the simulation's random stream.
 */
function machineIdentity(name: string): { machineID: string; systemUUID: string; bootID: string } {
  const digest = (salt: string) => hex(sha256(`${salt}/${name}`)).slice(0, 32);
  const uuid = (h: string) => `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  const boot = digest('boot-id');
  // boot_id is a version-4 UUID: version nibble 4, variant bits 10.
  const v4 = `${boot.slice(0, 12)}4${boot.slice(13, 16)}${((parseInt(boot[16]!, 16) & 0x3) | 0x8).toString(16)}${boot.slice(17)}`;
  return { machineID: digest('machine-id'), systemUUID: uuid(digest('product-uuid')), bootID: uuid(v4) };
}

/** The `kubernetes` Service: the first address of the service range, as the apiserver takes it. */
function kubernetesService(clusterIP: string): Service {
  return {
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      type: 'ClusterIP',
      clusterIP,
      clusterIPs: [clusterIP],
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
      sessionAffinity: 'None',
    },
  };
}
