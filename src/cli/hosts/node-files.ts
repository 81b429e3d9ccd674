import type { ClusterConfig, NodeConfig } from '../../engine/cluster-config';
import { rootDirectories, workingDirectory } from '../../engine/apps';
import { controlPlaneStaticPods } from '../../engine/static-pods';
import { parseVersion, type KubeVersion } from '../../engine/version';
import { toYaml } from '../kubectl/output';
import { MemoryFs } from '../shell/memory-fs';

/** The kubelet's config file as kubeadm writes it (the fields learners look for). */
function kubeletConfig(): string {
  return `apiVersion: kubelet.config.k8s.io/v1beta1
authentication:
  anonymous:
    enabled: false
  webhook:
    cacheTTL: 0s
    enabled: true
  x509:
    clientCAFile: /etc/kubernetes/pki/ca.crt
authorization:
  mode: Webhook
cgroupDriver: systemd
clusterDNS:
- 10.96.0.10
clusterDomain: cluster.local
containerRuntimeEndpoint: ""
cpuManagerReconcilePeriod: 0s
evictionPressureTransitionPeriod: 0s
fileCheckFrequency: 0s
healthzBindAddress: 127.0.0.1
healthzPort: 10248
httpCheckFrequency: 0s
imageMinimumGCAge: 0s
kind: KubeletConfiguration
logging: {}
nodeStatusReportFrequency: 0s
nodeStatusUpdateFrequency: 0s
rotateCertificates: true
runtimeRequestTimeout: 0s
shutdownGracePeriod: 0s
shutdownGracePeriodCriticalPods: 0s
staticPodPath: /etc/kubernetes/manifests
streamingConnectionIdleTimeout: 0s
syncFrequency: 0s
volumeStatsAggPeriod: 0s
`;
}

/** The control plane's static pod manifests, as the kubelet on that node runs them. */
function manifests(config: ClusterConfig, node: NodeConfig, version: KubeVersion): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pod of controlPlaneStaticPods(config, node, version)) out[`${pod.metadata!.name}.yaml`] = toYaml({ apiVersion: 'v1', kind: 'Pod', ...pod });
  return out;
}

/** A fresh file system for a node, with the files learners look at after `ssh NODE`. */
export function nodeFs(config: ClusterConfig, node: NodeConfig, version: KubeVersion | string): MemoryFs {
  const v = typeof version === 'string' ? parseVersion(version) : version;
  const fs = new MemoryFs();
  const hosts = config.nodes.map((n) => `${n.internalIP}\t${n.name}`).join('\n');
  const files: Record<string, string> = {
    '/etc/hostname': `${node.name}\n`,
    '/etc/hosts': `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n${hosts}\n`,
    '/etc/resolv.conf': 'nameserver 172.18.0.1\noptions ndots:0\n',
    '/etc/os-release': 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nID=debian\n',
    '/var/lib/kubelet/config.yaml': kubeletConfig(),
    '/etc/kubernetes/kubelet.conf': `apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: LS0tLS1CRUdJTi...\n    server: https://${config.nodes.find((n) => n.controlPlane)?.internalIP ?? node.internalIP}:6443\n  name: kubernetes\nkind: Config\nusers:\n- name: system:node:${node.name}\n`,
    '/etc/kubernetes/pki/ca.crt': '-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIclusterlabAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n-----END CERTIFICATE-----\n',
  };
  if (node.controlPlane) for (const [name, text] of Object.entries(manifests(config, node, v))) files[`/etc/kubernetes/manifests/${name}`] = text;
  else fs.mkdir('/etc/kubernetes/manifests');
  for (const [path, content] of Object.entries(files)) {
    fs.mkdir(path.slice(0, path.lastIndexOf('/')));
    fs.write(path, content);
  }
  fs.mkdir('/root');
  fs.chdir('/root');
  return fs;
}

/** A pod's container file system, seeded from what the container sees. */
/**
 * A container's file system for a shell entered with `kubectl exec -it`: its files, the image's
 * top-level directories (`ls /` as in the real image), and its WORKDIR as the current directory.
 */
export function podFs(files: Record<string, string>, kind: string): MemoryFs {
  const fs = new MemoryFs();
  for (const dir of rootDirectories(kind)) fs.mkdir(`/${dir}`);
  for (const [path, content] of Object.entries(files)) {
    fs.mkdir(path.slice(0, path.lastIndexOf('/')) || '/');
    fs.write(path, content);
  }
  const workdir = workingDirectory(kind);
  fs.mkdir(workdir);
  fs.chdir(workdir);
  return fs;
}
