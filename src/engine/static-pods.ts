/**
 * The control plane as kubeadm runs it: static pods whose manifests sit in
 * /etc/kubernetes/manifests on the control-plane node. The kubelet there runs them and mirrors
 * each into the API as `<name>-<node>` in kube-system, which is how `kubectl get pods -A` shows
 * etcd, the API server, the controller manager and the scheduler.
 */
import type { Container, Pod, Probe } from 'kubernetes-types/core/v1';
import type { ClusterConfig, NodeConfig } from './cluster-config';
import { formatVersion, type KubeVersion } from './version';

/** The etcd image kubeadm pins for each minor release (cmd/kubeadm/app/constants). */
export function etcdImageTag(minor: number): string {
  if (minor >= 34) return '3.6.4-0';
  if (minor === 33) return '3.5.21-0';
  if (minor === 32) return '3.5.16-0';
  return '3.5.15-0';
}

function probe(host: string, path: string, port: number, scheme: 'HTTP' | 'HTTPS', failureThreshold: number): Probe {
  return { failureThreshold, httpGet: { host, path, port, scheme }, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 15 };
}

interface Component {
  name: string;
  image: string;
  command: string[];
  cpu: string;
  memory?: string;
  probe: { host: string; port: number; scheme: 'HTTP' | 'HTTPS'; liveness: string; readiness?: string };
  annotations?: Record<string, string>;
  mounts: [name: string, path: string, readOnly: boolean][];
}

function staticPod(c: Component): Pod {
  const container: Container = {
    command: c.command,
    image: c.image,
    imagePullPolicy: 'IfNotPresent',
    livenessProbe: probe(c.probe.host, c.probe.liveness, c.probe.port, c.probe.scheme, 8),
    name: c.name,
    resources: { requests: { cpu: c.cpu, ...(c.memory ? { memory: c.memory } : {}) } },
    startupProbe: probe(c.probe.host, c.probe.liveness, c.probe.port, c.probe.scheme, 24),
    volumeMounts: c.mounts.map(([name, mountPath, readOnly]) => ({ mountPath, name, ...(readOnly ? { readOnly } : {}) })),
  };
  if (c.probe.readiness) {
    const { host, port, scheme } = c.probe;
    container.readinessProbe = { failureThreshold: 3, httpGet: { host, path: c.probe.readiness, port, scheme }, periodSeconds: 1, timeoutSeconds: 15 };
  }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { ...(c.annotations ? { annotations: c.annotations } : {}), labels: { component: c.name, tier: 'control-plane' }, name: c.name, namespace: 'kube-system' },
    spec: {
      containers: [container],
      hostNetwork: true,
      priority: 2000001000,
      priorityClassName: 'system-node-critical',
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      volumes: c.mounts.map(([name, path]) => ({ hostPath: { path, type: path.endsWith('.conf') ? 'FileOrCreate' : 'DirectoryOrCreate' }, name })),
    },
  };
}

/** The four manifests kubeadm writes on a control-plane node, in file-name order. */
export function controlPlaneStaticPods(config: ClusterConfig, node: NodeConfig, version: KubeVersion): Pod[] {
  const ip = node.internalIP;
  const v = formatVersion(version);
  return [
    staticPod({
      name: 'etcd',
      image: `registry.k8s.io/etcd:${etcdImageTag(version.minor)}`,
      command: ['etcd', `--advertise-client-urls=https://${ip}:2379`, '--cert-file=/etc/kubernetes/pki/etcd/server.crt', '--client-cert-auth=true', '--data-dir=/var/lib/etcd', `--initial-advertise-peer-urls=https://${ip}:2380`, `--initial-cluster=${node.name}=https://${ip}:2380`, '--key-file=/etc/kubernetes/pki/etcd/server.key', `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`, '--listen-metrics-urls=http://127.0.0.1:2381', `--listen-peer-urls=https://${ip}:2380`, `--name=${node.name}`, '--snapshot-count=10000', '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt'],
      cpu: '100m',
      memory: '100Mi',
      probe: { host: '127.0.0.1', port: 2381, scheme: 'HTTP', liveness: '/livez', readiness: '/readyz' },
      annotations: { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${ip}:2379` },
      mounts: [['etcd-data', '/var/lib/etcd', false], ['etcd-certs', '/etc/kubernetes/pki/etcd', false]],
    }),
    staticPod({
      name: 'kube-apiserver',
      image: `registry.k8s.io/kube-apiserver:${v}`,
      command: ['kube-apiserver', `--advertise-address=${ip}`, '--allow-privileged=true', '--authorization-mode=Node,RBAC', '--client-ca-file=/etc/kubernetes/pki/ca.crt', '--enable-admission-plugins=NodeRestriction', '--enable-bootstrap-token-auth=true', '--etcd-servers=https://127.0.0.1:2379', '--secure-port=6443', `--service-cluster-ip-range=${config.serviceCIDR}`, '--service-node-port-range=30000-32767', '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt', '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key'],
      cpu: '250m',
      probe: { host: ip, port: 6443, scheme: 'HTTPS', liveness: '/livez', readiness: '/readyz' },
      annotations: { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${ip}:6443` },
      mounts: [['ca-certs', '/etc/ssl/certs', true], ['k8s-certs', '/etc/kubernetes/pki', true]],
    }),
    staticPod({
      name: 'kube-controller-manager',
      image: `registry.k8s.io/kube-controller-manager:${v}`,
      command: ['kube-controller-manager', '--allocate-node-cidrs=true', '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf', '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf', '--bind-address=127.0.0.1', `--cluster-cidr=${config.clusterCIDR}`, '--cluster-name=kubernetes', '--controllers=*,bootstrapsigner,tokencleaner', '--kubeconfig=/etc/kubernetes/controller-manager.conf', '--leader-elect=true', `--service-cluster-ip-range=${config.serviceCIDR}`, '--use-service-account-credentials=true'],
      cpu: '200m',
      probe: { host: '127.0.0.1', port: 10257, scheme: 'HTTPS', liveness: '/healthz' },
      mounts: [['k8s-certs', '/etc/kubernetes/pki', true], ['kubeconfig', '/etc/kubernetes/controller-manager.conf', true]],
    }),
    staticPod({
      name: 'kube-scheduler',
      image: `registry.k8s.io/kube-scheduler:${v}`,
      command: ['kube-scheduler', '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf', '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf', '--bind-address=127.0.0.1', '--kubeconfig=/etc/kubernetes/scheduler.conf', '--leader-elect=true'],
      cpu: '100m',
      probe: { host: '127.0.0.1', port: 10259, scheme: 'HTTPS', liveness: '/livez', readiness: '/readyz' },
      mounts: [['kubeconfig', '/etc/kubernetes/scheduler.conf', true]],
    }),
  ];
}

export const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

export function isMirrorPod(pod: Pod | undefined): boolean {
  return pod?.metadata?.annotations?.[MIRROR_ANNOTATION] !== undefined;
}
