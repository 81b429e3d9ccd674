import type { Cluster } from '../../../engine/cluster';
import { runtimeOf } from '../../../engine/cri/capabilities';
import { hex, sha256 } from '../../../engine/sim/hash';
import type { Kubelet } from '../../../engine/kubelet/kubelet';
import type { ContainerInstance, ContainerWorker, PodWorker } from '../../../engine/kubelet/types';

/** One container as the CRI runtime lists it. */
export interface CriContainer {
  id: string;
  podId: string;
  pod: string;
  namespace: string;
  podUid: string;
  name: string;
  attempt: number;
  state: 'CONTAINER_RUNNING' | 'CONTAINER_EXITED';
  createdAtMs: number;
  image: string;
  imageRef: string;
  inst: ContainerInstance;
  worker: PodWorker;
  container: ContainerWorker;
}

export function kubeletOn(cluster: Cluster, node: string): Kubelet | undefined {
  return cluster.components.find((c) => c.id === `kubelet/${node}`) as Kubelet | undefined;
}

/** The pod sandbox ID the runtime gave a pod (64 hex, stable per pod). */
export function sandboxId(uid: string): string {
  return hex(sha256(`sandbox:${uid}`));
}

/** Every container the node's runtime knows (current and previous attempts), newest first. */
export function criContainers(cluster: Cluster, node: string): CriContainer[] {
  const k = kubeletOn(cluster, node);
  if (!k) return [];
  const out: CriContainer[] = [];
  for (const w of Object.values(k.state.workers)) {
    if (!w.sandboxStarted) continue;
    for (const c of w.containers) {
      const instances = [c.previous, c.current].filter((i): i is ContainerInstance => i !== undefined);
      instances.forEach((inst) => {
        const running = inst === c.current && c.stage === 'running';
        out.push({
          id: inst.id,
          podId: sandboxId(w.uid),
          pod: w.name,
          namespace: w.namespace,
          podUid: w.uid,
          name: c.name,
          attempt: inst === c.current ? c.restartCount : Math.max(0, c.restartCount - 1),
          state: running ? 'CONTAINER_RUNNING' : 'CONTAINER_EXITED',
          createdAtMs: inst.startedAtMs,
          image: c.image?.normalized ?? '',
          imageRef: c.image?.imageID ?? '',
          inst,
          worker: w,
          container: c,
        });
      });
    }
  }
  return out.sort((a, b) => b.createdAtMs - a.createdAtMs || (a.id < b.id ? -1 : 1));
}

/** Find a container by ID or unique ID prefix, as crictl does. */
export function findContainer(cluster: Cluster, node: string, id: string): CriContainer | undefined {
  const all = criContainers(cluster, node).filter((c) => c.id.startsWith(id));
  return all.length === 1 ? all[0] : undefined;
}

export function isCrio(cluster: Cluster, node: string): boolean {
  const n = cluster.config.nodes.find((x) => x.name === node);
  return n ? runtimeOf(n).name === 'cri-o' : false;
}

/** go-units HumanDuration, as crictl prints CREATED (`2 minutes ago`). */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const minutes = Math.floor(ms / 60_000);
  const hours = Math.floor(ms / 3_600_000 + 0.5);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(hours / 24 / 365)} years`;
}

/** go-units HumanSize with 3 significant digits, decimal units (`72.1MB`). */
export function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let size = bytes;
  let i = 0;
  while (size >= 1000 && i < units.length - 1) {
    size /= 1000;
    i++;
  }
  return `${Number(size.toPrecision(3))}${units[i]}`;
}
